import type {
  OtlpCompression,
  OtlpMetricsOptions,
  OtlpOptions,
  OtlpProtocol,
  OtlpSignal,
  OtlpSignalOptions,
  OtlpTemporality,
} from './otlp-options.js';

type Env = Readonly<Record<string, string | undefined>>;

export const packageName = '@mcp-o11y/otlp';

/** Everything one signal's exporter needs, after options, env and defaults were merged. */
export interface ResolvedOtlpSignal {
  readonly signal: OtlpSignal;
  readonly protocol: OtlpProtocol;
  /** Full URL for HTTP; the collector address for gRPC. */
  readonly url: string;
  /** Merged headers. Secrets: never log the values. */
  readonly headers: Readonly<Record<string, string>>;
  readonly compression: OtlpCompression;
  readonly timeoutMs: number;
}

/** The metrics signal with its temporality and export interval. */
export interface ResolvedOtlpMetrics extends ResolvedOtlpSignal {
  readonly temporality: OtlpTemporality;
  /** Undefined: core's default (60 000 ms). */
  readonly exportIntervalMs: number | undefined;
}

/** The resolved configuration: one entry per enabled signal, plus what was ignored and why. */
export interface ResolvedOtlpConfig {
  readonly traces?: ResolvedOtlpSignal;
  readonly metrics?: ResolvedOtlpMetrics;
  readonly logs?: ResolvedOtlpSignal;
  /** Invalid environment values that were ignored (the OpenTelemetry spec asks not to fail on them). Never holds header values. */
  readonly warnings: readonly string[];
}

const protocols: readonly OtlpProtocol[] = ['grpc', 'http/protobuf', 'http/json'];
const temporalities: readonly OtlpTemporality[] = ['cumulative', 'delta', 'lowmemory'];
const defaultTimeoutMs = 10_000;

function present(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

/**
 * Parses `OTEL_EXPORTER_OTLP_HEADERS` syntax: `key=value,key2=value2`, values percent-encoded (W3C
 * baggage style). Bad entries are skipped and reported by the variable's name only: the values are
 * usually API keys.
 */
export function parseOtlpHeaders(
  raw: string | undefined,
  variable: string,
  warnings: string[],
): Record<string, string> {
  const headers: Record<string, string> = {};
  if (present(raw) === undefined) return headers;
  for (const entry of (raw as string).split(',')) {
    if (entry.trim() === '') continue;
    const separator = entry.indexOf('=');
    const key = separator > 0 ? entry.slice(0, separator).trim() : '';
    if (key === '') {
      warnings.push(`${variable} has an entry without "key=value"; it was ignored.`);
      continue;
    }
    try {
      headers[key.toLowerCase()] = decodeURIComponent(entry.slice(separator + 1).trim());
    } catch {
      warnings.push(
        `${variable} has a value for "${key}" that is not valid percent-encoding; it was ignored.`,
      );
    }
  }
  return headers;
}

function lowerKeys(headers: Readonly<Record<string, string>> | undefined): Record<string, string> {
  const lowered: Record<string, string> = {};
  for (const [key, value] of Object.entries(headers ?? {})) lowered[key.toLowerCase()] = value;
  return lowered;
}

function envProtocol(
  raw: string | undefined,
  variable: string,
  warnings: string[],
): OtlpProtocol | undefined {
  const value = present(raw);
  if (value === undefined) return undefined;
  if ((protocols as readonly string[]).includes(value)) return value as OtlpProtocol;
  warnings.push(`${variable}="${value}" is not one of ${protocols.join(', ')}; it was ignored.`);
  return undefined;
}

function envCompression(
  raw: string | undefined,
  variable: string,
  warnings: string[],
): OtlpCompression | undefined {
  const value = present(raw)?.toLowerCase();
  if (value === undefined) return undefined;
  if (value === 'gzip' || value === 'none') return value;
  warnings.push(`${variable}="${value}" is not gzip or none; it was ignored.`);
  return undefined;
}

function envPositiveInteger(
  raw: string | undefined,
  variable: string,
  warnings: string[],
): number | undefined {
  const value = present(raw);
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (Number.isInteger(parsed) && parsed > 0) return parsed;
  warnings.push(`${variable}="${value}" is not a whole number of milliseconds above 0; it was ignored.`);
  return undefined;
}

function checkedUrl(raw: string, source: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    // The URL may carry credentials: name where it came from, never echo it.
    throw new Error(
      `[${packageName}] ${source} is not a valid URL; give a full URL such as http://collector:4318.`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`[${packageName}] ${source} must be an http:// or https:// URL.`);
  }
  return url.href;
}

function appendSignalPath(base: string, signal: OtlpSignal): string {
  return `${base.endsWith('/') ? base : `${base}/`}v1/${signal}`;
}

function signalOptions<T extends OtlpSignalOptions>(value: boolean | T | undefined): T {
  return typeof value === 'object' ? value : ({} as T);
}

