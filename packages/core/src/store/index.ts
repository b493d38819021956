export type { InMemoryBackendStats, RingBufferStats, SpanStoreStats } from './in-memory-backend.js';
export { InMemoryBackend } from './in-memory-backend.js';
export type { InMemoryBackendOptions } from './in-memory-backend-options.js';
export type { MetricsSnapshot } from './in-memory-metric-reader.js';
export { DEFAULT_METRIC_CARDINALITY_LIMIT } from './in-memory-metric-reader.js';
export { DEFAULT_RELATIVE_ACCURACY, MAX_SKETCH_VALUE, MIN_SKETCH_VALUE } from './quantile-sketch.js';
export type { StoredLogRecord } from './stored-log-record.js';
export type {
  StoredExponentialHistogramMetric,
  StoredGaugeMetric,
  StoredHistogramMetric,
  StoredHistogramPoint,
  StoredHistogramSummaryPoint,
  StoredMetric,
  StoredMetricBase,
  StoredMetricPointBase,
  StoredNumberPoint,
  StoredSumMetric,
} from './stored-metric.js';
export { METRIC_OVERFLOW_ATTRIBUTE } from './stored-metric.js';
export type {
  StoredSpan,
  StoredSpanEvent,
  StoredSpanKind,
  StoredSpanLink,
  StoredSpanStatus,
} from './stored-span.js';
export type { PlainAttributes, PlainValue } from './to-plain-value.js';
export type { WindowCounts, WindowSeries, WindowStats } from './window-series.js';
export type { WindowSeriesRegistryStats } from './window-series-registry.js';
export { OVERFLOW_LABEL_VALUE } from './window-series-registry.js';
