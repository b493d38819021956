import { createObservability, type Observability } from '@mcp-o11y/core';
import { type HttpReceiver, mcpRoundTrip, type ReceiverResponse, startHttpReceiver } from '@mcp-o11y/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { type ZipkinSpanV2, zipkin } from '../src/index.js';

let receiver: HttpReceiver | undefined;
let observability: Observability | undefined;
afterEach(async () => {
  await observability?.shutdown();
  await receiver?.close();
});

async function observe(url: string): Promise<Observability> {
  observability = await createObservability({
    service: { name: 'weather-mcp' },
    adapters: [zipkin({ url, timeoutMs: 300 })],
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
    .faults.filter((fault) => fault.adapter === 'zipkin' && fault.operation === 'export')
    .reduce((sum, fault) => sum + fault.count, 0);
}

describe('a Zipkin that is down, fails or hangs', () => {
  for (const [label, answer] of [
    ['answers 500', () => ({ status: 500, body: 'boom' })],
    ['answers 429', () => ({ status: 429, headers: { 'retry-after': '1' }, body: '' })],
    ['hangs', () => new Promise<ReceiverResponse>(() => undefined)],
  ] as const) {
    it(`${label}: the MCP call still succeeds and core counts the failed export`, async () => {
      receiver = await startHttpReceiver({ handler: answer });
      const current = await observe(`${receiver.url}/api/v2/spans`);
      await expect(mcpRoundTrip(current)).resolves.toBeDefined();
      await current.forceFlush();
      expect(receiver.requests.length).toBeGreaterThan(0);
      expect(exportFaults(current)).toBeGreaterThan(0);
    });
  }

  it('refuses connections: the call succeeds, the failure is counted, and no secret reaches the fault', async () => {
    const closed = await startHttpReceiver();
    const url = new URL(`${closed.url}/api/v2/spans`);
    await closed.close();
    url.username = 'zipkin';
    url.password = 'pa55word-in-url';
    const current = await observe(url.href);
    await expect(mcpRoundTrip(current)).resolves.toBeDefined();
    await current.forceFlush();
    expect(exportFaults(current)).toBeGreaterThan(0);
    const messages = current.diagnostics().faults.map((fault) => fault.firstMessage);
    expect(messages.join('\n')).toMatch(/\[@mcp-o11y\/zipkin\] no answer from Zipkin/);
    expect(messages.join('\n')).not.toContain('pa55word-in-url');
  });

  it('recovers: spans after the backend comes back are delivered', async () => {
    let healthy = false;
    receiver = await startHttpReceiver({
      handler: () => (healthy ? { status: 202, body: '' } : { status: 503, body: '' }),
    });
    const current = await observe(`${receiver.url}/api/v2/spans`);
    current.tracer.startSpan('while down').end();
    await current.forceFlush();
    expect(exportFaults(current)).toBeGreaterThan(0);
    healthy = true;
    current.tracer.startSpan('after recovery').end();
    await current.forceFlush();
    const delivered = receiver.requests
      .filter((request) => request.body.length > 0)
      .flatMap((request) => request.json<ZipkinSpanV2[]>())
      .map((span) => span.name);
    expect(delivered).toContain('after recovery');
  });
});

describe('an outage, then Zipkin comes back: dropped spans counted, memory bounded, export recovers', () => {
  const queueSize = 64;
  const burst = 600;
  type Outage = '500' | '429' | 'hang' | 'down';

  async function observeWithSmallQueue(url: string): Promise<Observability> {
    observability = await createObservability({
      service: { name: 'weather-mcp' },
      adapters: [zipkin({ url, timeoutMs: 300 })],
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
      .dropped.filter((entry) => entry.adapter === 'zipkin' && entry.signal === 'traces')
      .reduce((sum, entry) => sum + entry.count, 0);
  }

  /** Names of `prefix` spans in the requests from index `from` on (Zipkin v2 JSON bodies). */
  function delivered(current: HttpReceiver, prefix: string, from: number): Set<string> {
    return new Set(
      current.requests
        .slice(from)
        .filter((request) => request.body.length > 0)
        .flatMap((request) => request.json<ZipkinSpanV2[]>())
        .map((span) => span.name)
        .filter((name) => name.startsWith(prefix)),
    );
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

  for (const outage of ['500', '429', 'hang', 'down'] as Outage[]) {
    it(`${outage}: the burst's losses are counted in diagnostics().dropped, and spans flow again after`, async () => {
      let healthy = false;
      const handler = (): ReceiverResponse | Promise<ReceiverResponse> => {
        if (healthy) return { status: 202, body: '' };
        if (outage === '500') return { status: 500, body: 'boom' };
        if (outage === '429') return { status: 429, headers: { 'retry-after': '1' }, body: '' };
        return new Promise<ReceiverResponse>(() => undefined);
      };
      let port: number;
      if (outage === 'down') {
        const closed = await startHttpReceiver();
        port = closed.port;
        await closed.close();
      } else {
        receiver = await startHttpReceiver({ handler });
        port = receiver.port;
      }
      const current = await observeWithSmallQueue(`http://127.0.0.1:${port}/api/v2/spans`);
      for (let index = 0; index < burst; index += 1) current.tracer.startSpan(`during-outage ${index}`).end();
      await current.forceFlush();
      expect(exportFaults(current)).toBeGreaterThan(0);
      // Every span of the burst is either still queued (at most one queue) or counted as dropped.
      expect(droppedSpans(current)).toBeGreaterThanOrEqual(burst - queueSize);

      healthy = true;
      if (outage === 'down') receiver = await startHttpReceiver({ handler, port });
      const target = receiver as HttpReceiver;
      // Only what arrives from now on was accepted (before, every request was refused, failed or hung).
      const from = target.requests.length;
      expect(await untilDelivered(current, target, from)).toBeGreaterThan(0);
      // Memory stayed bounded: at most one queue of outage spans was still held when Zipkin came back.
      expect(delivered(target, 'during-outage', from).size).toBeLessThanOrEqual(queueSize);
    });
  }
});
