import type { AlertSeriesNameV1 } from './alert-condition-v1.js';
import type { LabelMatcherV1 } from './label-matcher-v1.js';

/** Share of requests that must succeed, e.g. `{ kind: 'availability', target: 0.995 }` (an error rate below 0.5 %). */
export interface AvailabilityObjectiveV1 {
  /** Discriminator: `availability`. */
  readonly kind: 'availability';
  /** Good share, strictly between 0 and 1. The error budget is `1 - target`. */
  readonly target: number;
}

/**
 * Share of requests that must be faster than a threshold, e.g. "p95 < 200 ms" is
 * `{ kind: 'latency', thresholdSeconds: 0.2, target: 0.95 }`. Measured from the duration histogram's
 * buckets (`<series>.duration`); a threshold between bucket bounds counts against the next lower bound, so
 * pick a bound (the advised buckets include 0.2 and 0.5).
 */
export interface LatencyObjectiveV1 {
  /** Discriminator: `latency`. */
  readonly kind: 'latency';
  /** Seconds. */
  readonly thresholdSeconds: number;
  /** Good share, strictly between 0 and 1. */
  readonly target: number;
}

/**
 * A service level objective that `slo_burn_rate` rules alert on. The SRE workbook pairs (1 h / 5 min at
 * 14.4×, 6 h / 30 min at 6× for a 30-day period) need hours of history; the in-process engine reads the
 * in-memory windows (15 min retention by default), so its default pairs are scaled to fit: 15 min / 75 s at
 * 14.4× (page) and 15 min / 5 min at 6×. They catch fast burns only; slow burns are the generated
 * Prometheus rules' job, which use the workbook's windows unchanged.
 */
export interface SloV1 {
  /** Unique name, referenced by rules (`availability`, `latency-p95`). */
  readonly name: string;
  /** What is promised. */
  readonly objective: AvailabilityObjectiveV1 | LatencyObjectiveV1;
  /** The requests it covers. Default `mcp.server.operation`. */
  readonly series?: AlertSeriesNameV1;
  /** Narrow to some tools/methods. Default: every request of the series. */
  readonly matchers?: readonly LabelMatcherV1[];
  /** One line for humans, shown in notifications. */
  readonly description?: string;
}
