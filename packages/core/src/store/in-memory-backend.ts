import type { LogRecordProcessor } from '@opentelemetry/sdk-logs';
import type { MetricReader } from '@opentelemetry/sdk-metrics';
import type { SpanProcessor } from '@opentelemetry/sdk-trace';
import type { InMemoryBackendOptions } from './in-memory-backend-options.js';
import { InMemoryLogRecordProcessor } from './in-memory-log-record-processor.js';
import {
  DEFAULT_METRIC_CARDINALITY_LIMIT,
  InMemoryMetricReader,
  type MetricsSnapshot,
} from './in-memory-metric-reader.js';
import { InMemorySpanProcessor } from './in-memory-span-processor.js';
import { DEFAULT_RELATIVE_ACCURACY } from './quantile-sketch.js';
import type { StoredLogRecord } from './stored-log-record.js';
import type { StoredSpan } from './stored-span.js';
import type { WindowSeries } from './window-series.js';
import { WindowSeriesRegistry, type WindowSeriesRegistryStats } from './window-series-registry.js';

/** Default of `InMemoryBackendOptions.maxOkSpansPerSecond`. */
const DEFAULT_MAX_OK_SPANS_PER_SECOND = 100;

/** Fill level and eviction count of one ring buffer. */
export interface RingBufferStats {
  /** Items held now. */
  readonly stored: number;
  /** The cap (`maxSpans` / `maxLogs`). */
  readonly max: number;
  /** Items evicted to make room since the backend was created. */
  readonly evicted: number;
}

/** The span ring buffer, plus the successful spans its per-second quota skipped. */
export interface SpanStoreStats extends RingBufferStats {
  /** Successful spans not stored because their second had reached `maxOkSpansPerSecond`, since creation. */
  readonly skipped: number;
}

/** Every cap of the in-memory backend and how often it was hit. */
export interface InMemoryBackendStats {
  /** The span ring buffer. */
  readonly spans: SpanStoreStats;
  /** The log record ring buffer. */
  readonly logs: RingBufferStats;
  /** The window series and their `maxSeries` cap. */
  readonly series: WindowSeriesRegistryStats;
  /** The metric reader's per-instrument cardinality limit. */
  readonly metrics: {
    /** Points per instrument, the overflow point included. */
    readonly cardinalityLimit: number;
    /** Instruments that had overflowed at the last `metricsSnapshot()` (0 before the first). */
    readonly instrumentsOverflowing: number;
  };
}

/**
 * The built-in backend, present in every process: recent spans and logs in ring buffers, metrics on
 * demand from a pull reader, and sliding-window series for the alert engine and the dashboard. Every
 * store is bounded and every bound, when hit, is counted in {@link InMemoryBackend.stats}.
 *
 * @example
 * ```ts
 * const backend = new InMemoryBackend({ maxSeries: 500 });
 * const tracerProvider = new TracerProvider({ spanProcessors: [backend.spanProcessor] });
 * const calls = backend.series('mcp.server.request', { method: 'tools/call', target: 'search', outcome: 'ok' });
 * calls.observe(0.042, false); // on the hot path; keep `calls`
 * calls.window(300).p95; // seconds
 * ```
 */
export class InMemoryBackend {
  /** Register with a `TracerProvider` (sdk-trace 3.x), unbatched: it stores each ended span. */
  readonly spanProcessor: SpanProcessor;
  /** Register with a `LoggerProvider` (sdk-logs 3.x): it stores each emitted record. */
  readonly logRecordProcessor: LogRecordProcessor;
  /** Register with one `MeterProvider` (sdk-metrics 3.x): a cumulative pull reader, see {@link InMemoryBackend.metricsSnapshot}. */
  readonly metricReader: MetricReader;
  private readonly spans: InMemorySpanProcessor;
  private readonly logs: InMemoryLogRecordProcessor;
  private readonly metrics: InMemoryMetricReader;
  private readonly registry: WindowSeriesRegistry;
  private stopping: Promise<void> | undefined = undefined;

