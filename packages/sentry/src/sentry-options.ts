import type { AdapterContextV1 } from '@mcp-o11y/core';
import { z } from 'zod';

const packageName = '@mcp-o11y/sentry';

/** A log level of the core logger, as used by the breadcrumb and Sentry-log thresholds. */
export type SentryLogLevel = 'debug' | 'info' | 'warn' | 'error' | 'fatal';

/** What `beforeSend` receives and returns: a Sentry error event (already redacted by core's redactor). */
export type SentryErrorEvent = Record<string, unknown>;

/** The per-fingerprint limit on error events. */
export interface SentryRateLimit {
  /** Events allowed per fingerprint within {@link perSeconds}. */
  readonly events: number;
  /** The window, in seconds. */
  readonly perSeconds: number;
}

/** Options of `sentry()` and of the `sentry` config entry. */
export interface SentryOptions {
  /**
   * The project DSN (`https://<key>@o0.ingest.sentry.io/<project>`). Env `SENTRY_DSN`. Without one the
   * adapter contributes nothing (as the Sentry SDK does). Never appears in an error or log.
   */
  readonly dsn?: string;
  /** `environment` of every event. Env `SENTRY_ENVIRONMENT`, else core's `service.environment`, else `production`. */
  readonly environment?: string;
  /** `release` of every event. Env `SENTRY_RELEASE`, else `<service.name>@<service.version>` when the version is known. */
  readonly release?: string;
  /**
   * Share of traces (0–1) sent as transactions, decided per trace id so a trace is all in or all out.
   * Env `SENTRY_TRACES_SAMPLE_RATE`. Default 0: like the Sentry SDK, no transactions unless asked for.
   * Error events do not depend on it.
   */
  readonly tracesSampleRate?: number;
  /** Share of error events sent (0–1), Sentry's `sampleRate`. Env `SENTRY_SAMPLE_RATE`. Default 1. */
  readonly sampleRate?: number;
  /** `server_name` of every event. Default: the host name (Sentry's default). */
  readonly serverName?: string;
  /** Send caller faults (invalid params, unknown tool or method, resource not found) as error events too. Default false. */
  readonly captureCallerFaults?: boolean;
  /** Send cancelled requests as error events too. Default false. */
  readonly captureCancellations?: boolean;
  /**
   * Errors never sent: a string matches when the `error.type`, the exception type or message contains
   * it; a RegExp (code only) is tested against `"<type>: <message>"`. Default none.
   */
  readonly ignoreErrors?: readonly (string | RegExp)[];
  /** Error events per fingerprint (tool, error type, normalised message); `false` for no limit. Default 10 per 60 s. */
  readonly rateLimit?: SentryRateLimit | false;
  /** Log records kept as breadcrumbs for the next error event of their trace (0 disables). Default 50, max 100. */
  readonly maxBreadcrumbs?: number;
  /** Lowest level that becomes a breadcrumb. Default `info`. */
  readonly breadcrumbLevel?: SentryLogLevel;
  /** Also send log records as Sentry logs (batched). Env `SENTRY_ENABLE_LOGS` (`true`/`1`). Default false. */
  readonly enableLogs?: boolean;
  /** Lowest level sent as a Sentry log. Default `info`. */
  readonly logLevel?: SentryLogLevel;
  /** How long `forceFlush` and `shutdown` wait for Sentry's transport, in ms. Default 2 000. */
  readonly flushTimeoutMs?: number;
  /**
   * Sentry's `beforeSend` (code only): runs after core's redaction; return `null` to drop the event.
   */
  readonly beforeSend?: (event: SentryErrorEvent) => SentryErrorEvent | null;
}

const logLevel = z.enum(['debug', 'info', 'warn', 'error', 'fatal']);
const rate = z.number().min(0).max(1);

/** The config-file form of {@link SentryOptions}: strict, so a misspelt key is reported. */
export const sentryOptionsSchema = z.strictObject({
  dsn: z.string().optional(),
  environment: z.string().min(1).optional(),
  release: z.string().min(1).optional(),
  tracesSampleRate: rate.optional(),
  sampleRate: rate.optional(),
  serverName: z.string().min(1).optional(),
  captureCallerFaults: z.boolean().optional(),
  captureCancellations: z.boolean().optional(),
  ignoreErrors: z.array(z.union([z.string().min(1), z.instanceof(RegExp)])).optional(),
  rateLimit: z
    .union([
      z.literal(false),
      z.strictObject({ events: z.number().int().min(1), perSeconds: z.number().positive() }),
    ])
    .optional(),
  maxBreadcrumbs: z.number().int().min(0).max(100).optional(),
  breadcrumbLevel: logLevel.optional(),
  enableLogs: z.boolean().optional(),
  logLevel: logLevel.optional(),
  flushTimeoutMs: z.number().int().positive().optional(),
  beforeSend: z
    .custom<(event: SentryErrorEvent) => SentryErrorEvent | null>((value) => typeof value === 'function')
    .optional(),
});

