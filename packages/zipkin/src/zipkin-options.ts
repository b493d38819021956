import { z } from 'zod';

const packageName = '@mcp-o11y/zipkin';

/** Zipkin's own default collector URL (the v2 JSON endpoint of a local Zipkin server). */
export const defaultZipkinUrl = 'http://localhost:9411/api/v2/spans';

/** Default per-request timeout, ms: the OpenTelemetry default for `OTEL_EXPORTER_ZIPKIN_TIMEOUT`. */
export const defaultZipkinTimeoutMs = 10_000;

/** Options of `zipkin()` and of the `zipkin` config entry. */
export interface ZipkinOptions {
  /**
   * Where to POST Zipkin v2 JSON. Env `OTEL_EXPORTER_ZIPKIN_ENDPOINT`. Default
   * `http://localhost:9411/api/v2/spans`. Credentials in the URL are sent as basic auth.
   */
  readonly url?: string;
  /**
   * `localEndpoint.serviceName` of every span. Default: the span's resource `service.name` (what core
   * sets from the `service.name` option or `OTEL_SERVICE_NAME`). Lower-cased, as Zipkin stores it.
   */
  readonly serviceName?: string;
  /** Extra request headers (an auth token for a gateway in front of Zipkin). Values are treated as secrets. */
  readonly headers?: Readonly<Record<string, string>>;
  /** Per-request timeout in ms. Env `OTEL_EXPORTER_ZIPKIN_TIMEOUT`. Default 10 000. */
  readonly timeoutMs?: number;
  /** The `fetch` to send with (proxies, tests). Default `globalThis.fetch`. Code only, not in config files. */
  readonly fetch?: typeof globalThis.fetch;
}

/** The config-file form of {@link ZipkinOptions}: strict, so a misspelt key is reported with its path. */
export const zipkinOptionsSchema = z.strictObject({
  url: z.string().min(1).optional(),
  serviceName: z.string().min(1).optional(),
  headers: z.record(z.string(), z.string()).optional(),
  timeoutMs: z.number().int().positive().optional(),
});

/** Options after explicit values, env and defaults were merged and checked. */
export interface ResolvedZipkinOptions {
  readonly url: string;
  readonly serviceName: string | undefined;
  readonly headers: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
  readonly fetch: typeof globalThis.fetch;
}

type Env = Readonly<Record<string, string | undefined>>;

function present(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

const reservedHeaders = new Set([
  'content-type',
  'content-length',
  'host',
  'transfer-encoding',
  'connection',
]);

function parseUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    // The URL may carry credentials: name the setting, never echo the value.
    throw new Error(
      `[${packageName}] url is not a valid URL; check the url option or OTEL_EXPORTER_ZIPKIN_ENDPOINT (e.g. http://localhost:9411/api/v2/spans).`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(
      `[${packageName}] url must be http(s); check the url option or OTEL_EXPORTER_ZIPKIN_ENDPOINT.`,
    );
  }
  return url;
}

function parseTimeout(options: ZipkinOptions, env: Env): number {
  if (options.timeoutMs !== undefined) {
    if (!(options.timeoutMs > 0)) {
      throw new Error(`[${packageName}] timeoutMs must be a positive number of milliseconds.`);
    }
    return options.timeoutMs;
  }
  const raw = present(env.OTEL_EXPORTER_ZIPKIN_TIMEOUT);
  if (raw === undefined) return defaultZipkinTimeoutMs;
  const parsed = Number(raw);
  if (!Number.isFinite(parsed) || parsed <= 0) {
    throw new Error(
      `[${packageName}] OTEL_EXPORTER_ZIPKIN_TIMEOUT must be a positive number of milliseconds, got "${raw}".`,
    );
  }
  return parsed;
}

/**
 * Resolves options as: explicit option, then env (`OTEL_EXPORTER_ZIPKIN_ENDPOINT`,
 * `OTEL_EXPORTER_ZIPKIN_TIMEOUT`), then defaults. Throws on an invalid URL, timeout or header.
 */
export function resolveZipkinOptions(options: ZipkinOptions, env: Env): ResolvedZipkinOptions {
  const url = parseUrl(
    present(options.url) ?? present(env.OTEL_EXPORTER_ZIPKIN_ENDPOINT) ?? defaultZipkinUrl,
  );
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(options.headers ?? {})) {
    const lower = name.toLowerCase();
    if (reservedHeaders.has(lower)) {
      throw new Error(`[${packageName}] headers cannot set ${name}: the exporter sets it.`);
    }
    try {
      new Headers({ [name]: value });
    } catch {
      throw new Error(`[${packageName}] headers.${name} is not a valid header name or value.`);
    }
    headers[lower] = value;
  }
  if (url.username || url.password) {
    // fetch refuses URLs with credentials: send them as basic auth instead.
    const credentials = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
    headers.authorization ??= `Basic ${Buffer.from(credentials).toString('base64')}`;
    url.username = '';
    url.password = '';
  }
  headers['content-type'] = 'application/json';
  const serviceName = present(options.serviceName);
  return {
    url: url.href,
    serviceName,
    headers,
    timeoutMs: parseTimeout(options, env),
    fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
  };
}
