import { randomUUID } from 'node:crypto';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { SSEServerTransport } from '@modelcontextprotocol/sdk/server/sse.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { SpanKind } from '@opentelemetry/api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { instrument, instrumentClient } from '../../src/mcp/instrument.js';
import { listen } from './http-harness.js';
import { type Observed, observe, until } from './observe.js';
import { buildV1Server } from './v1-fixtures.js';

let observed: Observed;
const cleanups: (() => Promise<void>)[] = [];
beforeEach(async () => {
  observed = await observe();
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await observed.shutdown();
});

function serverSpan(name: string) {
  return observed.spans().find((span) => span.name === name && span.kind === SpanKind.SERVER);
}
function clientSpan(name: string) {
  return observed.spans().find((span) => span.name === name && span.kind === SpanKind.CLIENT);
}

describe('SDK v1 over Streamable HTTP', () => {
  it('stateful: continues the client trace, links the HTTP span, records session, network and peer attributes', async () => {
    const transports = new Map<string, StreamableHTTPServerTransport>();
    const tracer = observed.observability.tracer;
    const http = await listen(async (request, response) => {
      const sessionId = request.headers['mcp-session-id'];
      let transport = typeof sessionId === 'string' ? transports.get(sessionId) : undefined;
      if (transport === undefined) {
        const created = new StreamableHTTPServerTransport({
          sessionIdGenerator: () => randomUUID(),
          onsessioninitialized: (id) => void transports.set(id, created),
        });
        await instrument(buildV1Server(), { observability: observed.observability }).connect(created);
        transport = created;
      }
      const active = transport;
      // Stands in for an HTTP instrumentation's server span: the MCP span must link it, not parent on it.
      await tracer.startActiveSpan(`${request.method} /mcp`, { kind: SpanKind.SERVER }, async (span) => {
        await active.handleRequest(request, response);
        span.end();
      });
    });
    cleanups.push(http.close);
    const client = instrumentClient(new Client({ name: 'http-client', version: '2.0.0' }), {
      observability: observed.observability,
    });
    const transport = new StreamableHTTPClientTransport(http.url);
    await client.connect(transport);
    cleanups.push(() => client.close());
    await client.callTool({ name: 'echo', arguments: { text: 'over http' } });
    await until(
      () => serverSpan('tools/call echo') !== undefined && clientSpan('tools/call echo') !== undefined,
    );

    const server = serverSpan('tools/call echo');
    const sent = clientSpan('tools/call echo');
    expect(server?.spanContext().traceId).toBe(sent?.spanContext().traceId);
    expect(server?.parentSpanContext?.spanId).toBe(sent?.spanContext().spanId);
    const httpSpan = observed
      .spans()
      .filter(
        (span) => span.name === 'POST /mcp' && span.spanContext().traceId !== sent?.spanContext().traceId,
      );
    expect(server?.links.map((link) => link.context.spanId)).toHaveLength(1);
    expect(httpSpan.map((span) => span.spanContext().spanId)).toContain(server?.links[0]?.context.spanId);
    expect(server?.attributes).toMatchObject({
      'network.transport': 'tcp',
      'network.protocol.name': 'http',
      'network.protocol.version': '1.1',
      'client.address': '127.0.0.1',
      'mcp.session.id': transport.sessionId,
      'mcp.client.name': 'http-client',
    });
    expect(typeof server?.attributes['client.port']).toBe('number');
    expect(sent?.attributes).toMatchObject({
      'server.address': '127.0.0.1',
      'server.port': http.port,
      'network.transport': 'tcp',
    });
    const metrics = await observed.metrics();
    const point = metrics.find(
      (item) =>
        item.name === 'mcp.server.operation.duration' && item.attributes['gen_ai.tool.name'] === 'echo',
    );
    expect(point?.attributes).toMatchObject({
      'network.transport': 'tcp',
      'network.protocol.name': 'http',
      'network.protocol.version': '1.1',
    });
    expect(point?.attributes['client.address']).toBeUndefined();
    const clientPoint = metrics.find(
      (item) =>
        item.name === 'mcp.client.operation.duration' && item.attributes['gen_ai.tool.name'] === 'echo',
    );
    expect(clientPoint?.attributes).toMatchObject({
      'server.address': '127.0.0.1',
      'server.port': http.port,
    });
  });

  it('stateless: a server per request, no mcp.session.id', async () => {
    const http = await listen(async (request, response) => {
      const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
      const server = instrument(buildV1Server(), { observability: observed.observability });
      await server.connect(transport);
      response.on('close', () => void server.close());
      await transport.handleRequest(request, response);
    });
    cleanups.push(http.close);
    const client = instrumentClient(new Client({ name: 'c', version: '1' }), {
      observability: observed.observability,
    });
    await client.connect(new StreamableHTTPClientTransport(http.url));
    cleanups.push(() => client.close());
    await client.callTool({ name: 'echo', arguments: { text: 'x' } });
    await until(() => serverSpan('tools/call echo') !== undefined);
    const server = serverSpan('tools/call echo');
    expect(server?.attributes['mcp.session.id']).toBeUndefined();
    expect(server?.attributes['network.transport']).toBe('tcp');
    expect(server?.attributes['mcp.protocol.version']).toBe('2025-11-25');
    expect(server?.parentSpanContext?.spanId).toBe(clientSpan('tools/call echo')?.spanContext().spanId);
  });
});

describe('SDK v1 over legacy HTTP+SSE', () => {
  it('traces requests posted to the SSE transport', async () => {
    const transports = new Map<string, SSEServerTransport>();
    const http = await listen(async (request, response) => {
      if (request.method === 'GET') {
        const transport = new SSEServerTransport('/messages', response);
        transports.set(transport.sessionId, transport);
        await instrument(buildV1Server(), { observability: observed.observability }).connect(transport);
        return;
      }
      const sessionId = new URL(request.url ?? '/', 'http://x').searchParams.get('sessionId') ?? '';
      await transports.get(sessionId)?.handlePostMessage(request, response);
    });
    cleanups.push(http.close);
    const client = instrumentClient(new Client({ name: 'sse', version: '1' }), {
      observability: observed.observability,
    });
    await client.connect(new SSEClientTransport(http.url));
    cleanups.push(() => client.close());
    await client.callTool({ name: 'echo', arguments: { text: 'sse' } });
    await until(() => serverSpan('tools/call echo') !== undefined);
    const server = serverSpan('tools/call echo');
    expect(server?.attributes).toMatchObject({
      'network.transport': 'tcp',
      'network.protocol.name': 'http',
      'client.address': '127.0.0.1',
    });
    expect(typeof server?.attributes['mcp.session.id']).toBe('string');
    expect(server?.parentSpanContext?.spanId).toBe(clientSpan('tools/call echo')?.spanContext().spanId);
  });
});