/** Options with every default applied and env read; `dsn` is undefined when Sentry is off. */
export interface ResolvedSentryOptions {
  readonly dsn: string | undefined;
  readonly environment: string;
  readonly release: string | undefined;
  readonly tracesSampleRate: number;
  readonly sampleRate: number;
  readonly serverName: string | undefined;
  readonly captureCallerFaults: boolean;
  readonly captureCancellations: boolean;
  readonly ignoreErrors: readonly (string | RegExp)[];
  readonly rateLimit: SentryRateLimit | false;
  readonly maxBreadcrumbs: number;
  readonly breadcrumbLevel: SentryLogLevel;
  readonly enableLogs: boolean;
  readonly logLevel: SentryLogLevel;
  readonly flushTimeoutMs: number;
  readonly beforeSend: ((event: SentryErrorEvent) => SentryErrorEvent | null) | undefined;
}

/**
 * Applies env and defaults: explicit option, then the Sentry variable, then core's service fields, then
 * the default.
 * @throws when the DSN is not a Sentry DSN or a rate variable is not a number in 0–1 (the message names
 * the setting, never its value).
 */
export function resolveSentryOptions(
  options: SentryOptions,
  env: Readonly<Record<string, string | undefined>>,
  service: Partial<Pick<AdapterContextV1, 'serviceName' | 'serviceVersion' | 'environment'>> = {},
): ResolvedSentryOptions {
  const dsn = nonEmpty(options.dsn) ?? nonEmpty(env.SENTRY_DSN);
  if (dsn !== undefined) checkDsn(dsn, options.dsn !== undefined ? 'options.dsn' : 'SENTRY_DSN');
  const serviceRelease =
    service.serviceName !== undefined && service.serviceVersion !== undefined
      ? `${service.serviceName}@${service.serviceVersion}`
      : undefined;
  return {
    dsn,
    environment:
      options.environment ?? nonEmpty(env.SENTRY_ENVIRONMENT) ?? service.environment ?? 'production',
    release: options.release ?? nonEmpty(env.SENTRY_RELEASE) ?? serviceRelease,
    tracesSampleRate:
      options.tracesSampleRate ??
      rateFromEnv(env.SENTRY_TRACES_SAMPLE_RATE, 'SENTRY_TRACES_SAMPLE_RATE') ??
      0,
    sampleRate: options.sampleRate ?? rateFromEnv(env.SENTRY_SAMPLE_RATE, 'SENTRY_SAMPLE_RATE') ?? 1,
    serverName: options.serverName,
    captureCallerFaults: options.captureCallerFaults ?? false,
    captureCancellations: options.captureCancellations ?? false,
    ignoreErrors: options.ignoreErrors ?? [],
    rateLimit: options.rateLimit ?? { events: 10, perSeconds: 60 },
    maxBreadcrumbs: options.maxBreadcrumbs ?? 50,
    breadcrumbLevel: options.breadcrumbLevel ?? 'info',
    enableLogs: options.enableLogs ?? /^(true|1)$/i.test(env.SENTRY_ENABLE_LOGS ?? ''),
    logLevel: options.logLevel ?? 'info',
    flushTimeoutMs: options.flushTimeoutMs ?? 2_000,
    beforeSend: options.beforeSend,
  };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

function rateFromEnv(value: string | undefined, name: string): number | undefined {
  if (nonEmpty(value) === undefined) return undefined;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed < 0 || parsed > 1) {
    throw new Error(`[${packageName}] ${name} must be a number from 0 to 1.`);
  }
  return parsed;
}

/** A Sentry DSN: `http(s)://<public key>@<host>[:port]/[path/]<project id>`. */
function checkDsn(dsn: string, source: string): void {
  let url: URL | undefined;
  try {
    url = new URL(dsn);
  } catch {
    url = undefined;
  }
  const project = url?.pathname.split('/').filter(Boolean).at(-1);
  if (
    url === undefined ||
    (url.protocol !== 'https:' && url.protocol !== 'http:') ||
    url.username === '' ||
    project === undefined
  ) {
    throw new Error(
      `[${packageName}] ${source} is not a Sentry DSN: expected https://<public key>@<host>/<project id>, as shown in the project's Client Keys settings.`,
    );
  }
}
