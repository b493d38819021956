import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { SpanKind, trace } from '@opentelemetry/api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { instrument, instrumentClient } from '../../src/mcp/instrument.js';
import { listen } from './http-harness.js';
import { type Observed, observe, until } from './observe.js';
import { buildV1Server } from './v1-fixtures.js';

let observed: Observed;
beforeEach(async () => {
  observed = await observe();
});
afterEach(async () => {
  await observed.shutdown();
});

describe('transport hooks', () => {
  it('sends a request inside its CLIENT span, so the transport’s own work (an HTTP request) is its child', async () => {
    const server = instrument(buildV1Server(), { observability: observed.observability });
    const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
    const activeAtSend = new Map<string, string | undefined>();
    const send = clientTransport.send.bind(clientTransport);
    clientTransport.send = (message, options) => {
      const method = (message as { method?: string }).method;
      if (method !== undefined) activeAtSend.set(method, trace.getActiveSpan()?.spanContext().spanId);
      return send(message, options);
    };
    const client = instrumentClient(new Client({ name: 'c', version: '1.0.0' }), {
      observability: observed.observability,
    });
    await server.connect(serverTransport);
    await client.connect(clientTransport);
    await client.callTool({ name: 'echo', arguments: { text: 'hi' } });
    await until(() =>
      observed.spans().some((span) => span.kind === SpanKind.CLIENT && span.name === 'tools/call echo'),
    );
    const sent = observed
      .spans()
      .find((span) => span.kind === SpanKind.CLIENT && span.name === 'tools/call echo');
    expect(activeAtSend.get('tools/call')).toBe(sent?.spanContext().spanId);
    // A notification has no span of its own: it goes out in the caller's context.
    expect(activeAtSend.get('notifications/initialized')).toBeUndefined();
    await client.close();
  });

  it('counts the HTTP transport’s own 413 as a rejection, with no user code for it', async () => {
    const http = await listen(async (request, response) => {
      const transport = new StreamableHTTPServerTransport({
        sessionIdGenerator: undefined,
        maxRequestBodySize: 1024,
      });
      await instrument(buildV1Server(), { observability: observed.observability }).connect(transport);
      await transport.handleRequest(request, response);
    });
    const body = JSON.stringify({
      jsonrpc: '2.0',
      id: 1,
      method: 'tools/call',
      params: { name: 'echo', arguments: { text: 'x'.repeat(4096) } },
    });
    const answer = await fetch(http.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
      body,
    });
    expect(answer.status).toBe(413);
    await http.close();
    const rejections = (await observed.metrics()).filter(
      (point) => point.name === 'mcp_o11y.http.rejections',
    );
    expect(rejections.map((point) => [point.attributes.kind, point.value])).toContainEqual([
      'request_too_large',
      1,
    ]);
  });
});
