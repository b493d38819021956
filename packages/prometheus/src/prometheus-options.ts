import type { Registry } from 'prom-client';
import { z } from 'zod';
import type { MetricsAuth } from './scrape-response.js';

/** Where the standalone endpoint listens, handed to `onListening`. */
export interface MetricsAddress {
  readonly host: string;
  readonly port: number;
  /** `http://127.0.0.1:9464/metrics`. */
  readonly url: string;
}

/** Pushgateway settings, for short-lived (stdio) servers no Prometheus can scrape. */
export interface PushgatewayOptions {
  /** Base URL (`http://127.0.0.1:9091`). Env `PROMETHEUS_PUSHGATEWAY_URL`. Push is off without either. */
  readonly url?: string;
  /** `job` of the group. Default: the service name. */
  readonly job?: string;
  /** `instance` of the group: one group per process. Default `<hostname>:<pid>`. */
  readonly instance?: string;
  /** More grouping labels after `job` and `instance`. Default none. */
  readonly groupingKey?: Readonly<Record<string, string>>;
  /** Push interval in ms; 0 pushes only on shutdown (and `forceFlush`). Default 15 000. */
  readonly intervalMillis?: number;
  /** On a clean shutdown, `DELETE` the group instead of a last push. Default false. */
  readonly deleteOnShutdown?: boolean;
  /** Per-request timeout in ms. Default 10 000. */
  readonly timeoutMillis?: number;
  /** Credentials for a Pushgateway behind a proxy. Default none. */
  readonly auth?: MetricsAuth;
}

/** Settings of prom-client's `collectDefaultMetrics` (process CPU, memory, event loop lag, GC, handles). */
export interface DefaultMetricsOptions {
  readonly prefix?: string;
  readonly labels?: Readonly<Record<string, string>>;
  readonly gcDurationBuckets?: readonly number[];
  readonly eventLoopMonitoringPrecision?: number;
}

/** Options of `prometheus(options)`; every field is optional. */
export interface PrometheusOptions {
  /** Host of the standalone endpoint. Env `OTEL_EXPORTER_PROMETHEUS_HOST`. Default `127.0.0.1`. */
  readonly host?: string;
  /** Port of the standalone endpoint (0: a free one). Env `OTEL_EXPORTER_PROMETHEUS_PORT`. Default 9464. */
  readonly port?: number;
  /** Path of the scrape. Default `/metrics`. */
  readonly endpoint?: string;
  /**
   * Start the standalone endpoint in `create` (closed in `shutdown`). Default true, false when a
   * Pushgateway is configured. Set false to serve only through `createMetricsHandler`.
   */
  readonly serve?: boolean;
  /** Bearer or basic credentials the standalone endpoint requires. Default none (loopback only). */
  readonly auth?: MetricsAuth;
  /** A prom-client registry whose metrics are served on the same page. Default a new `Registry`. */
  readonly registry?: Registry;
  /** Register prom-client's default process metrics on the registry. Default false. */
  readonly collectDefaultMetrics?: boolean | DefaultMetricsOptions;
  /** Trace-id exemplars on the MCP duration histograms when a scrape negotiates OpenMetrics. Default true. */
  readonly exemplars?: boolean;
  /** Emit `target_info` with the resource attributes. Default true. */
  readonly targetInfo?: boolean;
  /** The health check warns when the last scrape is older than this. Default 120 s. */
  readonly staleAfterSeconds?: number;
  /** Push to a Pushgateway; see {@link PushgatewayOptions}. */
  readonly pushgateway?: PushgatewayOptions;
  /** The `fetch` the Pushgateway client uses (tests, proxies). Default `globalThis.fetch`. */
  readonly fetch?: typeof fetch;
  /** Called once the standalone endpoint listens (useful with `port: 0`). */
  readonly onListening?: (address: MetricsAddress) => void;
}

const authSchema = z.union([
  z.strictObject({ bearer: z.string().min(1) }),
  z.strictObject({ basic: z.strictObject({ username: z.string(), password: z.string() }) }),
]);

const isFunction = (value: unknown): boolean => typeof value === 'function';

/** The strict schema `adapter.parseOptions` validates config-file options with. */
export const prometheusOptionsSchema = z.strictObject({
  host: z.string().min(1).optional(),
  port: z.number().int().min(0).max(65_535).optional(),
  endpoint: z.string().startsWith('/').optional(),
  serve: z.boolean().optional(),
  auth: authSchema.optional(),
  registry: z
    .custom<Registry>(
      (value) => typeof (value as { metrics?: unknown } | null)?.metrics === 'function',
      'expected a prom-client Registry',
    )
    .optional(),
  collectDefaultMetrics: z
    .union([
      z.boolean(),
      z.strictObject({
        prefix: z.string().optional(),
        labels: z.record(z.string(), z.string()).optional(),
        gcDurationBuckets: z.array(z.number().positive()).optional(),
        eventLoopMonitoringPrecision: z.number().int().positive().optional(),
      }),
    ])
    .optional(),
  exemplars: z.boolean().optional(),
  targetInfo: z.boolean().optional(),
  staleAfterSeconds: z.number().positive().optional(),
  pushgateway: z
    .strictObject({
      url: z.url({ protocol: /^https?$/ }).optional(),
      job: z.string().min(1).optional(),
      instance: z.string().min(1).optional(),
      groupingKey: z.record(z.string().regex(/^[a-zA-Z_][a-zA-Z0-9_]*$/), z.string()).optional(),
      intervalMillis: z.number().int().min(0).optional(),
      deleteOnShutdown: z.boolean().optional(),
      timeoutMillis: z.number().int().positive().optional(),
      auth: authSchema.optional(),
    })
    .optional(),
  fetch: z.custom<typeof fetch>(isFunction, 'expected a fetch function').optional(),
  onListening: z.custom<(address: MetricsAddress) => void>(isFunction, 'expected a function').optional(),
});

/**
 * Validates raw options (from a config file).
 * @throws ZodError listing each bad field by path.
 */
export function parsePrometheusOptions(raw: unknown): PrometheusOptions {
  return prometheusOptionsSchema.parse(raw ?? {}) as PrometheusOptions;
}
