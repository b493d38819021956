import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { CallToolRequestSchema, ListToolsRequestSchema, McpError } from '@modelcontextprotocol/sdk/types.js';
import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { instrument, instrumentClient } from '../../src/mcp/instrument.js';
import { DURATION_BUCKETS_SECONDS } from '../../src/mcp/semantic-conventions.js';
import { type Observed, observe, until } from './observe.js';
import { buildV1Server } from './v1-fixtures.js';

let observed: Observed;
beforeEach(async () => {
  observed = await observe();
});
afterEach(async () => {
  await observed.shutdown();
});

async function connectPair(options: { instrumentClient?: boolean } = {}) {
  const server = instrument(buildV1Server(), { observability: observed.observability });
  const client = new Client({ name: 'test-client', version: '9.9.9' });
  if (options.instrumentClient !== false) instrumentClient(client, { observability: observed.observability });
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  await server.connect(serverTransport);
  await client.connect(clientTransport);
  return { server, client };
}

describe('SDK v1 McpServer over InMemoryTransport', () => {
  it('makes a SERVER span per request with the semconv name and attributes, child of the CLIENT span', async () => {
    const { client } = await connectPair();
    await client.callTool({ name: 'echo', arguments: { text: 'hi' } });
    await until(() => observed.spans().filter((span) => span.name === 'tools/call echo').length === 2);
    const [serverSpan] = observed
      .spans()
      .filter((span) => span.name === 'tools/call echo' && span.kind === SpanKind.SERVER);
    const [clientSpan] = observed
      .spans()
      .filter((span) => span.name === 'tools/call echo' && span.kind === SpanKind.CLIENT);
    expect(serverSpan?.attributes).toMatchObject({
      'mcp.method.name': 'tools/call',
      'gen_ai.tool.name': 'echo',
      'gen_ai.operation.name': 'execute_tool',
      'jsonrpc.request.id': '1',
      'mcp.protocol.version': '2025-11-25',
      'mcp.client.name': 'test-client',
      'mcp.client.version': '9.9.9',
    });
    expect(serverSpan?.attributes['mcp.session.id']).toBeUndefined();
    expect(serverSpan?.attributes['error.type']).toBeUndefined();
    expect(serverSpan?.status.code).toBe(SpanStatusCode.UNSET);
    expect(clientSpan?.attributes).toMatchObject({
      'mcp.method.name': 'tools/call',
      'gen_ai.tool.name': 'echo',
      'jsonrpc.request.id': '1',
    });
    expect(serverSpan?.spanContext().traceId).toBe(clientSpan?.spanContext().traceId);
    expect(serverSpan?.parentSpanContext?.spanId).toBe(clientSpan?.spanContext().spanId);
    expect(serverSpan?.links).toEqual([]);
  });

  it('names spans without a target by the method alone and sets gen_ai.operation.name only on tools/call', async () => {
    const { client } = await connectPair();
    await client.listTools();
    await client.getPrompt({ name: 'greet', arguments: { name: 'Ada' } });
    await client.readResource({ uri: 'docs://readme' });
    await until(() => observed.spans().length >= 8);
    const list = observed.spans().find((span) => span.name === 'tools/list' && span.kind === SpanKind.SERVER);
    expect(list?.attributes['gen_ai.operation.name']).toBeUndefined();
    const prompt = observed
      .spans()
      .find((span) => span.name === 'prompts/get greet' && span.kind === SpanKind.SERVER);
    expect(prompt?.attributes).toMatchObject({
      'gen_ai.prompt.name': 'greet',
      'mcp.method.name': 'prompts/get',
    });
    expect(prompt?.attributes['gen_ai.prompt.variable.name']).toBeUndefined();
    const read = observed
      .spans()
      .find((span) => span.name === 'resources/read' && span.kind === SpanKind.SERVER);
    expect(read?.attributes['mcp.resource.uri']).toBe('docs://readme');
  });

  it('marks isError results, thrown handlers, unknown tools and invalid arguments as tool_error (v1 answers all with isError)', async () => {
    const { client } = await connectPair();
    await client.callTool({ name: 'soft_fail', arguments: {} });
    await client.callTool({ name: 'boom', arguments: {} });
    await client.callTool({ name: 'nope', arguments: {} });
    await client.callTool({ name: 'echo', arguments: { text: 42 } });
    await until(
      () =>
        observed.spans().filter((span) => span.kind === SpanKind.SERVER && span.name.startsWith('tools/call'))
          .length === 4,
    );
    for (const name of ['tools/call soft_fail', 'tools/call boom', 'tools/call nope', 'tools/call echo']) {
      const span = observed.spans().find((item) => item.name === name && item.kind === SpanKind.SERVER);
      expect(span?.attributes['error.type'], name).toBe('tool_error');
      expect(span?.status.code, name).toBe(SpanStatusCode.ERROR);
      expect(span?.attributes['rpc.response.status_code'], name).toBeUndefined();
    }
    const metrics = await observed.metrics();
    const errors = metrics.filter(
      (point) => point.name === 'mcp_o11y.errors' && point.attributes['mcp.method.name'] === 'tools/call',
    );
    const serverErrors = (category: string) =>
      errors
        .filter((point) => point.attributes['mcp_o11y.error.category'] === category)
        .reduce((sum, point) => sum + (point.value as number), 0);
    // Each failure counts once per side: the server's tools and the client's; the unknown tool is a validation error on the server.
    expect(serverErrors('validation')).toBeGreaterThanOrEqual(1);
    expect(serverErrors('tool_error')).toBeGreaterThanOrEqual(3);
    const folded = metrics.find(
      (point) =>
        point.name === 'mcp.server.operation.duration' && point.attributes['gen_ai.tool.name'] === '_OTHER',
    );
    expect(folded?.attributes['error.type']).toBe('tool_error');
  });

  it('records the semconv duration histograms in seconds with the advised buckets', async () => {
    const { client } = await connectPair();
    await client.callTool({ name: 'echo', arguments: { text: 'hi' } });
    await until(() => observed.spans().length >= 4);
    const metrics = await observed.metrics();
    const server = metrics.filter((point) => point.name === 'mcp.server.operation.duration');
    const echo = server.find((point) => point.attributes['gen_ai.tool.name'] === 'echo');
    expect(echo).toMatchObject({ unit: 's', boundaries: DURATION_BUCKETS_SECONDS });
    expect(echo?.attributes).toEqual({
      'mcp.method.name': 'tools/call',
      'gen_ai.tool.name': 'echo',
      'gen_ai.operation.name': 'execute_tool',
      'mcp.protocol.version': '2025-11-25',
    });
    const clientPoint = metrics.find(
      (point) =>
        point.name === 'mcp.client.operation.duration' && point.attributes['gen_ai.tool.name'] === 'echo',
    );
    expect(clientPoint).toMatchObject({ unit: 's', boundaries: DURATION_BUCKETS_SECONDS });
    for (const point of metrics) {
      expect(Object.keys(point.attributes)).not.toContain('mcp.session.id');
      expect(Object.keys(point.attributes)).not.toContain('jsonrpc.request.id');
    }
    const active = metrics.filter((point) => point.name === 'mcp_o11y.requests.active');
    expect(active.length).toBeGreaterThan(0);
    for (const point of active) expect(point.value).toBe(0);
    const series = observed.observability.store?.listSeries('mcp.server.operation') ?? [];
    const echoSeries = series.find((item) => item.labels['gen_ai.tool.name'] === 'echo');
    expect(echoSeries?.labels).toEqual({ 'mcp.method.name': 'tools/call', 'gen_ai.tool.name': 'echo' });
    expect(echoSeries?.window(60).count).toBe(1);
  });

  it('ends the span on notifications/cancelled with error.type=cancelled, on both sides', async () => {
    const { client } = await connectPair();
    const controller = new AbortController();
    const call = client.callTool({ name: 'wait', arguments: {} }, undefined, { signal: controller.signal });
    await new Promise((resolve) => setTimeout(resolve, 20));
    controller.abort('user gave up');
    await expect(call).rejects.toThrow();
    await until(() => observed.spans().filter((span) => span.name === 'tools/call wait').length === 2);
    const serverSpan = observed
      .spans()
      .find((span) => span.name === 'tools/call wait' && span.kind === SpanKind.SERVER);
    const clientSpan = observed
      .spans()
      .find((span) => span.name === 'tools/call wait' && span.kind === SpanKind.CLIENT);
    expect(serverSpan?.attributes['error.type']).toBe('cancelled');
    expect(serverSpan?.status.code).toBe(SpanStatusCode.UNSET);
    expect(clientSpan?.attributes['error.type']).toBe('cancelled');
    expect(clientSpan?.status.code).toBe(SpanStatusCode.ERROR);
  });

  it('records progress notifications as span events, not spans', async () => {
    const { client } = await connectPair();
    await client.callTool({ name: 'progress', arguments: {} }, undefined, { onprogress: () => {} });
    await until(() => observed.spans().filter((span) => span.name === 'tools/call progress').length === 2);
    for (const span of observed.spans().filter((item) => item.name === 'tools/call progress')) {
      expect(span.events.map((event) => event.name)).toEqual([
        'notifications/progress',
        'notifications/progress',
      ]);
      expect(span.events[1]?.attributes).toMatchObject({
        'mcp.progress.current': 2,
        'mcp.progress.total': 2,
      });
    }
    expect(observed.spans().some((span) => span.name.startsWith('notifications/'))).toBe(false);
    const notifications = (await observed.metrics()).filter(
      (point) => point.name === 'mcp_o11y.notifications',
    );
    expect(
      notifications.find(
        (point) =>
          point.attributes['mcp.method.name'] === 'notifications/progress' &&
          point.attributes['network.io.direction'] === 'transmit',
      )?.value,
    ).toBe(2);
  });

  it('injects traceparent into params._meta without overwriting keys the caller set', async () => {
    const { server, client } = await connectPair();
    let seen: Record<string, unknown> | undefined;
    server.registerTool('meta', { inputSchema: {} }, async (_args, extra) => {
      seen = extra._meta as Record<string, unknown>;
      return { content: [] };
    });
    await client.callTool({ name: 'meta', arguments: {}, _meta: { mine: 'kept', tracestate: 'vendor=1' } });
    expect(seen?.mine).toBe('kept');
    expect(seen?.tracestate).toBe('vendor=1');
    expect(seen?.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
  });

  it('uses the ambient context as parent when _meta carries none', async () => {
    const { client } = await connectPair({ instrumentClient: false });
    const tracer = observed.observability.tracer;
    await tracer.startActiveSpan('outer', async (outer) => {
      await client.callTool({ name: 'echo', arguments: { text: 'x' } });
      outer.end();
    });
    await until(() => observed.spans().some((span) => span.name === 'tools/call echo'));
    const serverSpan = observed.span('tools/call echo');
    expect(serverSpan.parentSpanContext?.spanId).toBe(observed.span('outer').spanContext().spanId);
  });

  it('makes the server span active while the handler runs', async () => {
    const { server, client } = await connectPair();
    let active: string | undefined;
    server.registerTool('active', { inputSchema: {} }, async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      active = trace.getActiveSpan()?.spanContext().spanId;
      return { content: [] };
    });
    await client.callTool({ name: 'active', arguments: {} });
    await until(() =>
      observed.spans().some((span) => span.name === 'tools/call active' && span.kind === SpanKind.SERVER),
    );
    const serverSpan = observed
      .spans()
      .find((span) => span.name === 'tools/call active' && span.kind === SpanKind.SERVER);
    expect(active).toBe(serverSpan?.spanContext().spanId);
  });

  it('is idempotent and returns the same object', async () => {
    const server = buildV1Server();
    expect(instrument(server, { observability: observed.observability })).toBe(server);
    expect(instrument(server, { observability: observed.observability })).toBe(server);
    const client = new Client({ name: 'c', version: '1' });
    instrumentClient(client, { observability: observed.observability });
    const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
    await server.connect(serverTransport);
    await client.connect(clientTransport);
    await client.ping();
    await until(() => observed.spans().filter((span) => span.name === 'ping').length === 2);
    expect(
      observed.spans().filter((span) => span.name === 'ping' && span.kind === SpanKind.SERVER),
    ).toHaveLength(1);
  });
});

