import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createIntegration, createObservability, instrument, instrumentClient } from '@mcp-o11y/core';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { SpanKind } from '@opentelemetry/api';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { otlp } from '../src/index.js';
import type { ReceivedSpan } from './decode-otlp.js';
import { startGrpcCollector, startHttpCollector } from './otlp-receivers.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

type Protocol = 'http/protobuf' | 'grpc';

/** Runs one tools/call through instrumentClient → Streamable HTTP → instrument(server) → createIntegration. */
async function runScenario(protocol: Protocol) {
  const collector = protocol === 'grpc' ? await startGrpcCollector() : await startHttpCollector();
  cleanups.push(() => collector.close());
  const observability = await createObservability({
    service: { name: 'e2e-server' },
    adapters: [otlp({ protocol, endpoint: collector.url, metrics: false, logs: false })],
    env: {},
    logging: { destination: false },
    alerts: false,
    shutdownHooks: { signals: false, stdinEnd: false, beforeExit: false },
  });
  cleanups.push(() => observability.shutdown());
  const forecasts = createIntegration({ name: 'forecast-db', kind: 'database', observability, retry: false });

  const transports = new Map<string, StreamableHTTPServerTransport>();
  const http = createServer(async (request, response) => {
    const sessionId = request.headers['mcp-session-id'];
    let transport = typeof sessionId === 'string' ? transports.get(sessionId) : undefined;
    if (transport === undefined) {
      const created = new StreamableHTTPServerTransport({
        sessionIdGenerator: () => randomUUID(),
        onsessioninitialized: (id) => void transports.set(id, created),
      });
      const server = new McpServer({ name: 'e2e', version: '1.0.0' });
      server.registerTool('forecast', { inputSchema: { city: z.string() } }, async ({ city }) => {
        // The span a database driver's instrumentation would make inside the integration call.
        const text = await forecasts.execute(
          async () =>
            observability.tracer.startActiveSpan('SELECT forecast', { kind: SpanKind.CLIENT }, (span) => {
              span.end();
              return `sunny in ${city}`;
            }),
          { operation: 'SELECT forecast' },
        );
        return { content: [{ type: 'text', text }] };
      });
      await instrument(server, { observability }).connect(created);
      transport = created;
    }
    await transport.handleRequest(request, response);
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        http.closeAllConnections();
        http.close(() => resolve());
      }),
  );
  const { port } = http.address() as AddressInfo;
  const client = instrumentClient(new Client({ name: 'e2e-client', version: '1.0.0' }), { observability });
  await client.connect(new StreamableHTTPClientTransport(new URL(`http://127.0.0.1:${port}/mcp`)));
  cleanups.push(() => client.close());
  const result = await client.callTool({ name: 'forecast', arguments: { city: 'Oslo' } });
  expect(result.content).toEqual([{ type: 'text', text: 'sunny in Oslo' }]);
  await observability.forceFlush();
  const received = collector.accepted().spans;
  const clientSpan = received.find((span) => span.name === 'tools/call forecast' && span.kind === 3);
  const serverSpan = received.find((span) => span.name === 'tools/call forecast' && span.kind === 2);
  return { received, clientSpan, serverSpan, stored: observability.store?.recentSpans() ?? [] };
}

/** Walks parent ids up from `span` within `spans`. */
function ancestors(span: ReceivedSpan | undefined, spans: readonly ReceivedSpan[]): string[] {
  const chain: string[] = [];
  let current = span;
  while (current?.parentSpanId) {
    chain.push(current.parentSpanId);
    const parentId = current.parentSpanId;
    current = spans.find((candidate) => candidate.spanId === parentId);
  }
  return chain;
}

describe.each(['http/protobuf', 'grpc'] as const)(
  'client → Streamable HTTP → server → integration (%s)',
  (protocol) => {
    it('one trace with the right parents reaches the OTLP collector and the in-memory store', async () => {
      const { received, clientSpan, serverSpan, stored } = await runScenario(protocol);
      const querySpan = received.find((span) => span.name === 'SELECT forecast');
      expect(clientSpan).toBeDefined();
      expect(serverSpan).toMatchObject({ traceId: clientSpan?.traceId, parentSpanId: clientSpan?.spanId });
      expect(serverSpan?.resource['service.name']).toBe('e2e-server');
      expect(querySpan?.traceId).toBe(clientSpan?.traceId);
      // Through createIntegration(...).execute(...): the work inside it stays under the server span.
      expect(ancestors(querySpan, received)).toContain(serverSpan?.spanId);

      const byId = new Map(stored.map((span) => [span.spanId, span]));
      for (const span of [clientSpan, serverSpan, querySpan]) {
        const twin = byId.get(span?.spanId ?? '');
        expect(twin).toMatchObject({ traceId: clientSpan?.traceId, name: span?.name });
        expect(twin?.parentSpanId).toBe(span?.parentSpanId);
      }
    });

    it('createIntegration emits its own CLIENT span under the server span', async () => {
      const { received, serverSpan } = await runScenario(protocol);
      const integrationSpan = received.find((span) =>
        JSON.stringify(span.attributes).includes('forecast-db'),
      );
      expect(integrationSpan).toMatchObject({
        traceId: serverSpan?.traceId,
        parentSpanId: serverSpan?.spanId,
      });
    });
  },
);
