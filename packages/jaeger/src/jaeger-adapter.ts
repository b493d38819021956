import { type AdapterDescriptorV1, type AdapterV1, bindAdapter } from '@mcp-o11y/core';
import { createOtlpExporter, type SpanExporter } from './create-otlp-exporter.js';
import { type JaegerOptions, jaegerOptionsSchema, resolveJaegerOptions } from './jaeger-options.js';
import { createThriftExporter } from './thrift-span-exporter.js';

/**
 * The `jaeger` adapter descriptor, for config-driven loading:
 * `adapters: [{ id: jaeger, options: { endpoint: http://jaeger:4318/v1/traces } }]`.
 */
export const adapter: AdapterDescriptorV1<JaegerOptions> = {
  specificationVersion: 'v1',
  id: 'jaeger',
  kinds: ['traces'],
  parseOptions(raw: unknown): JaegerOptions {
    // Throws the ZodError as is: core turns its issues into config paths.
    return jaegerOptionsSchema.parse(raw ?? {});
  },
  async create(options, context) {
    const resolved = resolveJaegerOptions(options, context.env);
    const exporter: SpanExporter =
      resolved.mode === 'otlp'
        ? await createOtlpExporter(resolved)
        : // The 2.x Thrift exporter in the 3.x pipeline: see ThriftSpanExporter for why the cast holds.
          ((await createThriftExporter(resolved)) as unknown as SpanExporter);
    return {
      specificationVersion: 'v1',
      id: 'jaeger',
      traces: { exporters: [exporter] },
      forceFlush: () => exporter.forceFlush?.() ?? Promise.resolve(),
      shutdown: () => exporter.shutdown(),
    };
  },
};

/**
 * Jaeger trace adapter for `createObservability({ adapters: [jaeger()] })`. Default: OTLP/HTTP to a
 * Jaeger collector on `http://localhost:4318/v1/traces`; `mode: 'thrift-http' | 'thrift-udp'` for
 * Jaeger deployments older than 1.35 or reachable only through an agent.
 */
export function jaeger(options: JaegerOptions = {}): AdapterV1 {
  return bindAdapter(adapter, options);
}
