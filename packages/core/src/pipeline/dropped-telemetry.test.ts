import type { LogRecordExporter } from '@opentelemetry/sdk-logs';
import type { SpanExporter } from '@opentelemetry/sdk-trace';
import { afterEach, describe, expect, it } from 'vitest';
import type { StoredMetric } from '../store/stored-metric.js';
import { createObservability } from './create-observability.js';
import type { Observability } from './observability.js';

/** Exporters that never call back: a backend that accepted the connection and hangs. */
const hangingSpanExporter = (): SpanExporter => ({ export: () => {}, shutdown: async () => {} });
const hangingLogExporter = (): LogRecordExporter => ({
  export: () => {},
  forceFlush: async () => {},
  shutdown: async () => {},
});

const open: Observability[] = [];
afterEach(async () => {
  for (const observability of open.splice(0)) await observability.shutdown();
});

async function hangingPipeline(): Promise<Observability> {
  const observability = await createObservability({
    logging: { destination: false },
    shutdownHooks: { signals: false, stdinEnd: false, beforeExit: false },
    alerts: false,
    adapters: [
      {
        specificationVersion: 'v1',
        id: 'stuck',
        kinds: ['traces', 'logs'],
        create: () => ({
          specificationVersion: 'v1',
          id: 'stuck',
          traces: { exporters: [hangingSpanExporter()] },
          logs: { exporters: [hangingLogExporter()] },
        }),
      },
    ],
    // One item goes out at once and never comes back; two more fit in the queue; the rest are dropped.
    // The short export timeout only keeps shutdown quick.
    env: {
      OTEL_BSP_MAX_QUEUE_SIZE: '2',
      OTEL_BSP_MAX_EXPORT_BATCH_SIZE: '1',
      OTEL_BSP_EXPORT_TIMEOUT: '50',
      OTEL_BLRP_MAX_QUEUE_SIZE: '3',
      OTEL_BLRP_MAX_EXPORT_BATCH_SIZE: '1',
      OTEL_BLRP_EXPORT_TIMEOUT: '50',
    },
  });
  open.push(observability);
  return observability;
}

function droppedPoints(metrics: readonly StoredMetric[]) {
  const metric = metrics.find((candidate) => candidate.name === 'mcp_o11y.exporter.dropped');
  return metric?.points.map((point) => ({
    attributes: point.attributes,
    value: 'value' in point ? point.value : undefined,
  }));
}

describe('dropped telemetry', () => {
  it('counts spans and log records dropped by a full batch queue, per adapter', async () => {
    const observability = await hangingPipeline();
    for (let index = 0; index < 10; index++) observability.tracer.startSpan(`span ${index}`).end();
    for (let index = 0; index < 6; index++) observability.logger.info(`line ${index}`);
    // Queued: the warning about the full span queue, then six lines; one goes out, three fit, three are
    // dropped, and so is the warning about the full log queue.
    const logsDropped = 4;
    expect(observability.diagnostics().dropped).toEqual([
      { adapter: 'stuck', signal: 'traces', reason: 'queue_full', count: 7 },
      { adapter: 'stuck', signal: 'logs', reason: 'queue_full', count: logsDropped },
    ]);
    const snapshot = await observability.store?.metricsSnapshot();
    expect(droppedPoints(snapshot?.metrics ?? [])).toEqual([
      { attributes: { adapter: 'stuck', signal: 'traces', reason: 'queue_full' }, value: 7 },
      { attributes: { adapter: 'stuck', signal: 'logs', reason: 'queue_full' }, value: logsDropped },
    ]);
  });

  it('logs the first drop of each adapter and signal once', async () => {
    const observability = await hangingPipeline();
    for (let index = 0; index < 10; index++) observability.tracer.startSpan(`span ${index}`).end();
    const warnings = observability.store
      ?.recentLogs()
      .filter((record) => String(record.body).includes('queue is full'));
    expect(warnings?.map((record) => record.attributes.signal)).toEqual(['traces']);
  });

  it('counts spans lost to a failed export', async () => {
    const observability = await createObservability({
      logging: { destination: false },
      shutdownHooks: { signals: false, stdinEnd: false, beforeExit: false },
      memory: false,
      adapters: [
        {
          specificationVersion: 'v1',
          id: 'refusing',
          kinds: ['traces'],
          create: () => ({
            specificationVersion: 'v1',
            id: 'refusing',
            traces: {
              exporters: [
                {
                  export: (_spans, done) => done({ code: 1, error: new Error('HTTP 500') }),
                  shutdown: async () => {},
                },
              ],
            },
          }),
        },
      ],
    });
    open.push(observability);
    for (let index = 0; index < 3; index++) observability.tracer.startSpan(`span ${index}`).end();
    await observability.forceFlush();
    expect(observability.diagnostics().dropped).toEqual([
      { adapter: 'refusing', signal: 'traces', reason: 'export_failed', count: 3 },
    ]);
  });
});
