import { createObservability, type Observability } from '@mcp-o11y/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type DemoServer, startDemoServer } from '../src/demo-server.ts';
import { FLAKY_TOOL, TOOL_NAMES } from '../src/demo-tools.ts';
import { readToolSummary } from '../src/live-summary.ts';
import { DEFAULT_SEED } from '../src/parse-args.ts';
import { startTrafficDriver, type TrafficDriver } from '../src/traffic-driver.ts';

let observability: Observability | undefined;
let server: DemoServer | undefined;
let driver: TrafficDriver | undefined;

afterEach(async () => {
  await driver?.stop();
  await server?.close();
  await observability?.shutdown();
  driver = undefined;
  server = undefined;
  observability = undefined;
});

/** The demo's server and client, in process, over real Streamable HTTP, instrumented by core. */
async function startDemo(): Promise<Observability> {
  observability = await createObservability({
    service: { name: 'demo-instrumentation-test' },
    logging: { destination: false },
    memory: { bucketSeconds: 1, retentionSeconds: 3_600, maxSpans: 5_000 },
    shutdownHooks: { signals: false, stdinEnd: false, beforeExit: false },
    registerGlobals: false,
  });
  server = await startDemoServer({ observability, port: 0, seed: DEFAULT_SEED });
  driver = await startTrafficDriver({ url: server.url, concurrency: 8, seed: DEFAULT_SEED, observability });
  return observability;
}

describe('the demo instrumented with instrument() and instrumentClient()', () => {
  it('counts tool calls per tool, with isError results and thrown handlers as errors', async () => {
    const { store } = await startDemo();
    // With the default seed convert_currency throws on its 11th call (see DEFAULT_SEED).
    await vi.waitFor(
      () => {
        const rows = readToolSummary(store!, 3_600, 1);
        expect(rows.find((row) => row.tool === 'convert_currency')?.calls).toBeGreaterThanOrEqual(11);
      },
      { timeout: 20_000, interval: 100 },
    );
    await driver?.stop();

    const rows = new Map(readToolSummary(store!, 3_600, 1).map((row) => [row.tool, row]));
    expect([...rows.keys()].sort()).toEqual([...TOOL_NAMES].sort());
    expect(rows.get(FLAKY_TOOL)?.errors).toBeGreaterThanOrEqual(1);
    expect(rows.get('convert_currency')?.errors).toBeGreaterThanOrEqual(1);
    expect(rows.get('search_docs')?.errors).toBe(0);
    // initialize, tools/list and resources/read went through the same series but are not tool rows.
    const methods = store!
      .listSeries('mcp.server.operation')
      .map((series) => series.labels['mcp.method.name']);
    expect(methods).toEqual(expect.arrayContaining(['initialize', 'tools/list', 'resources/read']));

    const spans = store!.recentSpans();
    const thrown = spans.find(
      (span) =>
        span.kind === 'server' && span.name === 'tools/call convert_currency' && span.status === 'error',
    );
    expect(thrown?.attributes['error.type']).toBe('tool_error');
  });

  it('continues the client trace on the server: each SERVER span is the child of a CLIENT span', async () => {
    const { store } = await startDemo();
    await vi.waitFor(
      () => expect(store!.recentSpans().filter((span) => span.kind === 'server').length).toBeGreaterThan(20),
      { timeout: 20_000, interval: 100 },
    );
    await driver?.stop();

    const spans = store!.recentSpans();
    const clientSpans = new Map(
      spans.filter((span) => span.kind === 'client').map((span) => [span.spanId, span] as const),
    );
    const serverCalls = spans.filter((span) => span.kind === 'server' && span.name.startsWith('tools/call '));
    expect(serverCalls.length).toBeGreaterThan(0);
    for (const serverSpan of serverCalls) {
      const parent = clientSpans.get(serverSpan.parentSpanId ?? '');
      expect(parent?.name, serverSpan.name).toBe(serverSpan.name);
      expect(parent?.traceId).toBe(serverSpan.traceId);
    }
  });
});
