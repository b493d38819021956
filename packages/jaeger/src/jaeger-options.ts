import { z } from 'zod';

const packageName = '@mcp-o11y/jaeger';

/** How spans reach Jaeger. */
export type JaegerMode = 'otlp' | 'thrift-http' | 'thrift-udp';
/** The OTLP transport: `http` (OTLP/HTTP JSON, collector port 4318) or `grpc` (port 4317). */
export type JaegerOtlpProtocol = 'http' | 'grpc';

/** Options of `jaeger()` and of the `jaeger` config entry. */
export interface JaegerOptions {
  /**
   * `otlp` (default, what Jaeger recommends since 1.35), or the legacy Jaeger Thrift exporter:
   * `thrift-http` to a collector's `/api/traces`, `thrift-udp` to an agent.
   */
  readonly mode?: JaegerMode;
  /**
   * OTLP only. Env `OTEL_EXPORTER_OTLP_TRACES_PROTOCOL`, then `OTEL_EXPORTER_OTLP_PROTOCOL` (`grpc` →
   * grpc; `http/json` and `http/protobuf` → http, sent as JSON). Default `http`.
   */
  readonly protocol?: JaegerOtlpProtocol;
  /**
   * `otlp`: the collector's OTLP URL; env `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT` (used as is) or
   * `OTEL_EXPORTER_OTLP_ENDPOINT` (+ `/v1/traces` for http); default `http://localhost:4318/v1/traces`
   * (http) or `http://localhost:4317` (grpc). `thrift-http`: the collector's Thrift URL; env
   * `OTEL_EXPORTER_JAEGER_ENDPOINT`, then `JAEGER_ENDPOINT`; default `http://localhost:14268/api/traces`.
   */
  readonly endpoint?: string;
  /** OTLP only: extra headers (gRPC metadata). Env `OTEL_EXPORTER_OTLP_TRACES_HEADERS` / `OTEL_EXPORTER_OTLP_HEADERS`. */
  readonly headers?: Readonly<Record<string, string>>;
  /** OTLP only: `gzip` or `none`. Env `OTEL_EXPORTER_OTLP_TRACES_COMPRESSION` / `OTEL_EXPORTER_OTLP_COMPRESSION`. Default `none`. */
  readonly compression?: 'gzip' | 'none';
  /**
   * Per-export timeout in ms. OTLP: env `OTEL_EXPORTER_OTLP_TRACES_TIMEOUT` / `OTEL_EXPORTER_OTLP_TIMEOUT`.
   * Default 10 000.
   */
  readonly timeoutMs?: number;
  /** `thrift-http` basic auth user. Env `OTEL_EXPORTER_JAEGER_USER`, then `JAEGER_USER`. */
  readonly username?: string;
  /** `thrift-http` basic auth password. Env `OTEL_EXPORTER_JAEGER_PASSWORD`, then `JAEGER_PASSWORD`. A secret. */
  readonly password?: string;
  /** `thrift-udp` agent host. Env `OTEL_EXPORTER_JAEGER_AGENT_HOST`, then `JAEGER_AGENT_HOST`. Default `localhost`. */
  readonly host?: string;
  /** `thrift-udp` agent port (binary Thrift). Env `OTEL_EXPORTER_JAEGER_AGENT_PORT`, then `JAEGER_AGENT_PORT`. Default 6832. */
  readonly port?: number;
  /** `thrift-udp` largest datagram in bytes. Default 65 000. */
  readonly maxPacketSize?: number;
  /** Thrift only: process tags. Env `JAEGER_TAGS` (`key=value,key2=value2`), merged under these. */
  readonly tags?: Readonly<Record<string, string | number | boolean>>;
}

/** The config-file form of {@link JaegerOptions}: strict, so a misspelt key is reported with its path. */
export const jaegerOptionsSchema = z.strictObject({
  mode: z.enum(['otlp', 'thrift-http', 'thrift-udp']).optional(),
  protocol: z.enum(['http', 'grpc']).optional(),
  endpoint: z.string().min(1).optional(),
  headers: z.record(z.string(), z.string()).optional(),
  compression: z.enum(['gzip', 'none']).optional(),
  timeoutMs: z.number().int().positive().optional(),
  username: z.string().optional(),
  password: z.string().optional(),
  host: z.string().min(1).optional(),
  port: z.number().int().min(1).max(65_535).optional(),
  maxPacketSize: z.number().int().min(512).max(65_507).optional(),
  tags: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
});

type Env = Readonly<Record<string, string | undefined>>;

