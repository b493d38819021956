import type { MetricReader, PushMetricExporter } from '@opentelemetry/sdk-metrics';

/**
 * What a metrics-capable adapter adds to the one OpenTelemetry pipeline. Push backends give exporters
 * (core wraps each one in a periodic reader and isolates its failures); pull backends such as Prometheus
 * give a reader that serves the scrape.
 */
export interface MetricsContributionV1 {
  /** Push exporters; core reads them every `exportIntervalMillis` (default 60 000 ms, env `OTEL_METRIC_EXPORT_INTERVAL`). */
  readonly exporters?: readonly PushMetricExporter[];
  /** Pull readers, registered on the meter provider as they are. */
  readonly readers?: readonly MetricReader[];
  /** Export interval for this adapter's push exporters, in milliseconds. Default 60 000. */
  readonly exportIntervalMillis?: number;
}
