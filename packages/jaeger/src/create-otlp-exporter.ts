import type { TracesContributionV1 } from '@mcp-o11y/core';
import type { ResolvedJaegerOptions } from './jaeger-options.js';
import { withProcessEnv } from './with-process-env.js';

/** The span exporter type core accepts (the OpenTelemetry SDK 3.x `SpanExporter`). */
export type SpanExporter = NonNullable<TracesContributionV1['exporters']>[number];

type OtlpOptions = Extract<ResolvedJaegerOptions, { mode: 'otlp' }>;

/** gRPC metadata comes from the env form, so the exporter builds it with its own grpc-js. */
function headersAsEnv(headers: Readonly<Record<string, string>>): string {
  return Object.entries(headers)
    .map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`)
    .join(',');
}

/**
 * The OTLP exporter for a Jaeger collector (≥ 1.35 receives OTLP on 4318 and 4317): OTLP/HTTP JSON or
 * OTLP/gRPC. Loaded on demand so HTTP users never load grpc-js. Explicit options win; everything else
 * comes from the `OTEL_EXPORTER_OTLP_*` variables of `context.env`, applied by the exporter itself.
 */
export async function createOtlpExporter(options: OtlpOptions): Promise<SpanExporter> {
  const timeoutMillis = options.timeoutMs;
  const compression = options.compression as never;
  if (options.protocol === 'grpc') {
    const { OTLPTraceExporter } = await import('@opentelemetry/exporter-trace-otlp-grpc');
    const env = { ...options.otlpEnv };
    if (options.headers) env.OTEL_EXPORTER_OTLP_TRACES_HEADERS = headersAsEnv(options.headers);
    return withProcessEnv(
      env,
      () =>
        new OTLPTraceExporter({
          ...(options.endpoint === undefined ? {} : { url: options.endpoint }),
          ...(timeoutMillis === undefined ? {} : { timeoutMillis }),
          ...(compression === undefined ? {} : { compression }),
        }),
    );
  }
  const { OTLPTraceExporter } = await import('@opentelemetry/exporter-trace-otlp-http');
  return withProcessEnv(
    options.otlpEnv,
    () =>
      new OTLPTraceExporter({
        ...(options.endpoint === undefined ? {} : { url: options.endpoint }),
        ...(options.headers === undefined ? {} : { headers: { ...options.headers } }),
        ...(timeoutMillis === undefined ? {} : { timeoutMillis }),
        ...(compression === undefined ? {} : { compression }),
      }),
  );
}
