export { createLogExporter, createMetricExporter, createTraceExporter } from './create-otlp-exporters.js';
export { adapter, otlp } from './otlp-adapter.js';
export {
  type OtlpCompression,
  type OtlpMetricsOptions,
  type OtlpOptions,
  type OtlpProtocol,
  type OtlpSignal,
  type OtlpSignalOptions,
  type OtlpTemporality,
  otlpOptionsSchema,
} from './otlp-options.js';
export {
  parseOtlpHeaders,
  type ResolvedOtlpConfig,
  type ResolvedOtlpMetrics,
  type ResolvedOtlpSignal,
  resolveOtlpConfig,
} from './resolve-otlp-config.js';
