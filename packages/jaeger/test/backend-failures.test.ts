import { createObservability, type Observability } from '@mcp-o11y/core';
import { type ReceiverResponse, startHttpReceiver } from '@mcp-o11y/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { type JaegerOptions, jaeger } from '../src/index.js';
import { mcpRoundTrip } from './support/mcp-round-trip.js';

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
