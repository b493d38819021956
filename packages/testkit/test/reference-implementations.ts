import type { AdapterDescriptorV1, DeliveryResultV1, HealthCheckV1, NotifierV1 } from '@mcp-o11y/core';
import { InMemoryLogRecordExporter } from '@opentelemetry/sdk-logs';
import { AggregationTemporality, InMemoryMetricExporter, MetricReader } from '@opentelemetry/sdk-metrics';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace';

/** Options of the reference webhook notifier. */
export interface WebhookNotifierOptions {
  readonly url: string;
  readonly token: string;
  readonly fetch: typeof globalThis.fetch;
}

/** Parses `Retry-After` (delay-seconds or HTTP-date) into milliseconds. */
export function parseRetryAfter(value: string | null): number | undefined {
  if (value === null) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1_000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

/** A correct webhook notifier: what the conformance suite expects of a real one. */
export function webhookNotifier(options: WebhookNotifierOptions): NotifierV1 {
  return {
    specificationVersion: 'v1',
    id: 'webhook',
    async send(notification, { signal }): Promise<DeliveryResultV1> {
      try {
        const response = await options.fetch(options.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${options.token}` },
          body: JSON.stringify(notification),
          signal: AbortSignal.any([signal, AbortSignal.timeout(10_000)]),
        });
        await response.body?.cancel();
        if (response.ok) return { status: 'delivered' };
        const reason = `webhook answered ${response.status}`;
        if (response.status === 429 || response.status >= 500) {
          const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
          return retryAfterMs === undefined
            ? { status: 'retryable', reason }
            : { status: 'retryable', reason, retryAfterMs };
        }
        return { status: 'failed', reason };
      } catch (error) {
        const cause = (error as { cause?: { code?: string } }).cause;
        return {
          status: 'retryable',
          reason: `webhook unreachable: ${cause?.code ?? (error as Error).name}`,
        };
      }
    },
  };
}

/** A correct HTTP health check. */
export function httpHealthCheck(options: {
  readonly url: string;
  readonly fetch: typeof globalThis.fetch;
}): HealthCheckV1 {
  return {
    specificationVersion: 'v1',
    name: 'http-probe',
    async check({ signal }) {
      try {
        const response = await options.fetch(options.url, { signal });
        await response.body?.cancel();
        return response.ok
          ? { status: 'pass', message: `probe answered ${response.status}` }
          : {
              status: 'fail',
              message: `probe answered ${response.status}`,
              remediation: 'Check the probed service.',
            };
      } catch (error) {
        return { status: 'fail', message: `probe failed: ${(error as Error).name}` };
      }
    },
  };
}

/** A pull reader, like Prometheus': collects on demand, exports nothing by itself. */
export class PullMetricReader extends MetricReader {
  protected override async onForceFlush(): Promise<void> {}
  protected override async onShutdown(): Promise<void> {}
}

/** Options of the reference adapter. */
export interface ReferenceAdapterOptions {
  /** Contribute processors and a pull reader instead of exporters. */
  readonly style?: 'exporters' | 'processors';
}

/** A correct adapter over the SDK's in-memory exporters; reads `REFERENCE_LABEL` from `context.env`. */
export const referenceAdapter: AdapterDescriptorV1<ReferenceAdapterOptions> = {
  specificationVersion: 'v1',
  id: 'reference-memory',
  kinds: ['traces', 'metrics', 'logs', 'health'],
  parseOptions(raw) {
    if (typeof raw !== 'object' || raw === null)
      throw new Error('[@mcp-o11y/reference-memory] options must be an object');
    return raw as ReferenceAdapterOptions;
  },
  create(options, context) {
    const label = context.env.REFERENCE_LABEL ?? 'none';
    context.logger.debug('reference adapter created', { label });
    const spans = new InMemorySpanExporter();
    const metrics = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
    const logs = new InMemoryLogRecordExporter();
    let shutDown = false;
    const health: HealthCheckV1 = {
      specificationVersion: 'v1',
      name: 'reference-memory',
      check: async () => ({ status: 'pass', details: { label } }),
    };
    const processors = options.style === 'processors';
    return {
      specificationVersion: 'v1',
      id: 'reference-memory',
      traces: processors
        ? { processors: [new SimpleSpanProcessor({ exporter: spans })] }
        : { exporters: [spans] },
      metrics: processors ? { readers: [new PullMetricReader()] } : { exporters: [metrics] },
      logs: { exporters: [logs] },
      healthChecks: [health],
      async shutdown() {
        if (shutDown) return;
        shutDown = true;
      },
    };
  },
};

/** Reads the spans the reference adapter's in-memory exporter holds (for `receive.spans`). */
export function finishedSpans(instance: { traces?: { exporters?: readonly unknown[] } }) {
  const exporter = instance.traces?.exporters?.[0] as InMemorySpanExporter;
  return Promise.resolve(
    exporter.getFinishedSpans().map((span) => ({ name: span.name, traceId: span.spanContext().traceId })),
  );
}
