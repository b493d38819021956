import { createObservability, type Observability } from '@mcp-o11y/core';
import { type HttpReceiver, type ReceiverResponse, startHttpReceiver } from '@mcp-o11y/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { type ZipkinSpanV2, zipkin } from '../src/index.js';
import { mcpRoundTrip } from './support/mcp-round-trip.js';

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
