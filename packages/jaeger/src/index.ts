export { adapter, jaeger } from './jaeger-adapter.js';
export {
  defaultThriftEndpoint,
  type JaegerMode,
  type JaegerOptions,
  type JaegerOtlpProtocol,
  jaegerOptionsSchema,
  parseJaegerTags,
  type ResolvedJaegerOptions,
  resolveJaegerOptions,
} from './jaeger-options.js';
export { type JaegerExportResult, ThriftSpanExporter } from './thrift-span-exporter.js';
