import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { EmptyResultSchema } from '@modelcontextprotocol/sdk/types.js';
import { SpanKind } from '@opentelemetry/api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InFlightCount } from '../../src/mcp/in-flight-gauge.js';
import { instrument, instrumentClient } from '../../src/mcp/instrument.js';
import type { InstrumentOptions } from '../../src/mcp/instrument-options.js';
import { MAX_NAME_LENGTH, MetricEntry } from '../../src/mcp/operation-cache.js';
import { type Observed, observe, until } from './observe.js';
import { buildV1Server } from './v1-fixtures.js';

// Regression tests for the name guard: names clipped on spans, unknown methods folded and not counted as
// series errors, caps shared by every instrumentation of a handle, and folds reported.

let observed: Observed;
beforeEach(async () => {
  observed = await observe();
});
afterEach(async () => {
  await observed.shutdown();
});

async function connect(options: Omit<InstrumentOptions, 'observability'> = {}) {
  const server = instrument(buildV1Server(), { observability: observed.observability, ...options });
  const client = new Client({ name: 'guard-client', version: '1.0.0' });
  instrumentClient(client, { observability: observed.observability });
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  await server.connect(serverTransport);
  await client.connect(clientTransport);
  return { server, client };
}

async function durationPoints() {
  return (await observed.metrics()).filter((point) => point.name === 'mcp.server.operation.duration');
}

describe('the MCP name guard', () => {
  it('clips a long tool name on the span name and gen_ai.tool.name, marking the cut', async () => {
    const { client } = await connect();
    const name = `long-${'n'.repeat(100_000)}`;
    await client.callTool({ name, arguments: {} }).catch(() => undefined);
    const isCall = (candidate: { kind: SpanKind; name: string }) =>
      candidate.kind === SpanKind.SERVER && candidate.name.startsWith('tools/call');
    await until(() => observed.spans().some(isCall));
    const span = observed.spans().find(isCall);
    const tool = span?.attributes['gen_ai.tool.name'] as string;
    expect(tool).toHaveLength(MAX_NAME_LENGTH);
    expect(tool.endsWith('…')).toBe(true);
    expect(name.startsWith(tool.slice(0, -1))).toBe(true);
    expect(span?.name).toBe(`tools/call ${tool}`);
  });

  it('clips a long resource URI on the server and client spans', async () => {
    const { client } = await connect();
    const uri = `docs://pages/${'p'.repeat(50_000)}`;
    await client.readResource({ uri });
    const isRead = (candidate: { name: string }) => candidate.name === 'resources/read';
    await until(() => observed.spans().filter(isRead).length === 2);
    for (const span of observed.spans().filter(isRead)) {
      const recorded = span.attributes['mcp.resource.uri'] as string;
      expect(recorded).toHaveLength(MAX_NAME_LENGTH);
      expect(uri.startsWith(recorded.slice(0, -1))).toBe(true);
    }
  });

  it('keeps a method the server does not serve off metric labels and reports the fold', async () => {
    const { client } = await connect();
    await expect(
      client.request({ method: 'method-made-up', params: {} }, EmptyResultSchema),
    ).rejects.toThrow();
    await client.listTools();
    const methods = new Set((await durationPoints()).map((point) => point.attributes['mcp.method.name']));
    expect(methods.has('method-made-up')).toBe(false);
    expect(methods.has('_OTHER')).toBe(true);
    expect(methods.has('tools/list')).toBe(true);
    const folded = (await observed.metrics()).find(
      (point) =>
        point.name === 'mcp_o11y.cardinality.folded' &&
        point.attributes['mcp_o11y.folded.attribute'] === 'mcp.method.name',
    );
    expect(folded?.attributes['mcp_o11y.fold.reason']).toBe('unknown');
    expect(folded?.value).toBe(1);
    expect(observed.observability.diagnostics().folded?.server?.['mcp.method.name']).toBe(1);
  });

  it('shares the name cap between instrumentations of the same handle', async () => {
    // Options besides the handle: each instrument() call builds its own instrumentation.
    const first = await connect({ maxToolNames: 1, capture: { arguments: true } });
    const second = await connect({ maxToolNames: 1, capture: { arguments: true } });
    await first.client.callTool({ name: 'echo', arguments: { text: 'a' } });
    await second.client.callTool({ name: 'soft_fail', arguments: {} });
    const tools = new Set((await durationPoints()).map((point) => point.attributes['gen_ai.tool.name']));
    expect(tools.has('echo')).toBe(true);
    expect(tools.has('soft_fail')).toBe(false);
    expect(tools.has('_OTHER')).toBe(true);
    expect(observed.observability.diagnostics().folded?.server?.['gen_ai.tool.name']).toBe(1);
  });

  it('does not count caller faults (-32601 and the like) as series errors on the server side', () => {
    const entry = new MetricEntry(
      'server',
      '_OTHER',
      undefined,
      undefined,
      {},
      () => undefined,
      (attributes) => new InFlightCount(attributes),
    );
    for (const code of [-32700, -32600, -32601, -32602, -32002])
      expect(entry.outcome(code).seriesError).toBe(false);
    expect(entry.outcome(-32603).seriesError).toBe(true);
  });
});
