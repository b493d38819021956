import { hostname } from 'node:os';
import {
  type AdapterContextV1,
  type AdapterDescriptorV1,
  type AdapterInstanceV1,
  type AdapterV1,
  bindAdapter,
} from '@mcp-o11y/core';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { linkReader } from './create-metrics-handler.js';
import { ExemplarSpanProcessor } from './exemplar-span-processor.js';
import { type MetricsServer, startMetricsServer } from './metrics-server.js';
import { PrometheusMetricReader } from './prometheus-metric-reader.js';
import { type PrometheusOptions, parsePrometheusOptions } from './prometheus-options.js';
import { PushgatewayPusher } from './pushgateway-pusher.js';
import { scrapeHealthCheck } from './scrape-health-check.js';

const defaultHost = '127.0.0.1';
const defaultPort = 9464;

function resolvePort(options: PrometheusOptions, env: AdapterContextV1['env']): number {
  if (options.port !== undefined) return options.port;
  const raw = env.OTEL_EXPORTER_PROMETHEUS_PORT;
  if (raw === undefined || raw === '') return defaultPort;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new Error(
      `[@mcp-o11y/prometheus] OTEL_EXPORTER_PROMETHEUS_PORT must be a port number (0-65535), got "${raw}".`,
    );
  }
  return port;
}

function createPusher(
  options: PrometheusOptions,
  context: AdapterContextV1,
  reader: PrometheusMetricReader,
): PushgatewayPusher | undefined {
  const push = options.pushgateway ?? {};
  const url = push.url ?? context.env.PROMETHEUS_PUSHGATEWAY_URL;
  if (url === undefined || url === '') return undefined;
  if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol)) {
    throw new Error('[@mcp-o11y/prometheus] the Pushgateway URL must be an absolute http(s) URL.');
  }
  return new PushgatewayPusher({
    reader,
    url,
    job: push.job ?? context.serviceName,
    groupingKey: { instance: push.instance ?? `${hostname()}:${process.pid}`, ...push.groupingKey },
    intervalMillis: push.intervalMillis ?? 15_000,
    deleteOnShutdown: push.deleteOnShutdown ?? false,
    timeoutMillis: push.timeoutMillis ?? 10_000,
    fetch: options.fetch ?? globalThis.fetch,
    ...(push.auth === undefined ? {} : { auth: push.auth }),
    logger: context.logger,
    ...(context.reportFault === undefined ? {} : { reportFault: context.reportFault }),
  });
}

async function createPrometheus(
  options: PrometheusOptions,
  context: AdapterContextV1,
): Promise<AdapterInstanceV1> {
  const registry = options.registry ?? new Registry();
  if (options.collectDefaultMetrics) {
    const settings = typeof options.collectDefaultMetrics === 'object' ? options.collectDefaultMetrics : {};
    try {
      collectDefaultMetrics({
        ...settings,
        gcDurationBuckets: settings.gcDurationBuckets ? [...settings.gcDurationBuckets] : undefined,
        register: registry,
      } as Parameters<typeof collectDefaultMetrics>[0]);
    } catch (error) {
      // Most often: they were already registered on this registry by the application itself.
      context.logger.warn('[@mcp-o11y/prometheus] prom-client default metrics not registered', {
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }
  const exemplars = options.exemplars === false ? undefined : new ExemplarSpanProcessor();
  const reader = new PrometheusMetricReader({
    registry,
    targetInfo: options.targetInfo ?? true,
    ...(exemplars === undefined ? {} : { exemplars }),
    logger: context.logger,
  });
  const pusher = createPusher(options, context, reader);
  const serve = options.serve ?? pusher === undefined;
  const port = resolvePort(options, context.env);
  let server: MetricsServer | undefined;
  if (serve) {
    server = await startMetricsServer({
      reader,
      host: options.host ?? context.env.OTEL_EXPORTER_PROMETHEUS_HOST ?? defaultHost,
      port,
      endpoint: options.endpoint ?? '/metrics',
      ...(options.auth === undefined ? {} : { auth: options.auth }),
    });
    options.onListening?.({ host: server.host, port: server.port, url: server.url });
  }
  const check = scrapeHealthCheck({
    reader,
    ...(pusher === undefined ? {} : { pusher }),
    serving: serve,
    staleAfterSeconds: options.staleAfterSeconds ?? 120,
    startedAt: Date.now(),
  });
  linkReader(check, reader);
  // The last push must happen while the reader can still collect: core shuts the meter provider (and so
  // the reader) down before it calls the adapter's shutdown.
  let finalPush: Promise<void> | undefined;
  const finishPush = (): Promise<void> => {
    finalPush ??= pusher?.shutdown() ?? Promise.resolve();
    return finalPush;
  };
  reader.onBeforeShutdown(finishPush);
  pusher?.start();

  let shutdown: Promise<void> | undefined;
  return {
    specificationVersion: 'v1',
    id: adapter.id,
    metrics: { readers: [reader] },
    ...(exemplars === undefined ? {} : { traces: { processors: [exemplars] } }),
    healthChecks: [check],
    forceFlush: () => pusher?.push() ?? Promise.resolve(),
    shutdown: () => {
      shutdown ??= (async () => {
        await finishPush();
        await server?.close();
      })();
      return shutdown;
    },
  };
}

/**
 * The Prometheus adapter descriptor, for config-driven loading (`adapters: [{ id: 'prometheus' }]`).
 * Contributes a pull metric reader (scrape endpoint and/or Pushgateway), an exemplar span processor
 * and the `prometheus-scrape` health check.
 */
export const adapter: AdapterDescriptorV1<PrometheusOptions> = {
  specificationVersion: 'v1',
  id: 'prometheus',
  kinds: ['metrics', 'traces', 'health'],
  parseOptions: parsePrometheusOptions,
  create: createPrometheus,
};

/**
 * Prometheus for the one pipeline: `createObservability({ adapters: [prometheus()] })` serves
 * `http://127.0.0.1:9464/metrics`; `prometheus({ pushgateway: { url } })` pushes instead.
 */
export function prometheus(options: PrometheusOptions = {}): AdapterV1 {
  return bindAdapter(adapter, options);
}
