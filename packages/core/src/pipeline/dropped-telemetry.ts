import {
  type Attributes,
  type Counter,
  createNoopMeter,
  type Meter,
  type MeterProvider,
} from '@opentelemetry/api';
import type { LoggerV1 } from '../spec/logs/v1/logger-v1.js';

/** Spans or log records one adapter lost, as reported by `Observability.diagnostics()`. */
export interface DroppedTelemetryV1 {
  /** Adapter id. */
  readonly adapter: string;
  /** `traces`, `logs`, or `metrics` (an adapter that stores and resends metric batches itself). */
  readonly signal: 'traces' | 'logs' | 'metrics';
  /**
   * `queue_full`: the batch queue (`OTEL_BSP_MAX_QUEUE_SIZE` / `OTEL_BLRP_MAX_QUEUE_SIZE`, default 2048)
   * was full because the backend is slow or down; `export_failed`: the batch's export failed, or an
   * adapter reported items it gave up on (`context.reportDropped`, e.g. a stored batch the backend refused).
   */
  readonly reason: 'queue_full' | 'export_failed';
  /** How many items. */
  readonly count: number;
}

type Signal = DroppedTelemetryV1['signal'];
type Reason = DroppedTelemetryV1['reason'];

/**
 * The SDK's batch processors drop silently when their queue is full (a `diag` line at most). They do
 * count every item they finish in the semantic-convention self-metric `otel.sdk.processor.*.processed`,
 * with `error.type=queue_full` for drops, through the `selfObsMeterProvider` they are given. Each batch
 * gets a provider from here whose only live instrument is that counter, turned into
 * `mcp_o11y.exporter.dropped{adapter,signal,reason}` and a warning logged once per adapter and signal.
 */
export class DroppedTelemetry {
  readonly #counts = new Map<string, { adapter: string; signal: Signal; reason: Reason; count: number }>();
  #logger: LoggerV1 | undefined;
  #counter: Counter | undefined;
  #reporting = false;

  attach(logger: LoggerV1, counter: Counter): void {
    this.#logger = logger;
    this.#counter = counter;
  }

  /** The `selfObsMeterProvider` of one adapter's batch processor for `signal`. */
  meterProviderFor(adapter: string, signal: Signal): MeterProvider {
    const noop = createNoopMeter();
    const processed: Counter = {
      add: (value: number, attributes?: Attributes) => {
        const errorType = attributes?.['error.type'];
        if (errorType === undefined || value <= 0) return;
        this.record(adapter, signal, errorType === 'queue_full' ? 'queue_full' : 'export_failed', value);
      },
    };
    const meter: Meter = Object.create(noop);
    meter.createCounter = (name, options) =>
      name.startsWith('otel.sdk.processor.') && name.endsWith('.processed')
        ? (processed as ReturnType<Meter['createCounter']>)
        : noop.createCounter(name, options);
    return { getMeter: () => meter };
  }

  record(adapter: string, signal: Signal, reason: Reason, count: number): void {
    const key = `${adapter}\u0000${signal}\u0000${reason}`;
    const existing = this.#counts.get(key);
    if (existing) existing.count += count;
    else this.#counts.set(key, { adapter, signal, reason, count });
    try {
      this.#counter?.add(count, { adapter, signal, reason });
    } catch {
      // Counting must never throw into the request path.
    }
    // The warning is itself a log record that may hit a full log queue: count that, don't recurse.
    if (existing || reason !== 'queue_full' || this.#reporting) return;
    this.#reporting = true;
    try {
      const variable = signal === 'traces' ? 'OTEL_BSP_MAX_QUEUE_SIZE' : 'OTEL_BLRP_MAX_QUEUE_SIZE';
      this.#logger?.warn(
        `[@mcp-o11y/core] adapter "${adapter}" cannot keep up: its ${signal} queue is full and new items are dropped (counted in mcp_o11y.exporter.dropped, not logged again). Check that the backend is reachable, or raise ${variable}.`,
        { adapter, signal },
      );
    } catch {
      // Logging must never throw into the request path.
    } finally {
      this.#reporting = false;
    }
  }

  counts(): readonly DroppedTelemetryV1[] {
    return [...this.#counts.values()].map((entry) => ({ ...entry }));
  }
}
