import { createObservability, type Observability } from '@mcp-o11y/core';
import { type HttpReceiver, mcpRoundTrip, type ReceiverResponse, startHttpReceiver } from '@mcp-o11y/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { type JaegerOptions, jaeger } from '../src/index.js';

const closers: (() => Promise<void>)[] = [];
let observability: Observability | undefined;
afterEach(async () => {
  await observability?.shutdown();
  for (const close of closers.splice(0)) await close();
});

async function observe(options: JaegerOptions): Promise<Observability> {
  observability = await createObservability({
    service: { name: 'weather-mcp' },
    adapters: [jaeger({ timeoutMs: 500, ...options })],
    logging: { destination: false },
    registerGlobals: false,
    alerts: false,
    shutdownHooks: { signals: false, stdinEnd: false, beforeExit: false },
  });
  return observability;
}

function exportFaults(current: Observability): number {
  return current
    .diagnostics()
    .faults.filter((fault) => fault.adapter === 'jaeger' && fault.operation === 'export')
    .reduce((sum, fault) => sum + fault.count, 0);
}

const answers = [
  ['answers 500', () => ({ status: 500, body: 'boom' })],
  ['hangs', () => new Promise<ReceiverResponse>(() => undefined)],
] as const;

describe('a Jaeger collector that fails or hangs', () => {
  for (const [label, answer] of answers) {
    for (const mode of ['otlp', 'thrift-http'] as const) {
      it(`${mode}, ${label}: the MCP call still succeeds and core counts the failed export`, async () => {
        const receiver = await startHttpReceiver({ handler: answer });
        closers.push(() => receiver.close());
        const path = mode === 'otlp' ? '/v1/traces' : '/api/traces';
        const current = await observe({ mode, endpoint: `${receiver.url}${path}` });
        await expect(mcpRoundTrip(current)).resolves.toBeDefined();
        await current.forceFlush();
        expect(receiver.requests.length).toBeGreaterThan(0);
        expect(exportFaults(current)).toBeGreaterThan(0);
      });
    }
  }

  it('thrift-http, connection refused: counted, and the message names the adapter', async () => {
    const closed = await startHttpReceiver();
    await closed.close();
    const current = await observe({ mode: 'thrift-http', endpoint: `${closed.url}/api/traces` });
    await expect(mcpRoundTrip(current)).resolves.toBeDefined();
    await current.forceFlush();
    expect(exportFaults(current)).toBeGreaterThan(0);
    const messages = current
      .diagnostics()
      .faults.map((fault) => fault.firstMessage)
      .join('\n');
    expect(messages).toMatch(/\[@mcp-o11y\/jaeger\] Thrift export to the Jaeger collector failed/);
  });
});

describe('an outage, then the Jaeger collector comes back: dropped spans counted, memory bounded, export recovers', () => {
  const queueSize = 64;
  const burst = 600;
  type Outage = '500' | '429' | 'hang' | 'down';

  async function observeWithSmallQueue(options: JaegerOptions): Promise<Observability> {
    observability = await createObservability({
      service: { name: 'weather-mcp' },
      adapters: [jaeger({ timeoutMs: 500, ...options })],
      memory: false,
      // A small queue, so the burst below overflows it: spans are dropped and counted, not accumulated.
      env: {
        OTEL_BSP_MAX_QUEUE_SIZE: String(queueSize),
        OTEL_BSP_MAX_EXPORT_BATCH_SIZE: '16',
        OTEL_BSP_SCHEDULE_DELAY: '10',
      },
      logging: { destination: false },
      registerGlobals: false,
      alerts: false,
      shutdownHooks: { signals: false, stdinEnd: false, beforeExit: false },
    });
    return observability;
  }

  function droppedSpans(current: Observability): number {
    return current
      .diagnostics()
      .dropped.filter((entry) => entry.adapter === 'jaeger' && entry.signal === 'traces')
      .reduce((sum, entry) => sum + entry.count, 0);
  }

  /**
   * Distinct `prefix <n>` span names in the requests from index `from` on. Matched in the raw body: span
   * names are plain UTF-8 both in OTLP/HTTP JSON and in Thrift's length-prefixed strings.
   */
  function delivered(target: HttpReceiver, prefix: string, from: number): Set<string> {
    const pattern = new RegExp(`${prefix} \\d+`, 'g');
    return new Set(target.requests.slice(from).flatMap((request) => request.text.match(pattern) ?? []));
  }

  /** Sends marker spans until one arrives. */
  async function untilDelivered(current: Observability, target: HttpReceiver, from: number): Promise<number> {
    const deadline = Date.now() + 10_000;
    for (let attempt = 0; Date.now() < deadline; attempt += 1) {
      current.tracer.startSpan(`after-recovery ${attempt}`).end();
      await current.forceFlush();
      const arrived = delivered(target, 'after-recovery', from).size;
      if (arrived > 0) return arrived;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return 0;
  }

  for (const mode of ['otlp', 'thrift-http'] as const) {
    for (const outage of ['500', '429', 'hang', 'down'] as Outage[]) {
      it(`${mode}, ${outage}: the burst's losses are counted in diagnostics().dropped, and spans flow again after`, async () => {
        let healthy = false;
        const handler = (): ReceiverResponse | Promise<ReceiverResponse> => {
          if (healthy) return { status: mode === 'otlp' ? 200 : 202, body: mode === 'otlp' ? {} : '' };
          if (outage === '500') return { status: 500, body: 'boom' };
          if (outage === '429') return { status: 429, headers: { 'retry-after': '1' }, body: '' };
          return new Promise<ReceiverResponse>(() => undefined);
        };
        let receiver: HttpReceiver | undefined;
        let port: number;
        if (outage === 'down') {
          const closed = await startHttpReceiver();
          port = closed.port;
          await closed.close();
        } else {
          receiver = await startHttpReceiver({ handler });
          port = receiver.port;
          const opened = receiver;
          closers.push(() => opened.close());
        }
        const path = mode === 'otlp' ? '/v1/traces' : '/api/traces';
        const current = await observeWithSmallQueue({ mode, endpoint: `http://127.0.0.1:${port}${path}` });
        for (let index = 0; index < burst; index += 1)
          current.tracer.startSpan(`during-outage ${index}`).end();
        await current.forceFlush();
        // The legacy Thrift sender reports a failed flush after forceFlush settles: poll, bounded.
        await expect.poll(() => exportFaults(current), { timeout: 5_000 }).toBeGreaterThan(0);
        // Every span of the burst is either still queued (at most one queue) or counted as dropped.
        expect(droppedSpans(current)).toBeGreaterThanOrEqual(burst - queueSize);

        healthy = true;
        if (receiver === undefined) {
          const reopened = await startHttpReceiver({ handler, port });
          closers.push(() => reopened.close());
          receiver = reopened;
        }
        // Only what arrives from now on was accepted (before, every request was refused, failed or hung).
        const from = receiver.requests.length;
        expect(await untilDelivered(current, receiver, from)).toBeGreaterThan(0);
        // Memory stayed bounded: at most one queue of outage spans was still held when Jaeger came back.
        expect(delivered(receiver, 'during-outage', from).size).toBeLessThanOrEqual(queueSize);
      });
    }
  }
});
