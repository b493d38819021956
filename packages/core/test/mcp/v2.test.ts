import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import {
  createMcpHandler,
  InMemoryTransport,
  WebStandardStreamableHTTPServerTransport,
} from '@modelcontextprotocol/server';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { instrument, instrumentClient } from '../../src/mcp/instrument.js';
import { instrumentServerFactory } from '../../src/mcp/instrument-server-factory.js';
import { listen, serveFetch } from './http-harness.js';
import { type Observed, observe, until } from './observe.js';
import { buildV2Server } from './v2-fixtures.js';

let observed: Observed;
const cleanups: (() => Promise<void>)[] = [];
beforeEach(async () => {
  observed = await observe();
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await observed.shutdown();
});

const serverSpan = (name: string) =>
  observed.spans().find((span) => span.name === name && span.kind === SpanKind.SERVER);
const clientSpan = (name: string) =>
  observed.spans().find((span) => span.name === name && span.kind === SpanKind.CLIENT);

describe('SDK v2 McpServer over InMemoryTransport (2025 era)', () => {
  it('traces every outcome with the semconv classification', async () => {
    const server = instrument(buildV2Server(), { observability: observed.observability });
    const client = instrumentClient(new Client({ name: 'v2-client', version: '2.0.0' }), {
      observability: observed.observability,
    });
    const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
    await server.connect(serverTransport);
    await client.connect(clientTransport);
    await client.callTool({ name: 'echo', arguments: { text: 'hi' } });
    await client.callTool({ name: 'soft_fail', arguments: {} });
    await client.callTool({ name: 'boom', arguments: {} });
    // The v2 client reports the server's -32602 for an unknown tool as an isError result; the wire carries the error.
    await client.callTool({ name: 'ghost', arguments: {} }).catch(() => undefined);
    await client.callTool({ name: 'echo', arguments: { text: 7 } }).catch(() => undefined);
    await until(
      () =>
        observed.spans().filter((span) => span.kind === SpanKind.SERVER && span.name.startsWith('tools/call'))
          .length === 5,
    );

    const ok = serverSpan('tools/call echo');
    expect(ok?.parentSpanContext?.spanId).toBe(clientSpan('tools/call echo')?.spanContext().spanId);
    expect(ok?.attributes).toMatchObject({
      'mcp.client.name': 'v2-client',
      'mcp.protocol.version': '2025-11-25',
    });
    expect(serverSpan('tools/call soft_fail')?.attributes['error.type']).toBe('tool_error');
    // SDK v2 turns a thrown handler and invalid arguments into isError results, as v1 does.
    expect(serverSpan('tools/call boom')?.attributes['error.type']).toBe('tool_error');
    const ghost = serverSpan('tools/call ghost');
    expect(ghost?.attributes['rpc.response.status_code']).toBe('-32602');
    expect(ghost?.attributes['error.type']).toBeUndefined();
    expect(ghost?.status.code).toBe(SpanStatusCode.UNSET);
    expect(clientSpan('tools/call ghost')?.attributes['error.type']).toBe('-32602');
    const validation = observed
      .spans()
      .filter((span) => span.name === 'tools/call echo' && span.kind === SpanKind.SERVER);
    expect(validation.map((span) => span.attributes['error.type'])).toEqual([undefined, 'tool_error']);
    const metrics = await observed.metrics();
    const labels = metrics
      .filter(
        (point) =>
          point.name === 'mcp.server.operation.duration' &&
          point.attributes['mcp.method.name'] === 'tools/call',
      )
      .map((point) => point.attributes['gen_ai.tool.name']);
    expect(new Set(labels)).toEqual(new Set(['echo', 'soft_fail', 'boom', '_OTHER']));
  });

  it('ends the span on cancellation', async () => {
    const server = instrument(buildV2Server(), { observability: observed.observability });
    const client = instrumentClient(new Client({ name: 'c', version: '1' }), {
      observability: observed.observability,
    });
    const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
    await server.connect(serverTransport);
    await client.connect(clientTransport);
    const controller = new AbortController();
    const call = client.callTool({ name: 'wait', arguments: {} }, { signal: controller.signal });
    await new Promise((resolve) => setTimeout(resolve, 20));
    controller.abort();
    await expect(call).rejects.toThrow();
    await until(
      () => serverSpan('tools/call wait') !== undefined && clientSpan('tools/call wait') !== undefined,
    );
    expect(serverSpan('tools/call wait')?.attributes['error.type']).toBe('cancelled');
    expect(clientSpan('tools/call wait')?.attributes['error.type']).toBe('cancelled');
  });
});

