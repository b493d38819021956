export {
  convertToZipkinSpan,
  type HrTime,
  remoteEndpointOf,
  type ZipkinEndpointV2,
  type ZipkinSourceSpan,
  type ZipkinSpanV2,
} from './convert-to-zipkin-span.js';
export { adapter, zipkin } from './zipkin-adapter.js';
export {
  defaultZipkinTimeoutMs,
  defaultZipkinUrl,
  type ResolvedZipkinOptions,
  resolveZipkinOptions,
  type ZipkinOptions,
  zipkinOptionsSchema,
} from './zipkin-options.js';
export { type ZipkinExportResult, ZipkinSpanExporter } from './zipkin-span-exporter.js';
