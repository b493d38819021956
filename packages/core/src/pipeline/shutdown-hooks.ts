import type { ShutdownHooksOptions } from './observability-options.js';

/** What the hooks call. */
export interface ShutdownTargets {
  forceFlush(): Promise<void>;
  shutdown(): Promise<void>;
}

/**
 * Installs the process hooks that flush and shut the pipeline down, and returns their removal.
 * Why each one: SIGTERM/SIGINT are how servers are stopped; stdin ending is how a stdio MCP server
 * learns its client left (and often the last moment before it is killed, mcp-ts-core#322);
 * `beforeExit` catches a process that simply ran out of work.
 */
export function installShutdownHooks(
  targets: ShutdownTargets,
  options: ShutdownHooksOptions = {},
): () => void {
  const removals: (() => void)[] = [];

  if (options.signals !== false) {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      const onSignal = (): void => {
        process.removeListener(signal, onSignal);
        void targets.shutdown().finally(() => {
          // If nobody else handles the signal, restore its default behaviour (exit) as if we were not here.
          if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
        });
      };
      process.on(signal, onSignal);
      removals.push(() => process.removeListener(signal, onSignal));
    }
  }

  if (options.stdinEnd !== false) {
    const onEnd = (): void => void targets.forceFlush();
    // Only listen: attaching an 'end' listener neither reads stdin nor keeps the process alive.
    process.stdin.once('end', onEnd);
    removals.push(() => process.stdin.removeListener('end', onEnd));
  }

  if (options.beforeExit !== false) {
    const onBeforeExit = (): void => void targets.forceFlush();
    process.once('beforeExit', onBeforeExit);
    removals.push(() => process.removeListener('beforeExit', onBeforeExit));
  }

  return () => {
    for (const remove of removals.splice(0)) remove();
  };
}
