import { OTLPLogExporter as GrpcLogExporter } from '@opentelemetry/exporter-logs-otlp-grpc';
import { OTLPLogExporter as JsonLogExporter } from '@opentelemetry/exporter-logs-otlp-http';
import { OTLPLogExporter as ProtobufLogExporter } from '@opentelemetry/exporter-logs-otlp-proto';
import { OTLPMetricExporter as GrpcMetricExporter } from '@opentelemetry/exporter-metrics-otlp-grpc';
import {
  AggregationTemporalityPreference,
  OTLPMetricExporter as JsonMetricExporter,
} from '@opentelemetry/exporter-metrics-otlp-http';
import { OTLPMetricExporter as ProtobufMetricExporter } from '@opentelemetry/exporter-metrics-otlp-proto';
import { OTLPTraceExporter as GrpcTraceExporter } from '@opentelemetry/exporter-trace-otlp-grpc';
import { OTLPTraceExporter as JsonTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as ProtobufTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import type { OtlpTemporality } from './otlp-options.js';
import type { ResolvedOtlpMetrics, ResolvedOtlpSignal } from './resolve-otlp-config.js';
import { exporterEnvironment, withExporterEnvironment } from './with-exporter-environment.js';

type Env = Readonly<Record<string, string | undefined>>;

/** The exporters' own compression enum has the same string values as our option. */
type ExporterCompression = NonNullable<
  NonNullable<ConstructorParameters<typeof JsonTraceExporter>[0]>['compression']
>;

const temporalityPreference: Readonly<Record<OtlpTemporality, AggregationTemporalityPreference>> = {
  cumulative: AggregationTemporalityPreference.CUMULATIVE,
  delta: AggregationTemporalityPreference.DELTA,
  lowmemory: AggregationTemporalityPreference.LOWMEMORY,
};

/** Serializes headers in `OTEL_EXPORTER_OTLP_HEADERS` syntax, percent-encoding what the parser decodes. */
function serializeHeaders(headers: Readonly<Record<string, string>>): string {
  return Object.entries(headers)
    .map(([key, value]) => `${key}=${encodeURIComponent(value)}`)
    .join(',');
}

interface ExporterConfig {
  readonly url: string;
  readonly timeoutMillis: number;
  readonly compression: ExporterCompression;
  readonly headers?: Record<string, string>;
}

/**
 * Explicit config for the exporter constructors. gRPC metadata must be a `@grpc/grpc-js` `Metadata`,
 * which only the exporter's own copy of grpc-js can build: for gRPC the headers go through the
 * environment view instead, where the exporter parses them into metadata itself.
 */
function exporterInput(
  resolved: ResolvedOtlpSignal,
  env: Env,
): { config: ExporterConfig; view: Record<string, string> } {
  const grpc = resolved.protocol === 'grpc';
  const config: ExporterConfig = {
    url: resolved.url,
    timeoutMillis: resolved.timeoutMs,
    compression: resolved.compression as unknown as ExporterCompression,
    ...(grpc ? {} : { headers: { ...resolved.headers } }),
  };
  const signalHeaders = `OTEL_EXPORTER_OTLP_${resolved.signal.toUpperCase()}_HEADERS`;
  const extra: Record<string, string> =
    grpc && Object.keys(resolved.headers).length > 0
      ? { [signalHeaders]: serializeHeaders(resolved.headers) }
      : {};
  return { config, view: exporterEnvironment(env, extra) };
}

/** The span exporter for the resolved protocol. */
export function createTraceExporter(resolved: ResolvedOtlpSignal, env: Env) {
  const { config, view } = exporterInput(resolved, env);
  return withExporterEnvironment(view, () => {
    switch (resolved.protocol) {
      case 'grpc':
        return new GrpcTraceExporter(config);
      case 'http/json':
        return new JsonTraceExporter(config);
      default:
        return new ProtobufTraceExporter(config);
    }
  });
}

/** The push metric exporter for the resolved protocol, with the resolved temporality. */
export function createMetricExporter(resolved: ResolvedOtlpMetrics, env: Env) {
  const { config, view } = exporterInput(resolved, env);
  const withTemporality = { ...config, temporalityPreference: temporalityPreference[resolved.temporality] };
  return withExporterEnvironment(view, () => {
    switch (resolved.protocol) {
      case 'grpc':
        return new GrpcMetricExporter(withTemporality);
      case 'http/json':
        return new JsonMetricExporter(withTemporality);
      default:
        return new ProtobufMetricExporter(withTemporality);
    }
  });
}

/** The log record exporter for the resolved protocol. */
export function createLogExporter(resolved: ResolvedOtlpSignal, env: Env) {
  const { config, view } = exporterInput(resolved, env);
  return withExporterEnvironment(view, () => {
    switch (resolved.protocol) {
      case 'grpc':
        return new GrpcLogExporter(config);
      case 'http/json':
        return new JsonLogExporter(config);
      default:
        return new ProtobufLogExporter(config);
    }
  });
}
