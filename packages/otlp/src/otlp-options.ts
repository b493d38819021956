import { z } from 'zod';

/** OTLP transport and encoding, as `OTEL_EXPORTER_OTLP_PROTOCOL` names them. */
export type OtlpProtocol = 'grpc' | 'http/protobuf' | 'http/json';

/** Payload compression. */
export type OtlpCompression = 'gzip' | 'none';

/** Metric temporality preference, as `OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE` names it. */
export type OtlpTemporality = 'cumulative' | 'delta' | 'lowmemory';

/** The three OTLP signals. */
export type OtlpSignal = 'traces' | 'metrics' | 'logs';

/**
 * Settings of one signal. Each wins over the same top-level option, which wins over the per-signal
 * variable (`OTEL_EXPORTER_OTLP_TRACES_*`), which wins over the general one (`OTEL_EXPORTER_OTLP_*`).
 */
export interface OtlpSignalOptions {
  /**
   * The full URL of this signal, used as is (`http://collector:4318/v1/traces`; for gRPC
   * `http://collector:4317`). Env `OTEL_EXPORTER_OTLP_{TRACES,METRICS,LOGS}_ENDPOINT`.
   */
  readonly endpoint?: string;
  /** Protocol for this signal. Env `OTEL_EXPORTER_OTLP_{TRACES,METRICS,LOGS}_PROTOCOL`. */
  readonly protocol?: OtlpProtocol;
  /**
   * Headers (gRPC metadata) for this signal, merged over the top-level ones key by key. Env
   * `OTEL_EXPORTER_OTLP_{TRACES,METRICS,LOGS}_HEADERS`. Treated as secrets: never logged.
   */
  readonly headers?: Readonly<Record<string, string>>;
  /** Compression for this signal. Env `OTEL_EXPORTER_OTLP_{TRACES,METRICS,LOGS}_COMPRESSION`. */
  readonly compression?: OtlpCompression;
  /** Export timeout in milliseconds, retries included. Env `OTEL_EXPORTER_OTLP_{TRACES,METRICS,LOGS}_TIMEOUT`. */
  readonly timeoutMs?: number;
}

/** Metrics settings: the signal settings plus temporality and the export interval. */
export interface OtlpMetricsOptions extends OtlpSignalOptions {
  /** Temporality preference. Env `OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE`. Default `cumulative`. */
  readonly temporality?: OtlpTemporality;
  /** How often core's periodic reader exports, in milliseconds. Env `OTEL_METRIC_EXPORT_INTERVAL`. Default 60 000. */
  readonly exportIntervalMs?: number;
}

/** Options of `otlp()` and of the `otlp` config entry. */
export interface OtlpOptions {
  /**
   * Base URL of the collector. For HTTP, `v1/traces`, `v1/metrics` or `v1/logs` is appended; for gRPC
   * it is used as is. Env `OTEL_EXPORTER_OTLP_ENDPOINT`. Default `http://localhost:4318` (HTTP),
   * `http://localhost:4317` (gRPC).
   */
  readonly endpoint?: string;
  /** Protocol of every signal. Env `OTEL_EXPORTER_OTLP_PROTOCOL`. Default `http/protobuf`. */
  readonly protocol?: OtlpProtocol;
  /** Headers (gRPC metadata), e.g. an API key. Env `OTEL_EXPORTER_OTLP_HEADERS`. Never logged. */
  readonly headers?: Readonly<Record<string, string>>;
  /** Compression. Env `OTEL_EXPORTER_OTLP_COMPRESSION`. Default `none`. */
  readonly compression?: OtlpCompression;
  /** Export timeout in milliseconds, retries included. Env `OTEL_EXPORTER_OTLP_TIMEOUT`. Default 10 000. */
  readonly timeoutMs?: number;
  /**
   * Export spans: `false` turns them off, an object sets per-signal options. Default on, unless
   * `OTEL_TRACES_EXPORTER=none`.
   */
  readonly traces?: boolean | OtlpSignalOptions;
  /** Export metrics; see {@link OtlpOptions.traces}. Default on, unless `OTEL_METRICS_EXPORTER=none`. */
  readonly metrics?: boolean | OtlpMetricsOptions;
  /** Export log records; see {@link OtlpOptions.traces}. Default on, unless `OTEL_LOGS_EXPORTER=none`. */
  readonly logs?: boolean | OtlpSignalOptions;
}

const protocolSchema = z.enum(['grpc', 'http/protobuf', 'http/json']);
const compressionSchema = z.enum(['gzip', 'none']);
const headersSchema = z.record(z.string().min(1), z.string());
const timeoutSchema = z.number().int().positive();

const signalShape = {
  endpoint: z.string().min(1).optional(),
  protocol: protocolSchema.optional(),
  headers: headersSchema.optional(),
  compression: compressionSchema.optional(),
  timeoutMs: timeoutSchema.optional(),
};

const signalSchema = z.strictObject(signalShape);
const metricsSchema = z.strictObject({
  ...signalShape,
  temporality: z.enum(['cumulative', 'delta', 'lowmemory']).optional(),
  exportIntervalMs: z.number().int().positive().optional(),
});

/** The config-file form of {@link OtlpOptions}: strict, so a misspelt key is reported with its path. */
export const otlpOptionsSchema = z.strictObject({
  endpoint: z.string().min(1).optional(),
  protocol: protocolSchema.optional(),
  headers: headersSchema.optional(),
  compression: compressionSchema.optional(),
  timeoutMs: timeoutSchema.optional(),
  traces: z.union([z.boolean(), signalSchema]).optional(),
  metrics: z.union([z.boolean(), metricsSchema]).optional(),
  logs: z.union([z.boolean(), signalSchema]).optional(),
});
