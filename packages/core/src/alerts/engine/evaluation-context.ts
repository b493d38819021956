import type { HealthStatusV1 } from '../../spec/health/v1/health-check-v1.js';
import type { MetricHistory } from './metric-history.js';
import type { SeriesIndex } from './series-index.js';

/** A health check's latest verdict, as the engine reads it. */
export interface HealthCheckReading {
  readonly name: string;
  readonly status: HealthStatusV1;
  readonly message?: string;
}

/**
 * What one evaluation tick reads, built once per tick and shared by every rule: the series (numbered by
 * the engine's {@link SeriesIndex}, which keeps each rule's selection across ticks), window statistics
 * read at most once per (series, window) per tick, the metric history and the health readings. Keeps the
 * tick's cost proportional to series + rules, not their product.
 */
export class EvaluationContext {
  constructor(
    readonly now: number,
    /** The series of this tick; `refresh`ed with the store's list before the context is built. */
    readonly series: SeriesIndex,
    readonly metrics: MetricHistory,
    readonly health: readonly HealthCheckReading[],
  ) {}
}
