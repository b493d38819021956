import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { packageName, parseConnectionString } from './connection-string.js';

/** The exporter's own fixed ceiling for its storage directory (`FileSystemPersist.maxBytesOnDisk`). */
export const exporterStorageCeilingBytes = 50_000_000;

/** Offline storage: telemetry that could not be sent is kept on disk and sent when ingestion is back. */
export interface AzureMonitorOfflineStorageOptions {
  /** Root directory of the stored batches. Default `<os tmpdir>/mcp-o11y-azure-monitor`. */
  readonly directory?: string;
  /**
   * Most bytes kept on disk; the oldest batches are deleted past it. Default and maximum 50 000 000
   * (the exporter's own fixed ceiling, under which it stops writing).
   */
  readonly maxBytes?: number;
  /**
   * How often stored batches are retried while ingestion fails, and the pause between stored batches
   * once it is back, in milliseconds. Default 60 000 (the exporter's). Tune it through the exporter's
   * internal `batchSendRetryIntervalMs`, checked at start: the option is ignored with a warning if a
   * future exporter no longer has it.
   */
  readonly retryIntervalMillis?: number;
}

/** Options of `azureMonitor()` and of the `azure-monitor` config entry. */
export interface AzureMonitorOptions {
  /**
   * Application Insights connection string (`InstrumentationKey=…;IngestionEndpoint=https://…`). Env
   * `APPLICATIONINSIGHTS_CONNECTION_STRING`. Required. Treated as a secret: never logged.
   */
  readonly connectionString?: string;
  /** Share of traces sent, 0 to 1, decided per trace id with the Application Insights hash. Default 1. */
  readonly samplingRatio?: number;
  /** Offline storage settings, or `false` to drop telemetry the endpoint did not take. Default on. */
  readonly offlineStorage?: false | AzureMonitorOfflineStorageOptions;
  /** Which signals to send. Default all three. */
  readonly signals?: {
    readonly traces?: boolean;
    readonly metrics?: boolean;
    readonly logs?: boolean;
  };
  /** Push interval of the metric exporter, in milliseconds. Default core's (60 000, `OTEL_METRIC_EXPORT_INTERVAL`). */
  readonly exportIntervalMillis?: number;
  /** Timeout of one ingestion request, in milliseconds. Default 30 000. */
  readonly timeoutMillis?: number;
  /** Retries of one request (connection errors, 408, 429, 5xx) before the batch goes to disk. Default 3. */
  readonly maxRetries?: number;
  /**
   * Let the exporter send its own health metrics ("Statsbeat") to Microsoft and probe the Azure instance
   * metadata service at start. Default false: only the configured ingestion endpoint is contacted.
   */
  readonly sdkStats?: boolean;
  /** The `fetch` used for ingestion (proxies, tests). Default: the Azure SDK's node:https client. Code only. */
  readonly fetch?: typeof globalThis.fetch;
}

const isFunction = (value: unknown): boolean => typeof value === 'function';

/** The config-file form of {@link AzureMonitorOptions}: strict, so a misspelt key is reported. */
export const azureMonitorOptionsSchema = z.strictObject({
  connectionString: z.string().min(1).optional(),
  samplingRatio: z.number().min(0).max(1).optional(),
  offlineStorage: z
    .union([
      z.literal(false),
      z.strictObject({
        directory: z.string().min(1).optional(),
        maxBytes: z.number().int().min(1024).max(exporterStorageCeilingBytes).optional(),
        retryIntervalMillis: z.number().int().positive().optional(),
      }),
    ])
    .optional(),
  signals: z
    .strictObject({
      traces: z.boolean().optional(),
      metrics: z.boolean().optional(),
      logs: z.boolean().optional(),
    })
    .optional(),
  exportIntervalMillis: z.number().int().positive().optional(),
  timeoutMillis: z.number().int().positive().optional(),
  maxRetries: z.number().int().min(0).max(10).optional(),
  sdkStats: z.boolean().optional(),
  fetch: z.custom<typeof globalThis.fetch>(isFunction, 'expected a fetch function').optional(),
});

/** Options after explicit values, env and defaults were merged and checked. */
export interface ResolvedAzureMonitorOptions {
  readonly connectionString: string;
  readonly samplingRatio: number;
  readonly offlineStorage:
    | false
    | { readonly directory: string; readonly maxBytes: number; readonly retryIntervalMillis?: number };
  readonly signals: { readonly traces: boolean; readonly metrics: boolean; readonly logs: boolean };
  readonly exportIntervalMillis?: number;
  readonly timeoutMillis: number;
  readonly maxRetries: number;
  readonly sdkStats: boolean;
  readonly fetch?: typeof globalThis.fetch;
}

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Explicit option, then `APPLICATIONINSIGHTS_CONNECTION_STRING` from `env`, then defaults. Throws an
 * error starting with `[@mcp-o11y/azure-monitor]` (and never containing the key) when the connection
 * string is missing or invalid, or an option is out of range.
 */
export function resolveAzureMonitorOptions(
  options: AzureMonitorOptions,
  env: Env,
): ResolvedAzureMonitorOptions {
  const checked = azureMonitorOptionsSchema.safeParse(options);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    throw new Error(
      `[${packageName}] invalid option ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}.`,
    );
  }
  const connectionString =
    options.connectionString?.trim() || env.APPLICATIONINSIGHTS_CONNECTION_STRING?.trim() || '';
  if (connectionString === '') {
    throw new Error(
      `[${packageName}] no connection string: pass \`connectionString\` or set APPLICATIONINSIGHTS_CONNECTION_STRING (Application Insights resource → Overview → Connection String).`,
    );
  }
  parseConnectionString(connectionString);
  const storage = options.offlineStorage;
  return {
    connectionString,
    samplingRatio: options.samplingRatio ?? 1,
    offlineStorage:
      storage === false
        ? false
        : {
            directory: storage?.directory ?? join(tmpdir(), 'mcp-o11y-azure-monitor'),
            maxBytes: storage?.maxBytes ?? exporterStorageCeilingBytes,
            ...(storage?.retryIntervalMillis === undefined
              ? {}
              : { retryIntervalMillis: storage.retryIntervalMillis }),
          },
    signals: {
      traces: options.signals?.traces ?? true,
      metrics: options.signals?.metrics ?? true,
      logs: options.signals?.logs ?? true,
    },
    ...(options.exportIntervalMillis === undefined
      ? {}
      : { exportIntervalMillis: options.exportIntervalMillis }),
    timeoutMillis: options.timeoutMillis ?? 30_000,
    maxRetries: options.maxRetries ?? 3,
    sdkStats: options.sdkStats ?? false,
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
  };
}
