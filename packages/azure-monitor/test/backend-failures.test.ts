import { createObservability, type Observability } from '@mcp-o11y/core';
import { type HttpReceiver, startHttpReceiver } from '@mcp-o11y/testkit';
import { afterEach, expect, it } from 'vitest';
import { azureMonitor } from '../src/index.js';

/*
 * Regression (issue 11, fault-injection suite): with offlineStorage: false the exporter reported a batch
 * that ingestion did not take (5xx, 429, unreachable) as exported, so the lost spans were counted nowhere.
 * Now such a batch is reported failed, and core counts its spans in mcp_o11y.exporter.dropped.
 */

const INSTRUMENTATION_KEY = '1b2c3d4e-5f60-4718-8293-a4b5c6d7e8f9';
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Ingestion is https only; the injected fetch carries the requests to a plain-http local receiver. */
async function pipeline(port: number): Promise<Observability> {
  const secure = `https://127.0.0.1:${port}`;
  const observability = await createObservability({
    service: { name: 'azure-failure-test' },
    adapters: [
      azureMonitor({
        connectionString: `InstrumentationKey=${INSTRUMENTATION_KEY};IngestionEndpoint=${secure}/`,
        offlineStorage: false,
        signals: { traces: true, metrics: false, logs: false },
        maxRetries: 0,
        timeoutMillis: 2_000,
        fetch: (input, init) => fetch(String(input).replace(secure, `http://127.0.0.1:${port}`), init),
      }),
    ],
    memory: false,
    env: { OTEL_BSP_SCHEDULE_DELAY: '10' },
    logging: { destination: false },
    alerts: false,
    registerGlobals: false,
    shutdownHooks: { signals: false, stdinEnd: false, beforeExit: false },
  });
  cleanups.push(() => observability.shutdown());
  return observability;
}

async function ingestion(status: number): Promise<HttpReceiver> {
  const receiver = await startHttpReceiver({
    handler: () => ({ status, body: { itemsReceived: 0, itemsAccepted: 0, errors: [] } }),
  });
  cleanups.push(() => receiver.close());
  return receiver;
}

function droppedSpans(observability: Observability): number {
  return observability
    .diagnostics()
    .dropped.filter((entry) => entry.adapter === 'azure-monitor' && entry.signal === 'traces')
    .reduce((sum, entry) => sum + entry.count, 0);
}

function endSpans(observability: Observability, count: number): void {
  for (let index = 0; index < count; index += 1) observability.tracer.startSpan(`span ${index}`).end();
}

it.each([500, 503, 429])(
  'offline storage off, ingestion answering %s: every span counted as dropped',
  async (status) => {
    const receiver = await ingestion(status);
    const observability = await pipeline(receiver.port);
    endSpans(observability, 3);
    await observability.forceFlush();
    expect(receiver.requests.length).toBeGreaterThan(0);
    expect(droppedSpans(observability)).toBe(3);
  },
);

it('offline storage off, ingestion unreachable: every span counted as dropped', async () => {
  const receiver = await ingestion(200);
  const port = receiver.port;
  await receiver.close();
  const observability = await pipeline(port);
  endSpans(observability, 2);
  await observability.forceFlush();
  expect(droppedSpans(observability)).toBe(2);
});

it('offline storage off, ingestion answering 200: nothing counted', async () => {
  const receiver = await ingestion(200);
  const observability = await pipeline(receiver.port);
  endSpans(observability, 3);
  await observability.forceFlush();
  expect(receiver.requests.length).toBeGreaterThan(0);
  expect(droppedSpans(observability)).toBe(0);
});
