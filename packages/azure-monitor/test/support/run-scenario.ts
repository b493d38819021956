import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** A scenario running in a child Node process, driven over IPC. */
export interface ScenarioProcess {
  readonly child: ChildProcess;
  /** Everything the child wrote to stdout (must stay empty: stdout is the MCP stdio channel). */
  readonly stdout: string[];
  readonly stderr: string[];
  /** Sends a command and resolves with the child's reply to it. */
  request<T>(command: Record<string, unknown>): Promise<T>;
  /** Waits for the child to exit. */
  exited(): Promise<number | null>;
}

const hooks = fileURLToPath(new URL('./ts-hooks.mjs', import.meta.url));
const scenario = fileURLToPath(new URL('../scenarios/ingestion-scenario.ts', import.meta.url));

/**
 * Starts `test/scenarios/ingestion-scenario.ts` in a child process with `NODE_EXTRA_CA_CERTS` pointing at
 * the test certificate: Node reads that variable only at start, so the real exporter's node:https
 * client trusts the local receiver only in a fresh process.
 */
export function startScenario(env: Record<string, string>): ScenarioProcess {
  const child = fork(scenario, [], {
    execArgv: ['--import', hooks, '--no-warnings'],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const stdout: string[] = [];
  const stderr: string[] = [];
  child.stdout?.on('data', (chunk: Buffer) => stdout.push(chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk.toString('utf8')));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  let sequence = 0;
  return {
    child,
    stdout,
    stderr,
    request<T>(command: Record<string, unknown>) {
      const id = ++sequence;
      return new Promise<T>((resolve, reject) => {
        const onMessage = (message: { id?: number; error?: string; result?: T }) => {
          if (message.id !== id) return;
          child.off('message', onMessage);
          if (message.error) reject(new Error(`scenario: ${message.error}\nstderr: ${stderr.join('')}`));
          else resolve(message.result as T);
        };
        child.on('message', onMessage);
        exit.then((code) =>
          reject(
            new Error(
              `scenario exited (${code}) before answering ${JSON.stringify(command)}\nstderr: ${stderr.join('')}`,
            ),
          ),
        );
        if (!child.connected) {
          reject(new Error(`scenario is not running\nstderr: ${stderr.join('')}`));
          return;
        }
        child.send({ ...command, id }, (error) => {
          if (error) reject(error);
        });
      });
    },
    exited: () => exit,
  };
}
