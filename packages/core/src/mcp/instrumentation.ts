import { getActiveObservability } from '../pipeline/active-observability.js';
import type { Observability } from '../pipeline/observability.js';
import type { Connection } from './connection.js';
import {
  type InstrumentOptions,
  type ResolvedInstrumentOptions,
  resolveInstrumentOptions,
} from './instrument-options.js';
import { type NameSource, SideTelemetry } from './mcp-telemetry.js';
import { type MetaPropagator, resolveMetaPropagator } from './trace-context.js';

/**
 * One instrumentation: the resolved options, the instruments of both sides, the propagator, and the
 * orphan sweep over every connection with requests in flight. Shared by every server (and every
 * per-request server a factory makes) instrumented with the same options, so instruments and attribute
 * caches are built once.
 */
export class Instrumentation {
  readonly options: ResolvedInstrumentOptions;
  readonly server: SideTelemetry;
  readonly client: SideTelemetry;
  readonly propagator: MetaPropagator;
  readonly #tracked = new Set<Connection>();
  #timer: ReturnType<typeof setInterval> | undefined;

  constructor(options: ResolvedInstrumentOptions) {
    this.options = options;
    this.server = new SideTelemetry('server', options);
    this.client = new SideTelemetry('client', options);
    this.propagator = resolveMetaPropagator();
  }

  /** Watches `connection` for orphans until nothing is in flight on it. */
  track(connection: Connection): void {
    connection.tracked = true;
    this.#tracked.add(connection);
    if (this.#timer === undefined) {
      const every = Math.max(10, Math.min(this.options.spanTtlMs, 30_000));
      this.#timer = setInterval(() => this.sweep(), every);
      // Never keep a process alive just to look for orphans.
      this.#timer.unref?.();
    }
  }

  /** Stops watching `connection`. */
  untrack(connection: Connection): void {
    connection.tracked = false;
    this.#tracked.delete(connection);
    // A pending timer holds this instrumentation (its pipeline, its store) for up to 30 s after the last close.
    if (this.#tracked.size === 0) this.#stopTimer();
  }

  /** Ends every request older than `spanTtlMs` as an orphan. */
  sweep(now: number = performance.now()): void {
    const cutoff = now - this.options.spanTtlMs;
    for (const connection of this.#tracked) {
      if (!connection.sweep(cutoff)) this.untrack(connection);
    }
    if (this.#tracked.size === 0) this.#stopTimer();
  }

  #stopTimer(): void {
    if (this.#timer === undefined) return;
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  /** Lets `names` learn the tool or prompt names a `tools/list` / `prompts/list` result lists. */
  learnNames(names: NameSource, method: string, result: Record<string, unknown>, sentByUs: boolean): void {
    names.learn?.(method, result, sentByUs);
  }
}

const defaults = new WeakMap<Observability, Instrumentation>();

/**
 * The instrumentation for `options`. Without options beyond the handle, one per handle is reused, so
 * instrumenting many servers (or one per request) costs no new instruments.
 */
export function instrumentationFor(options: InstrumentOptions = {}): Instrumentation {
  const resolved = resolveInstrumentOptions(options, getActiveObservability);
  const onlyHandle = Object.keys(options).every((key) => key === 'observability');
  if (!onlyHandle) return new Instrumentation(resolved);
  let instrumentation = defaults.get(resolved.observability);
  if (instrumentation === undefined) {
    instrumentation = new Instrumentation(resolved);
    defaults.set(resolved.observability, instrumentation);
  }
  return instrumentation;
}