function isEnabled(value: boolean | object | undefined, env: Env, signal: OtlpSignal): boolean {
  if (value !== undefined) return value !== false;
  // OTEL_TRACES_EXPORTER=none is the standard off switch; other values name SDK exporters, not us.
  const selector = present(env[`OTEL_${signal.toUpperCase()}_EXPORTER`])?.toLowerCase();
  return selector !== 'none';
}

function resolveSignal(
  signal: OtlpSignal,
  options: OtlpOptions,
  own: OtlpSignalOptions,
  env: Env,
  warnings: string[],
): ResolvedOtlpSignal {
  const upper = signal.toUpperCase();
  const specific = (name: string): string => `OTEL_EXPORTER_OTLP_${upper}_${name}`;
  const general = (name: string): string => `OTEL_EXPORTER_OTLP_${name}`;
  const fromEnv = <T>(
    name: string,
    read: (raw: string | undefined, variable: string, w: string[]) => T | undefined,
  ) =>
    read(env[specific(name)], specific(name), warnings) ?? read(env[general(name)], general(name), warnings);

  const protocol = own.protocol ?? options.protocol ?? fromEnv('PROTOCOL', envProtocol) ?? 'http/protobuf';
  const http = protocol !== 'grpc';
  let url: string;
  if (own.endpoint !== undefined) {
    url = checkedUrl(own.endpoint, `${signal}.endpoint`);
  } else if (options.endpoint !== undefined) {
    const base = checkedUrl(options.endpoint, 'endpoint');
    url = http ? appendSignalPath(base, signal) : base;
  } else if (present(env[specific('ENDPOINT')]) !== undefined) {
    url = checkedUrl(present(env[specific('ENDPOINT')]) as string, specific('ENDPOINT'));
  } else if (present(env[general('ENDPOINT')]) !== undefined) {
    const base = checkedUrl(present(env[general('ENDPOINT')]) as string, general('ENDPOINT'));
    url = http ? appendSignalPath(base, signal) : base;
  } else {
    url = http ? `http://localhost:4318/v1/${signal}` : 'http://localhost:4317';
  }
  const headers = {
    ...parseOtlpHeaders(env[general('HEADERS')], general('HEADERS'), warnings),
    ...parseOtlpHeaders(env[specific('HEADERS')], specific('HEADERS'), warnings),
    ...lowerKeys(options.headers),
    ...lowerKeys(own.headers),
  };
  const compression =
    own.compression ?? options.compression ?? fromEnv('COMPRESSION', envCompression) ?? 'none';
  const timeoutMs =
    own.timeoutMs ?? options.timeoutMs ?? fromEnv('TIMEOUT', envPositiveInteger) ?? defaultTimeoutMs;
  if (!(Number.isInteger(timeoutMs) && timeoutMs > 0)) {
    throw new Error(
      `[${packageName}] timeoutMs must be a whole number of milliseconds above 0, got ${timeoutMs}.`,
    );
  }
  return { signal, protocol, url, headers, compression, timeoutMs };
}

function resolveTemporality(own: OtlpMetricsOptions, env: Env, warnings: string[]): OtlpTemporality {
  if (own.temporality !== undefined) return own.temporality;
  const variable = 'OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE';
  const value = present(env[variable])?.toLowerCase();
  if (value === undefined) return 'cumulative';
  if ((temporalities as readonly string[]).includes(value)) return value as OtlpTemporality;
  warnings.push(`${variable}="${value}" is not one of ${temporalities.join(', ')}; cumulative is used.`);
  return 'cumulative';
}

/**
 * Merges options, env and defaults. Precedence for each setting of a signal, first found wins: the
 * signal's option (`traces.endpoint`), the top-level option (`endpoint`), the signal's variable
 * (`OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`), the general variable (`OTEL_EXPORTER_OTLP_ENDPOINT`), the
 * default. Headers merge key by key in the reverse order. Pure: reads only `env`.
 */
export function resolveOtlpConfig(options: OtlpOptions, env: Env): ResolvedOtlpConfig {
  const warnings: string[] = [];
  const resolved: {
    traces?: ResolvedOtlpSignal;
    metrics?: ResolvedOtlpMetrics;
    logs?: ResolvedOtlpSignal;
  } = {};
  if (isEnabled(options.traces, env, 'traces')) {
    resolved.traces = resolveSignal('traces', options, signalOptions(options.traces), env, warnings);
  }
  if (isEnabled(options.metrics, env, 'metrics')) {
    const own = signalOptions<OtlpMetricsOptions>(options.metrics);
    resolved.metrics = {
      ...resolveSignal('metrics', options, own, env, warnings),
      temporality: resolveTemporality(own, env, warnings),
      exportIntervalMs:
        own.exportIntervalMs ??
        envPositiveInteger(env.OTEL_METRIC_EXPORT_INTERVAL, 'OTEL_METRIC_EXPORT_INTERVAL', warnings),
    };
  }
  if (isEnabled(options.logs, env, 'logs')) {
    resolved.logs = resolveSignal('logs', options, signalOptions(options.logs), env, warnings);
  }
  return { ...resolved, warnings };
}