  /**
   * @param options - Bounds and resolution; every field has a default (see {@link InMemoryBackendOptions}).
   * @param clock - Epoch milliseconds for window series; injectable so tests can move time.
   * @throws RangeError when an option is out of range (non-positive caps, a `maxOkSpansPerSecond` that
   * is neither a positive integer nor `Infinity`, a retention shorter than a bucket, a relative accuracy
   * outside (0, 1)).
   */
  constructor(options: InMemoryBackendOptions = {}, clock: () => number = Date.now) {
    const bucketSeconds = options.bucketSeconds ?? 10;
    const okSpansPerSecond = options.maxOkSpansPerSecond ?? DEFAULT_MAX_OK_SPANS_PER_SECOND;
    this.spans = new InMemorySpanProcessor(
      options.maxSpans ?? 1000,
      okSpansPerSecond === Number.POSITIVE_INFINITY ? {} : { okSpansPerSecond },
    );
    this.logs = new InMemoryLogRecordProcessor(options.maxLogs ?? 1000);
    this.metrics = new InMemoryMetricReader(DEFAULT_METRIC_CARDINALITY_LIMIT);
    this.registry = new WindowSeriesRegistry(
      options.maxSeries ?? 500,
      {
        bucketSeconds,
        retentionSeconds: options.retentionSeconds ?? 900,
        relativeAccuracy: options.relativeAccuracy ?? DEFAULT_RELATIVE_ACCURACY,
      },
      clock,
    );
    this.spanProcessor = this.spans;
    this.logRecordProcessor = this.logs;
    this.metricReader = this.metrics;
  }

  /**
   * The window series for `name` and `labels`, created on first call. Cache the handle: building the
   * label key costs a sort and a string, `observe` on the handle costs neither. Past `maxSeries` distinct
   * series this returns the name's overflow series (same label keys, every value `_OTHER`), whose
   * observations are counted in `stats().series.overflowObservations`.
   */
  series(name: string, labels: Readonly<Record<string, string>>): WindowSeries {
    return this.registry.get(name, labels);
  }

  /** Every series (regular, then overflow), or only those named `name`, in creation order. */
  listSeries(name?: string): readonly WindowSeries[] {
    return this.registry.list(name);
  }

  /** The newest `limit` stored spans (all when omitted), newest first, as copies the caller may keep. */
  recentSpans(limit?: number): StoredSpan[] {
    return this.spans.recent(limit);
  }

  /** The newest `limit` stored log records (all when omitted), newest first, as copies the caller may keep. */
  recentLogs(limit?: number): StoredLogRecord[] {
    return structuredClone(this.logs.recent(limit));
  }

  /**
   * Collects the metrics of the `MeterProvider` the reader is registered with, as plain data (cumulative
   * since start). Empty when the reader is not registered yet or the backend is shut down.
   */
  metricsSnapshot(): Promise<MetricsSnapshot> {
    return this.metrics.snapshot();
  }

  /** Fill levels, caps and cap hits of every store. */
  stats(): InMemoryBackendStats {
    return {
      spans: {
        stored: this.spans.stored,
        max: this.spans.capacity,
        evicted: this.spans.evicted,
        skipped: this.spans.skipped,
      },
      logs: { stored: this.logs.stored, max: this.logs.capacity, evicted: this.logs.evicted },
      series: this.registry.stats(),
      metrics: {
        cardinalityLimit: this.metrics.cardinalityLimit,
        instrumentsOverflowing: this.metrics.instrumentsOverflowing,
      },
    };
  }

  /** Nothing is buffered, so this only forwards to the parts; safe to call any number of times. */
  async forceFlush(): Promise<void> {
    if (this.stopping !== undefined) return;
    await Promise.all([this.spans.forceFlush(), this.logs.forceFlush(), this.metrics.forceFlush()]);
  }

  /**
   * Stops accepting spans, logs and metric collections. Stored data stays readable. Idempotent: a second
   * call returns the first call's promise.
   */
  shutdown(): Promise<void> {
    this.stopping ??= Promise.all([
      this.spans.shutdown(),
      this.logs.shutdown(),
      this.metrics.shutdown(),
    ]).then(() => undefined);
    return this.stopping;
  }
}
