import type { ShutdownTargets } from '../pipeline/shutdown-hooks.js';
import type { ProcessErrorOrigin } from './process-error-origin.js';
import { ProcessErrorRecorder, type ProcessErrorTelemetry } from './record-process-error.js';

type Listener = (...args: unknown[]) => void;

/** The parts of `process` the capture uses; tests pass an EventEmitter. */
export interface ProcessErrorSource {
  on(event: string, listener: Listener): unknown;
  removeListener(event: string, listener: Listener): unknown;
  listenerCount(event: string): number;
  hasUncaughtExceptionCaptureCallback?(): boolean;
}

/** What the capture records into and flushes. */
export interface ProcessErrorTargets extends ProcessErrorTelemetry, Pick<ShutdownTargets, 'forceFlush'> {}

/**
 * Records uncaught exceptions and unhandled promise rejections (see `ProcessErrorRecorder`) without
 * changing what the process does about them; returns the function that removes every listener.
 *
 * Exceptions: `uncaughtExceptionMonitor` sees each one before Node decides, and a monitor cannot handle
 * it, so the process still prints the stack and exits with code 1 (or a user's `uncaughtException`
 * handler still keeps it alive). When nobody handles it the process exits right after the monitor
 * returns, with no further event-loop turn, so the monitor starts `forceFlush()` (the pipeline's own, as
 * the shutdown hooks use) and what runs synchronously gets out: span exporters behind the batch processor
 * (it calls `export` at once) that write synchronously, and every log processor (records reach them as
 * they are emitted). Batched log exporters (the SDK awaits before exporting), network requests and metric
 * collection need turns the process does not get. Waiting for them would mean keeping the process alive
 * with an `uncaughtException` handler, running other callbacks in a broken state: the very change of
 * behaviour this avoids.
 *
 * Rejections: an `unhandledRejection` listener of ours would itself count as handling them, keeping
 * alive a process that Node's default mode (`--unhandled-rejections=throw`) crashes. So we add none
 * of our own. In `throw` mode with no listener Node raises the rejection as an uncaught exception,
 * which reaches the monitor (origin `unhandledRejection`), recorded as above, flush included. While the
 * application has listeners of its own, the rejection is theirs, the process lives on (their choice), and
 * we listen alongside them: attached when their first listener is added, removed with their last one,
 * so ours is never the only one. Under `--unhandled-rejections=warn`, `warn-with-error-code` or `none`
 * with no listener of the application's, rejections are not recorded: Node only warns, and listening
 * would silence that warning.
 */
export function captureProcessErrors(
  targets: ProcessErrorTargets,
  source: ProcessErrorSource = process,
): () => void {
  const recorder = new ProcessErrorRecorder(targets);
  // Under --unhandled-rejections=strict a rejection reaches the monitor first, then (if an
  // `uncaughtException` handler took it) `unhandledRejection` too: count it once.
  const monitored = new WeakSet<object>();
  const record = (error: unknown, origin: ProcessErrorOrigin, exiting: boolean): void => {
    try {
      recorder.record(error, origin, exiting);
    } catch {
      // Recording must never turn one failure into another, nor change how this one ends the process.
    }
  };

  const onMonitor = (error: unknown, origin: unknown): void => {
    const exiting =
      source.listenerCount('uncaughtException') === 0 &&
      source.hasUncaughtExceptionCaptureCallback?.() !== true;
    const kind = origin === 'unhandledRejection' ? 'unhandled_rejection' : 'uncaught_exception';
    if (kind === 'unhandled_rejection' && isObject(error)) monitored.add(error);
    record(error, kind, exiting);
    if (exiting) void targets.forceFlush();
  };

  const onRejection = (reason: unknown): void => {
    if (isObject(reason) && monitored.delete(reason)) return;
    record(reason, 'unhandled_rejection', false);
  };
  let attached = false;
  const attach = (): void => {
    if (attached) return;
    attached = true;
    source.on('unhandledRejection', onRejection);
  };
  const detach = (): void => {
    if (!attached) return;
    attached = false;
    source.removeListener('unhandledRejection', onRejection);
  };
  // 'newListener' comes before the listener is added, 'removeListener' after it is gone.
  const onNewListener = (event: unknown, listener: unknown): void => {
    if (event === 'unhandledRejection' && listener !== onRejection) attach();
  };
  const onRemoveListener = (event: unknown, listener: unknown): void => {
    if (event !== 'unhandledRejection') return;
    if (listener === onRejection) attached = false;
    else if (attached && source.listenerCount('unhandledRejection') <= 1) detach();
  };

  source.on('uncaughtExceptionMonitor', onMonitor);
  source.on('newListener', onNewListener);
  source.on('removeListener', onRemoveListener);
  if (source.listenerCount('unhandledRejection') > 0) attach();

  return () => {
    source.removeListener('newListener', onNewListener);
    source.removeListener('removeListener', onRemoveListener);
    source.removeListener('uncaughtExceptionMonitor', onMonitor);
    detach();
  };
}

function isObject(value: unknown): value is object {
  return (typeof value === 'object' && value !== null) || typeof value === 'function';
}
