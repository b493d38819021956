import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { Histogram } from '@opentelemetry/sdk-metrics';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultAlertRules } from '../../src/alerts/engine/default-alert-rules.js';
import { createHarness } from '../../src/alerts/engine/engine-test-harness.test-helper.js';
import { instrument, instrumentClient } from '../../src/mcp/instrument.js';
import type { InstrumentOptions } from '../../src/mcp/instrument-options.js';
import { RESULT_SIZE_BUCKETS_BYTES, RESULT_TOKEN_BUCKETS } from '../../src/mcp/semantic-conventions.js';
import { type MetricPoint, type Observed, observe, until } from './observe.js';

// Text with two- and three-byte UTF-8 characters and characters JSON escapes, so bytes ≠ characters.
const REPORT = 'Zürich → Genève: "42 km"\n\tdone\\'.repeat(40);
const README = 'Résumé of the project: π ≈ 3.14159\n'.repeat(25);

let observed: Observed;
beforeEach(async () => {
  observed = await observe();
});
afterEach(async () => {
  await observed.shutdown();
});

/** A server with a tool, a resource and a prompt of known results, and the results it sends by request id. */
async function connect(options: InstrumentOptions = {}) {
  const server = new McpServer({ name: 'sizes', version: '1.0.0' });
  server.registerTool('report', {}, async () => ({
    content: [
      { type: 'text', text: REPORT },
      { type: 'resource', resource: { uri: 'docs://inline', text: 'inline ✓' } },
      { type: 'image', data: 'aGVsbG8=', mimeType: 'image/png' },
    ],
    structuredContent: { distanceKm: 42 },
  }));
  server.registerTool('dump', {}, async () => ({
    content: [{ type: 'text', text: 'row,'.repeat(5000) }],
  }));
  server.registerTool('refuse', {}, async () => ({
    content: [{ type: 'text', text: 'no'.repeat(500) }],
    isError: true,
  }));
  server.registerResource('readme', 'docs://readme', { mimeType: 'text/plain' }, async (uri) => ({
    contents: [{ uri: uri.href, text: README }],
  }));
  server.registerPrompt('brief', {}, () => ({
    messages: [
      { role: 'user', content: { type: 'text', text: 'Summarise for me, s’il vous plaît.' } },
      { role: 'assistant', content: { type: 'text', text: 'Bien sûr.' } },
    ],
  }));
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  // Wrapped before connect, so the instrumentation's own send hook calls this one: it sees what is sent.
  const sent = new Map<unknown, unknown>();
  const send = serverTransport.send.bind(serverTransport);
  serverTransport.send = (message, sendOptions) => {
    if ('result' in message) sent.set(message.id, message.result);
    return send(message, sendOptions);
  };
  instrument(server, { observability: observed.observability, ...options });
  const client = instrumentClient(new Client({ name: 'sizes-client', version: '1.0.0' }), {
    observability: observed.observability,
  });
  await server.connect(serverTransport);
  await client.connect(clientTransport);
  return { client, sent };
}

function pointOf(points: MetricPoint[], name: string, key: string, value: string): MetricPoint | undefined {
  return points.find((point) => point.name === name && point.attributes[key] === value);
}

const bytesOf = (value: unknown) => Buffer.byteLength(JSON.stringify(value), 'utf8');

