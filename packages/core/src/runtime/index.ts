export { RUNTIME_METRICS } from './runtime-metric-names.js';
export type { RuntimeMetrics, RuntimeMetricsOptions } from './start-runtime-metrics.js';
export { startRuntimeMetrics } from './start-runtime-metrics.js';
