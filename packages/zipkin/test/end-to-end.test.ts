import { createObservability, type Observability } from '@mcp-o11y/core';
import { type HttpReceiver, mcpRoundTrip, startHttpReceiver } from '@mcp-o11y/testkit';
import { afterEach, expect, it } from 'vitest';
import { type ZipkinSpanV2, zipkin } from '../src/index.js';
import { zipkinV2Violations } from './zipkin-v2-schema.js';

let receiver: HttpReceiver | undefined;
let observability: Observability | undefined;
afterEach(async () => {
  await observability?.shutdown();
  await receiver?.close();
});

it('an instrumented MCP client → Streamable HTTP → instrumented server reaches Zipkin as one trace', async () => {
  receiver = await startHttpReceiver({ handler: () => ({ status: 202, body: '' }) });
  observability = await createObservability({
    service: { name: 'weather-mcp' },
    adapters: [zipkin({ url: `${receiver.url}/api/v2/spans` })],
    logging: { destination: false },
    registerGlobals: false,
    alerts: false,
    shutdownHooks: { signals: false, stdinEnd: false, beforeExit: false },
  });
  const { serverPort } = await mcpRoundTrip(observability);
  await observability.forceFlush();

  for (const request of receiver.requests) expect(zipkinV2Violations(request.json())).toEqual([]);
  const spans = receiver.requests.flatMap((request) => request.json<ZipkinSpanV2[]>());
  const client = spans.find((span) => span.name === 'tools/call forecast' && span.kind === 'CLIENT');
  const server = spans.find((span) => span.name === 'tools/call forecast' && span.kind === 'SERVER');
  const downstream = spans.find((span) => span.name === 'GET /forecast');
  expect(client).toBeDefined();
  expect(server?.traceId).toBe(client?.traceId);
  expect(downstream?.traceId).toBe(client?.traceId);
  expect(server?.parentId).toBe(client?.id);
  expect(downstream?.parentId).toBe(server?.id);
  expect(client?.parentId).toBeUndefined();
  expect(client?.remoteEndpoint).toMatchObject({ ipv4: '127.0.0.1', port: serverPort });
  expect(server?.remoteEndpoint).toMatchObject({ ipv4: '127.0.0.1' });
  expect(server?.tags).toMatchObject({ 'mcp.method.name': 'tools/call', 'gen_ai.tool.name': 'forecast' });
  expect(downstream?.remoteEndpoint).toEqual({ serviceName: 'weather.example.com', port: 443 });
  for (const span of [client, server, downstream]) {
    expect(span?.localEndpoint).toEqual({ serviceName: 'weather-mcp' });
  }
});
