import { AggregationTemporality, MetricReader } from '@opentelemetry/sdk-metrics';
import { type StoredMetric, toStoredMetrics } from './stored-metric.js';

/** Default cardinality limit per instrument: the OTel SDK's own default. */
export const DEFAULT_METRIC_CARDINALITY_LIMIT = 2000;

/** What {@link InMemoryMetricReader.snapshot} returns. */
export interface MetricsSnapshot {
  /** Every metric stream of the bound MeterProvider; empty before binding and after shutdown. */
  readonly metrics: readonly StoredMetric[];
  /** Non-fatal collection errors (e.g. a throwing observable callback), as messages. */
  readonly errors: readonly string[];
}

type ShutdownOptions = Parameters<MetricReader['shutdown']>[0];
type ForceFlushOptions = Parameters<MetricReader['forceFlush']>[0];

/**
 * A pull metric reader (sdk-metrics 3.x) that collects on demand into plain data. Temporality is
 * cumulative for every instrument, so a snapshot shows totals since start.
 *
 * Cardinality is bounded per instrument: once an instrument holds `cardinalityLimit - 1` distinct
 * attribute sets, measurements with any new set are aggregated into one extra point whose only attribute
 * is `otel.metric.overflow: true` (the SDK's behaviour, per the OTel spec). Nothing is dropped, detail is;
 * the metric is then marked `overflowed` in the snapshot.
 *
 * Shutdown and force-flush are idempotent and quiet (the SDK's own log an error on a second shutdown).
 */
export class InMemoryMetricReader extends MetricReader {
  /** Most points per instrument, the overflow point included. */
  readonly cardinalityLimit: number;
  private isBound = false;
  private isStopped = false;
  private overflowing = 0;

  /** @throws RangeError when `cardinalityLimit` is not an integer of at least 2. */
  constructor(cardinalityLimit: number = DEFAULT_METRIC_CARDINALITY_LIMIT) {
    if (!Number.isInteger(cardinalityLimit) || cardinalityLimit < 2) {
      throw new RangeError(
        `[@mcp-o11y/core] metric cardinality limit must be an integer >= 2, got ${cardinalityLimit}.`,
      );
    }
    super({
      aggregationTemporalitySelector: () => AggregationTemporality.CUMULATIVE,
      cardinalitySelector: () => cardinalityLimit,
    });
    this.cardinalityLimit = cardinalityLimit;
  }

  /** Instruments that had hit the cardinality limit at the last {@link InMemoryMetricReader.snapshot}. */
  get instrumentsOverflowing(): number {
    return this.overflowing;
  }

  /** Collects now and maps the result to plain data; empty when not bound to a MeterProvider or shut down. */
  async snapshot(): Promise<MetricsSnapshot> {
    if (!this.isBound || this.isStopped) return { metrics: [], errors: [] };
    const { resourceMetrics, errors } = await this.collect();
    const metrics = toStoredMetrics(resourceMetrics);
    this.overflowing = metrics.filter((metric) => metric.overflowed).length;
    return {
      metrics,
      errors: errors.map((error) => (error instanceof Error ? error.message : String(error))),
    };
  }

  override async shutdown(options?: ShutdownOptions): Promise<void> {
    if (this.isStopped) return;
    this.isStopped = true;
    await super.shutdown(options);
  }

  override async forceFlush(options?: ForceFlushOptions): Promise<void> {
    if (this.isStopped) return;
    await super.forceFlush(options);
  }

  protected override onInitialized(): void {
    this.isBound = true;
  }

  protected override async onShutdown(): Promise<void> {}

  protected override async onForceFlush(): Promise<void> {}
}