describe('SDK v1 low-level Server', () => {
  it('classifies caller faults and server errors per the semconv, and folds names the server never listed', async () => {
    const server = new Server({ name: 'low', version: '1.0.0' }, { capabilities: { tools: {} } });
    server.setRequestHandler(ListToolsRequestSchema, async () => ({
      tools: [{ name: 'crash', inputSchema: { type: 'object' } }],
    }));
    server.setRequestHandler(CallToolRequestSchema, async (request) => {
      if (request.params.name === 'crash') throw new McpError(-32603, 'database unavailable');
      throw new McpError(-32602, `Unknown tool: ${request.params.name}`);
    });
    instrument(server, { observability: observed.observability });
    const client = instrumentClient(new Client({ name: 'c', version: '1' }), {
      observability: observed.observability,
    });
    const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
    await server.connect(serverTransport);
    await client.connect(clientTransport);
    await client.listTools();
    await expect(client.callTool({ name: 'crash', arguments: {} })).rejects.toThrow('database unavailable');
    await expect(client.callTool({ name: 'ghost', arguments: {} })).rejects.toThrow();
    await expect(
      client.request({ method: 'resources/list' }, ListToolsRequestSchema as never),
    ).rejects.toThrow();
    await until(() => observed.spans().filter((span) => span.kind === SpanKind.SERVER).length >= 5);

    const server500 = observed
      .spans()
      .find((span) => span.name === 'tools/call crash' && span.kind === SpanKind.SERVER);
    expect(server500?.attributes).toMatchObject({
      'error.type': '-32603',
      'rpc.response.status_code': '-32603',
    });
    expect(server500?.status).toEqual({
      code: SpanStatusCode.ERROR,
      message: 'MCP error -32603: database unavailable',
    });

    const unknown = observed
      .spans()
      .find((span) => span.name === 'tools/call ghost' && span.kind === SpanKind.SERVER);
    expect(unknown?.attributes['rpc.response.status_code']).toBe('-32602');
    expect(unknown?.attributes['error.type']).toBeUndefined();
    expect(unknown?.status.code).toBe(SpanStatusCode.UNSET);
    const unknownClient = observed
      .spans()
      .find((span) => span.name === 'tools/call ghost' && span.kind === SpanKind.CLIENT);
    expect(unknownClient?.attributes['error.type']).toBe('-32602');
    expect(unknownClient?.status.code).toBe(SpanStatusCode.ERROR);

    const notFound = observed
      .spans()
      .find((span) => span.name === 'resources/list' && span.kind === SpanKind.SERVER);
    expect(notFound?.attributes['rpc.response.status_code']).toBe('-32601');
    expect(notFound?.status.code).toBe(SpanStatusCode.UNSET);

    const metrics = await observed.metrics();
    const toolLabels = metrics
      .filter(
        (point) =>
          point.name === 'mcp.server.operation.duration' &&
          point.attributes['mcp.method.name'] === 'tools/call',
      )
      .map((point) => point.attributes['gen_ai.tool.name']);
    expect(toolLabels.sort()).toEqual(['_OTHER', 'crash']);
  });
});
