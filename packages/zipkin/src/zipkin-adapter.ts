import {
  type AdapterDescriptorV1,
  type AdapterV1,
  bindAdapter,
  type TracesContributionV1,
} from '@mcp-o11y/core';
import { resolveZipkinOptions, type ZipkinOptions, zipkinOptionsSchema } from './zipkin-options.js';
import { ZipkinSpanExporter } from './zipkin-span-exporter.js';

type SpanExporter = NonNullable<TracesContributionV1['exporters']>[number];

/**
 * The `zipkin` adapter descriptor, for config-driven loading:
 * `adapters: [{ id: zipkin, options: { url: http://zipkin:9411/api/v2/spans } }]`.
 */
export const adapter: AdapterDescriptorV1<ZipkinOptions> = {
  specificationVersion: 'v1',
  id: 'zipkin',
  kinds: ['traces'],
  parseOptions(raw: unknown): ZipkinOptions {
    // Throws the ZodError as is: core turns its issues into config paths.
    return zipkinOptionsSchema.parse(raw ?? {});
  },
  create(options, context) {
    const exporter = new ZipkinSpanExporter(resolveZipkinOptions(options, context.env));
    return {
      specificationVersion: 'v1',
      id: 'zipkin',
      // ReadableSpan satisfies ZipkinSourceSpan and ZipkinExportResult is the SDK's ExportResult shape.
      traces: { exporters: [exporter satisfies SpanExporter] },
      forceFlush: () => exporter.forceFlush(),
      shutdown: () => exporter.shutdown(),
    };
  },
};

/**
 * Zipkin trace adapter for `createObservability({ adapters: [zipkin()] })`: every span, as Zipkin v2
 * JSON, to `OTEL_EXPORTER_ZIPKIN_ENDPOINT` (default `http://localhost:9411/api/v2/spans`).
 */
export function zipkin(options: ZipkinOptions = {}): AdapterV1 {
  return bindAdapter(adapter, options);
}