/** Options after explicit values, env and defaults were merged, per mode. */
export type ResolvedJaegerOptions =
  | {
      readonly mode: 'otlp';
      readonly protocol: JaegerOtlpProtocol;
      readonly endpoint: string | undefined;
      readonly headers: Readonly<Record<string, string>> | undefined;
      readonly compression: 'gzip' | 'none' | undefined;
      readonly timeoutMs: number | undefined;
      /** The `OTEL_EXPORTER_OTLP_*` variables of `context.env`, for the exporter's own env handling. */
      readonly otlpEnv: Readonly<Record<string, string>>;
    }
  | {
      readonly mode: 'thrift-http';
      readonly endpoint: string;
      readonly username: string | undefined;
      readonly password: string | undefined;
      readonly timeoutMs: number;
      readonly tags: Readonly<Record<string, string | number | boolean>>;
    }
  | {
      readonly mode: 'thrift-udp';
      readonly host: string;
      readonly port: number;
      readonly maxPacketSize: number | undefined;
      readonly timeoutMs: number;
      readonly tags: Readonly<Record<string, string | number | boolean>>;
    };

export const defaultThriftEndpoint = 'http://localhost:14268/api/traces';
const defaultTimeoutMs = 10_000;

function present(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

/** Parses `JAEGER_TAGS` (`key=value,key2=value2`); entries without `=` are ignored. Pure. */
export function parseJaegerTags(raw: string | undefined): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const entry of (raw ?? '').split(',')) {
    const index = entry.indexOf('=');
    if (index <= 0) continue;
    tags[entry.slice(0, index).trim()] = entry.slice(index + 1).trim();
  }
  return tags;
}

function protocolFrom(options: JaegerOptions, env: Env): JaegerOtlpProtocol {
  if (options.protocol) return options.protocol;
  const raw = present(env.OTEL_EXPORTER_OTLP_TRACES_PROTOCOL) ?? present(env.OTEL_EXPORTER_OTLP_PROTOCOL);
  if (raw === undefined || raw === 'http/json' || raw === 'http/protobuf') return 'http';
  if (raw === 'grpc') return 'grpc';
  throw new Error(
    `[${packageName}] OTEL_EXPORTER_OTLP_(TRACES_)PROTOCOL must be grpc, http/json or http/protobuf, got "${raw}".`,
  );
}

function checkUrl(raw: string, setting: string): string {
  if (!URL.canParse(raw) || !['http:', 'https:'].includes(new URL(raw).protocol)) {
    // The value may carry credentials: name the setting, never echo it.
    throw new Error(`[${packageName}] ${setting} is not an http(s) URL.`);
  }
  return raw;
}

function agentPort(options: JaegerOptions, env: Env): number {
  if (options.port !== undefined) return options.port;
  const raw = present(env.OTEL_EXPORTER_JAEGER_AGENT_PORT) ?? present(env.JAEGER_AGENT_PORT);
  if (raw === undefined) return 6832;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65_535) {
    throw new Error(`[${packageName}] the Jaeger agent port must be 1-65535, got "${raw}".`);
  }
  return port;
}

/**
 * Resolves options as: explicit option, then env, then defaults (see each option). OTLP variables are
 * collected from `env` and handed to the OTLP exporter, which applies the specification's rules itself.
 */
export function resolveJaegerOptions(options: JaegerOptions, env: Env): ResolvedJaegerOptions {
  const mode = options.mode ?? 'otlp';
  if (mode === 'otlp') {
    const otlpEnv: Record<string, string> = {};
    for (const [key, value] of Object.entries(env)) {
      if (key.startsWith('OTEL_EXPORTER_OTLP_') && value !== undefined) otlpEnv[key] = value;
    }
    return {
      mode,
      protocol: protocolFrom(options, env),
      endpoint: options.endpoint === undefined ? undefined : checkUrl(options.endpoint, 'endpoint'),
      headers: options.headers,
      compression: options.compression,
      timeoutMs: options.timeoutMs,
      otlpEnv,
    };
  }
  const tags = { ...parseJaegerTags(env.JAEGER_TAGS), ...options.tags };
  const timeoutMs = options.timeoutMs ?? defaultTimeoutMs;
  if (mode === 'thrift-http') {
    const endpoint =
      present(options.endpoint) ??
      present(env.OTEL_EXPORTER_JAEGER_ENDPOINT) ??
      present(env.JAEGER_ENDPOINT) ??
      defaultThriftEndpoint;
    return {
      mode,
      endpoint: checkUrl(endpoint, 'endpoint (or OTEL_EXPORTER_JAEGER_ENDPOINT / JAEGER_ENDPOINT)'),
      username:
        present(options.username) ?? present(env.OTEL_EXPORTER_JAEGER_USER) ?? present(env.JAEGER_USER),
      password:
        options.password ?? present(env.OTEL_EXPORTER_JAEGER_PASSWORD) ?? present(env.JAEGER_PASSWORD),
      timeoutMs,
      tags,
    };
  }
  return {
    mode,
    host:
      present(options.host) ??
      present(env.OTEL_EXPORTER_JAEGER_AGENT_HOST) ??
      present(env.JAEGER_AGENT_HOST) ??
      'localhost',
    port: agentPort(options, env),
    maxPacketSize: options.maxPacketSize,
    timeoutMs,
    tags,
  };
}