describe('result sizes of a real SDK v1 McpServer', () => {
  it('records the exact UTF-8 bytes of each tool, resource and prompt result sent, and their estimated tokens', async () => {
    const { client, sent } = await connect();
    const tool = await client.callTool({ name: 'report', arguments: {} });
    await client.callTool({ name: 'report', arguments: {} });
    await client.readResource({ uri: 'docs://readme' });
    await client.getPrompt({ name: 'brief' });
    await until(() => sent.size >= 5);
    const results = [...sent.values()];
    const toolResult = results.find((result) => (result as { content?: unknown }).content !== undefined);
    expect(toolResult).toEqual(tool);
    const resourceResult = results.find((result) => (result as { contents?: unknown }).contents);
    const promptResult = results.find((result) => (result as { messages?: unknown }).messages);

    const points = await observed.metrics();
    const toolSize = pointOf(points, 'mcp_o11y.result.size', 'gen_ai.tool.name', 'report');
    expect(toolSize).toMatchObject({ unit: 'By', boundaries: RESULT_SIZE_BUCKETS_BYTES });
    // The same attribute set as the duration's ok outcome.
    const toolDuration = pointOf(points, 'mcp.server.operation.duration', 'gen_ai.tool.name', 'report');
    expect(toolSize?.attributes).toEqual(toolDuration?.attributes);
    const toolBytes = bytesOf(toolResult);
    // Far from the character count: two- and three-byte characters and escaped quotes, newlines, tabs.
    expect(toolBytes).toBeGreaterThan(JSON.stringify(toolResult).length);
    expect(toolSize?.value).toMatchObject({ count: 2, sum: 2 * toolBytes, min: toolBytes, max: toolBytes });
    const bucket = RESULT_SIZE_BUCKETS_BYTES.findIndex((bound) => toolBytes <= bound);
    expect((toolSize?.value as Histogram | undefined)?.buckets.counts[bucket]).toBe(2);

    const toolTokens = pointOf(points, 'mcp_o11y.result.tokens', 'gen_ai.tool.name', 'report');
    expect(toolTokens).toMatchObject({ unit: '{token}', boundaries: RESULT_TOKEN_BUCKETS });
    // Text blocks and embedded text resources; the image and structuredContent count nothing.
    const expectedToolTokens = Math.ceil((REPORT.length + 'inline ✓'.length) / 4);
    expect(toolTokens?.value).toMatchObject({ count: 2, sum: 2 * expectedToolTokens });

    const resourceSize = pointOf(points, 'mcp_o11y.result.size', 'mcp.method.name', 'resources/read');
    expect(resourceSize?.value).toMatchObject({ count: 1, sum: bytesOf(resourceResult) });
    // What the handler returned is what was sent.
    expect(bytesOf(resourceResult)).toBe(bytesOf({ contents: [{ uri: 'docs://readme', text: README }] }));
    const resourceTokens = pointOf(points, 'mcp_o11y.result.tokens', 'mcp.method.name', 'resources/read');
    expect(resourceTokens?.value).toMatchObject({ sum: Math.ceil(README.length / 4) });

    const promptSize = pointOf(points, 'mcp_o11y.result.size', 'gen_ai.prompt.name', 'brief');
    expect(promptSize?.value).toMatchObject({ count: 1, sum: bytesOf(promptResult) });
    const promptTokens = pointOf(points, 'mcp_o11y.result.tokens', 'gen_ai.prompt.name', 'brief');
    const promptText = 'Summarise for me, s’il vous plaît.'.length + 'Bien sûr.'.length;
    expect(promptTokens?.value).toMatchObject({ sum: Math.ceil(promptText / 4) });

    // Only the three methods whose results reach a model, and only the server side.
    const sized = points.filter((point) => point.name === 'mcp_o11y.result.size');
    expect(sized.map((point) => point.attributes['mcp.method.name']).sort()).toEqual([
      'prompts/get',
      'resources/read',
      'tools/call',
    ]);
  });

  it('skips failed results, and keeps a per-tool size series the alert engine takes quantiles of', async () => {
    const { client, sent } = await connect();
    await client.callTool({ name: 'refuse', arguments: {} });
    await client.callTool({ name: 'missing', arguments: {} }).catch(() => undefined);
    for (let index = 0; index < 3; index += 1) await client.callTool({ name: 'report', arguments: {} });
    await until(() => sent.size >= 6);
    const points = await observed.metrics();
    expect(pointOf(points, 'mcp_o11y.result.size', 'gen_ai.tool.name', 'refuse')).toBeUndefined();
    expect(pointOf(points, 'mcp_o11y.result.size', 'gen_ai.tool.name', '_OTHER')).toBeUndefined();

    const series = observed.observability.store?.listSeries('mcp_o11y.result.size') ?? [];
    expect(series.map((one) => one.labels)).toEqual([
      { 'mcp.method.name': 'tools/call', 'gen_ai.tool.name': 'report' },
    ]);
    const stats = series[0]?.window(60);
    const toolBytes = bytesOf([...sent.values()].at(-1));
    expect(stats?.count).toBe(3);
    expect(stats?.max).toBe(toolBytes);
    // The store's sketch keeps quantiles within 1 %.
    expect(stats?.p95).toBeGreaterThan(toolBytes * 0.98);
    expect(stats?.p95).toBeLessThan(toolBytes * 1.02);
  });

  it('records nothing with resultSizes: false', async () => {
    const { client } = await connect({ resultSizes: false });
    await client.callTool({ name: 'report', arguments: {} });
    await client.getPrompt({ name: 'brief' });
    const points = await observed.metrics();
    expect(points.some((point) => point.name.startsWith('mcp_o11y.result.'))).toBe(false);
    expect(observed.observability.store?.listSeries('mcp_o11y.result.size')).toEqual([]);
  });

  it('fires the default LargeToolResults alert for a tool whose p95 result is above 16 000 bytes, after 5 minutes', async () => {
    const { client } = await connect();
    for (let index = 0; index < 20; index += 1) {
      await client.callTool({ name: 'dump', arguments: {} });
      await client.callTool({ name: 'report', arguments: {} });
    }
    const rule = defaultAlertRules(8 * 1024 ** 3).find((each) => each.name === 'LargeToolResults');
    expect(rule).toBeDefined();
    const harness = createHarness({
      backend: observed.observability.store,
      start: Date.now(),
      rules: rule === undefined ? [] : [rule],
    });
    await harness.tick();
    expect(harness.state('LargeToolResults')).toEqual(['dump:pending']);
    await harness.tick(5 * 60_000);
    expect(harness.state('LargeToolResults')).toEqual(['dump:firing']);
    const [alert] = harness.engine.listAlerts();
    // 20 042 bytes (the text and the JSON around it), as the store's sketch estimates it, 4 digits shown.
    expect(alert?.annotations.summary).toMatch(
      /^p95 result size of tool dump is 20\d{3} bytes \(above 16000 bytes, about 4000 tokens\)$/,
    );
  });
});
