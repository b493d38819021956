import type { HealthCheckV1 } from '../../health/v1/health-check-v1.js';
import type { LogsContributionV1 } from '../../logs/v1/logs-contribution-v1.js';
import type { MetricsContributionV1 } from '../../metrics/v1/metrics-contribution-v1.js';
import type { NotifierV1 } from '../../notifier/v1/notifier-v1.js';
import type { TracesContributionV1 } from '../../traces/v1/traces-contribution-v1.js';

/**
 * A created adapter: its contributions to the one pipeline. Core composes them, wraps each part so a
 * throw is reported once and counted instead of reaching the caller, and calls `shutdown` once.
 */
export interface AdapterInstanceV1 {
  /** The interface version this instance implements. */
  readonly specificationVersion: 'v1';
  /** The adapter id, as in its descriptor. */
  readonly id: string;
  /** Span exporters, processors and propagators. */
  readonly traces?: TracesContributionV1;
  /** Metric exporters and readers. */
  readonly metrics?: MetricsContributionV1;
  /** Log exporters and processors. */
  readonly logs?: LogsContributionV1;
  /** Alert notifiers. */
  readonly notifiers?: readonly NotifierV1[];
  /** Health checks of the adapter's own connection (scrape freshness, SMTP reachability). */
  readonly healthChecks?: readonly HealthCheckV1[];
  /** Flushes anything the adapter buffers outside the OTel processors. */
  forceFlush?(): Promise<void>;
  /** Releases servers, sockets and timers the adapter opened. Called once by core. */
  shutdown?(): Promise<void>;
}