describe('SDK v2 over Streamable HTTP', () => {
  it('stateful legacy session: continues the trace and records mcp.session.id', async () => {
    const transports = new Map<string, WebStandardStreamableHTTPServerTransport>();
    const http = await listen((request, response) =>
      serveFetch(request, response, async (webRequest) => {
        const sessionId = webRequest.headers.get('mcp-session-id');
        let transport = sessionId === null ? undefined : transports.get(sessionId);
        if (transport === undefined) {
          const created = new WebStandardStreamableHTTPServerTransport({
            sessionIdGenerator: () => crypto.randomUUID(),
            onsessioninitialized: (id) => void transports.set(id, created),
          });
          await instrument(buildV2Server(), { observability: observed.observability }).connect(created);
          transport = created;
        }
        return transport.handleRequest(webRequest);
      }),
    );
    cleanups.push(http.close);
    const client = instrumentClient(new Client({ name: 'c2', version: '1' }), {
      observability: observed.observability,
    });
    const transport = new StreamableHTTPClientTransport(http.url);
    await client.connect(transport);
    cleanups.push(() => client.close());
    await client.callTool({ name: 'echo', arguments: { text: 'x' } });
    await until(() => serverSpan('tools/call echo') !== undefined);
    const server = serverSpan('tools/call echo');
    expect(server?.parentSpanContext?.spanId).toBe(clientSpan('tools/call echo')?.spanContext().spanId);
    expect(server?.attributes).toMatchObject({
      'mcp.session.id': transport.sessionId,
      'network.transport': 'tcp',
      'network.protocol.name': 'http',
    });
  });

  it('stateless 2026-07-28 via createMcpHandler and a per-request factory: no session id, identity from _meta', async () => {
    const handler = createMcpHandler(
      instrumentServerFactory(() => buildV2Server(), { observability: observed.observability }),
    );
    cleanups.push(() => handler.close());
    const http = await listen((request, response) =>
      serveFetch(request, response, (webRequest) => handler.fetch(webRequest)),
    );
    cleanups.push(http.close);
    const client = instrumentClient(
      new Client(
        { name: 'modern-client', version: '3.0.0' },
        { versionNegotiation: { mode: { pin: '2026-07-28' } } },
      ),
      { observability: observed.observability },
    );
    await client.connect(new StreamableHTTPClientTransport(http.url));
    cleanups.push(() => client.close());
    const result = await client.callTool({ name: 'echo', arguments: { text: 'modern' } });
    expect(result.content).toEqual([{ type: 'text', text: 'modern' }]);
    await until(
      () => serverSpan('tools/call echo') !== undefined && serverSpan('server/discover') !== undefined,
    );
    const server = serverSpan('tools/call echo');
    expect(server?.attributes).toMatchObject({
      'mcp.protocol.version': '2026-07-28',
      'mcp.client.name': 'modern-client',
      'mcp.client.version': '3.0.0',
      'network.transport': 'tcp',
    });
    expect(server?.attributes['mcp.session.id']).toBeUndefined();
    expect(server?.parentSpanContext?.spanId).toBe(clientSpan('tools/call echo')?.spanContext().spanId);
    expect(clientSpan('server/discover')).toBeDefined();
    const metrics = await observed.metrics();
    expect(
      metrics.find(
        (point) =>
          point.name === 'mcp.server.operation.duration' && point.attributes['gen_ai.tool.name'] === 'echo',
      )?.attributes['mcp.protocol.version'],
    ).toBe('2026-07-28');
    expect(metrics.some((point) => point.name === 'mcp.server.session.duration')).toBe(false);
  });
});
