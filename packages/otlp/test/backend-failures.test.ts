import { createObservability, type Observability } from '@mcp-o11y/core';
import { afterEach, describe, expect, it } from 'vitest';
import { otlp } from '../src/index.js';
import {
  type CollectorMode,
  freePort,
  type OtlpCollector,
  startGrpcCollector,
  startHttpCollector,
} from './otlp-receivers.js';

const secret = 'sup3r-secret-api-key';
const queueSize = 64;
const burst = 600;
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function pipeline(endpoint: string, protocol: 'http/protobuf' | 'grpc'): Promise<Observability> {
  const observability = await createObservability({
    service: { name: 'otlp-failure-test' },
    adapters: [
      otlp({
        protocol,
        endpoint,
        headers: { 'x-api-key': secret },
        timeoutMs: 300,
        metrics: false,
        logs: false,
      }),
    ],
    memory: false,
    // Small bounded queue so the test shows spans are dropped, not accumulated, while the backend is out.
    env: {
      OTEL_BSP_MAX_QUEUE_SIZE: String(queueSize),
      OTEL_BSP_MAX_EXPORT_BATCH_SIZE: '16',
      OTEL_BSP_SCHEDULE_DELAY: '10',
    },
    logging: { destination: false },
    alerts: false,
    shutdownHooks: { signals: false, stdinEnd: false, beforeExit: false },
  });
  cleanups.push(() => observability.shutdown());
  return observability;
}

function emitBurst(observability: Observability, prefix: string, count: number): void {
  for (let index = 0; index < count; index += 1) observability.tracer.startSpan(`${prefix} ${index}`).end();
}

function exportFaults(observability: Observability): number {
  return observability
    .diagnostics()
    .faults.filter((fault) => fault.adapter === 'otlp' && fault.operation === 'export')
    .reduce((sum, fault) => sum + fault.count, 0);
}

/** Sends marker spans until one arrives: a gRPC channel in reconnect backoff needs a moment. */
async function untilRecovered(observability: Observability, collector: OtlpCollector): Promise<string[]> {
  const deadline = Date.now() + 15_000;
  for (let attempt = 0; Date.now() < deadline; attempt += 1) {
    observability.tracer.startSpan(`after-recovery ${attempt}`).end();
    await observability.forceFlush();
    const arrived = collector.accepted().spans.filter((span) => span.name.startsWith('after-recovery'));
    if (arrived.length > 0) return arrived.map((span) => span.name);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return [];
}

async function expectOutageHandled(observability: Observability, collector: OtlpCollector): Promise<void> {
  emitBurst(observability, 'during-outage', burst);
  await observability.forceFlush();
  // Dropped batches are counted as export faults of the otlp adapter (and mcp_o11y.adapter.errors).
  expect(exportFaults(observability)).toBeGreaterThan(0);
  expect(JSON.stringify(observability.diagnostics())).not.toContain(secret);
  const recovered = await untilRecovered(observability, collector);
  expect(recovered.length).toBeGreaterThan(0);
  // Memory stayed bounded: at most one queue of outage spans was still held when the backend came back.
  const survivors = collector.accepted().spans.filter((span) => span.name.startsWith('during-outage'));
  expect(survivors.length).toBeLessThanOrEqual(queueSize);
}

describe('OTLP/HTTP backend outages', () => {
  it.each([500, 429, 'hang'] as CollectorMode[])(
    'answering %s: faults counted, queue bounded, recovers',
    async (mode) => {
      const collector = await startHttpCollector();
      cleanups.push(() => collector.close());
      collector.setMode(mode);
      const observability = await pipeline(collector.url, 'http/protobuf');
      const pending = expectOutageHandled(observability, collector);
      // Let the outage be seen, then bring the backend back.
      await new Promise((resolve) => setTimeout(resolve, 400));
      expect(collector.requestCount()).toBeGreaterThan(0);
      collector.setMode('ok');
      await pending;
    },
  );

  it('down (connection refused): faults counted, recovers once a collector listens on the port', async () => {
    const port = await freePort();
    const observability = await pipeline(`http://127.0.0.1:${port}`, 'http/protobuf');
    emitBurst(observability, 'during-outage', burst);
    await observability.forceFlush();
    expect(exportFaults(observability)).toBeGreaterThan(0);
    const collector = await startHttpCollector(port);
    cleanups.push(() => collector.close());
    expect((await untilRecovered(observability, collector)).length).toBeGreaterThan(0);
    expect(
      collector.accepted().spans.filter((span) => span.name.startsWith('during-outage')).length,
    ).toBeLessThanOrEqual(queueSize);
  });
});

describe('OTLP/gRPC backend outages', () => {
  it('UNAVAILABLE then healthy: faults counted, recovers', async () => {
    const collector = await startGrpcCollector();
    cleanups.push(() => collector.close());
    collector.setMode(503);
    const observability = await pipeline(collector.url, 'grpc');
    emitBurst(observability, 'during-outage', burst);
    await observability.forceFlush();
    expect(exportFaults(observability)).toBeGreaterThan(0);
    collector.setMode('ok');
    expect((await untilRecovered(observability, collector)).length).toBeGreaterThan(0);
  });

  it('down then listening: recovers', async () => {
    const port = await freePort();
    const observability = await pipeline(`http://127.0.0.1:${port}`, 'grpc');
    emitBurst(observability, 'during-outage', burst);
    await observability.forceFlush();
    expect(exportFaults(observability)).toBeGreaterThan(0);
    const collector = await startGrpcCollector(port);
    cleanups.push(() => collector.close());
    expect((await untilRecovered(observability, collector)).length).toBeGreaterThan(0);
  });
});
