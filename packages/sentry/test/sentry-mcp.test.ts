import { type AdapterV1, createObservability, instrument, type Observability } from '@mcp-o11y/core';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { sentry } from '../src/index.js';
import { type EnvelopeReceiver, startEnvelopeReceiver } from './envelope-receiver.js';

const SERVER = 'server';
const SECRET = 'sk-live-0123456789abcdef0123';

/** A second backend on the same pipeline, standing in for the OTLP adapter: a plain OTel exporter. */
function memoryBackend(exporter: InMemorySpanExporter): AdapterV1 {
  return {
    specificationVersion: 'v1',
    id: 'memory-otel',
    kinds: ['traces'],
    create: () => ({ specificationVersion: 'v1', id: 'memory-otel', traces: { exporters: [exporter] } }),
  };
}

let receiver: EnvelopeReceiver;
let observability: Observability;
let client: Client;
const memory = new InMemorySpanExporter();

beforeAll(async () => {
  receiver = await startEnvelopeReceiver();
  observability = await createObservability({
    service: { name: 'weather-mcp', version: '1.2.3' },
    adapters: [
      sentry({
        dsn: receiver.dsn,
        tracesSampleRate: 1,
        environment: 'test',
        rateLimit: { events: 2, perSeconds: 60 },
      }),
      memoryBackend(memory),
    ],
    logging: { destination: false },
    alerts: false,
    shutdownHooks: { signals: false, stdinEnd: false, beforeExit: false },
  });
  const server = new McpServer({ name: 'weather', version: '1.0.0' });
  server.registerTool(
    'forecast',
    { inputSchema: { city: z.string(), apiKey: z.string() } },
    async ({ city }) => {
      observability.logger.info('looking up forecast', { city, token: SECRET });
      if (city === 'Atlantis') throw new Error(`city 4711 not found: Atlantis (key ${SECRET})`);
      return { content: [{ type: 'text', text: `sunny in ${city}` }] };
    },
  );
  server.registerPrompt('greet', { argsSchema: { name: z.string() } }, ({ name }) => ({
    messages: [{ role: 'user', content: { type: 'text', text: `Hello ${name}` } }],
  }));
  instrument(server, { observability, capture: { arguments: true, results: true } });
  client = new Client({ name: 'test-client', version: '9.9.9' });
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  await server.connect(serverTransport);
  await client.connect(clientTransport);
});

afterAll(async () => {
  await client?.close();
  await observability?.shutdown();
  await receiver?.close();
});

async function flush(): Promise<void> {
  await observability.forceFlush();
}

describe('MCP end to end through the real @sentry/node client', () => {
  it('a thrown tool handler yields one error event with MCP context, and the transaction', async () => {
    const result = await client.callTool({
      name: 'forecast',
      arguments: { city: 'Atlantis', apiKey: SECRET },
    });
    expect(result.isError).toBe(true);
    await flush();
    const serverSpan = observability.store
      ?.recentSpans()
      .find((span) => span.name === 'tools/call forecast' && span.kind === SERVER);
    expect(serverSpan).toBeDefined();
    const traceId = serverSpan?.traceId as string;

    const events = await receiver.waitFor(() => {
      const found = receiver.items('event').filter((event) => event.contexts?.trace?.trace_id === traceId);
      return found.length > 0 ? found : undefined;
    });
    expect(events).toHaveLength(1);
    const event = events[0];
    expect(event.level).toBe('error');
    expect(event.environment).toBe('test');
    expect(event.release).toBe('weather-mcp@1.2.3');
    expect(event.exception.values.at(-1)).toMatchObject({ type: 'ToolError', mechanism: { handled: true } });
    // The message comes from the captured result, redacted; the fingerprint keeps its shape, not its ids.
    expect(event.exception.values.at(-1).value).toBe('city 4711 not found: Atlantis (key [REDACTED])');
    expect(event.tags).toMatchObject({
      'error.type': 'tool_error',
      'gen_ai.tool.name': 'forecast',
      'mcp.method.name': 'tools/call',
      'mcp.client.name': 'test-client',
      'mcp_o11y.error.category': 'tool_error',
    });
    expect(event.contexts.mcp).toMatchObject({
      'mcp.method.name': 'tools/call',
      'gen_ai.tool.name': 'forecast',
      'mcp.client.version': '9.9.9',
      'jsonrpc.request.id': expect.any(String),
    });
    expect(event.contexts.mcp['mcp_o11y.correlation_id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(event.tags['mcp_o11y.correlation_id']).toBe(event.contexts.mcp['mcp_o11y.correlation_id']);
    expect(event.contexts.trace).toMatchObject({
      trace_id: traceId,
      span_id: serverSpan?.spanId,
      op: 'mcp.server',
    });
    expect(event.fingerprint).toEqual([
      'mcp',
      'forecast',
      'tool_error',
      'city <n> not found: atlantis (key [redacted])',
    ]);
    // The handler's log line, as a breadcrumb of the same trace, with the secret field redacted.
    expect(event.breadcrumbs).toContainEqual(
      expect.objectContaining({ category: 'log', message: 'looking up forecast', level: 'info' }),
    );
    const crumb = event.breadcrumbs.find(
      (entry: { message: string }) => entry.message === 'looking up forecast',
    );
    expect(crumb.data).toMatchObject({ city: 'Atlantis', token: '[REDACTED]' });
    // The captured arguments arrive, redacted by core before any backend saw them.
    expect(event.contexts.mcp['gen_ai.tool.call.arguments']).toContain('Atlantis');

    const envelope = receiver
      .envelopes()
      .find((entry) => entry.items.some((item) => item.payload.event_id === event.event_id));
    expect(envelope?.header).toMatchObject({
      event_id: event.event_id,
      trace: { trace_id: traceId, public_key: 'publickey' },
    });
    expect(envelope?.request.path).toContain('sentry_key=publickey');

    const transaction = await receiver.waitFor(() =>
      receiver.items('transaction').find((entry) => entry.contexts.trace.trace_id === traceId),
    );
    expect(transaction).toMatchObject({
      type: 'transaction',
      transaction: 'tools/call forecast',
      contexts: { trace: { span_id: serverSpan?.spanId, op: 'mcp.server', status: 'internal_error' } },
    });
    expect(transaction.contexts.trace.data).toMatchObject({
      'gen_ai.tool.name': 'forecast',
      'error.type': 'tool_error',
    });
  });

  it('one request has the same trace id in Sentry, the in-memory store and a second OTel exporter', async () => {
    await client.callTool({ name: 'forecast', arguments: { city: 'Oslo', apiKey: 'x' } });
    await flush();
    const otelSpan = memory
      .getFinishedSpans()
      .filter((span) => span.name === 'tools/call forecast' && span.kind === 1)
      .at(-1);
    const traceId = otelSpan?.spanContext().traceId as string;
    expect(observability.store?.recentSpans().some((span) => span.traceId === traceId)).toBe(true);
    const transaction = await receiver.waitFor(() =>
      receiver.items('transaction').find((entry) => entry.contexts.trace.trace_id === traceId),
    );
    expect(transaction.contexts.trace.span_id).toBe(otelSpan?.spanContext().spanId);
    expect(transaction.contexts.trace.status).toBe('ok');
  });

  it('caller faults are not sent as error events', async () => {
    await flush();
    const before = receiver.items('event').length;
    // An unknown tool (SDK v1 answers with an isError result) and an unknown prompt (a -32602 error).
    const unknownTool = await client.callTool({ name: 'no_such_tool', arguments: {} });
    expect(JSON.stringify(unknownTool)).toContain('-32602');
    const unknownPrompt = await client.getPrompt({ name: 'no_such_prompt' }).then(
      () => 'answered',
      (error: { code?: number }) => error.code,
    );
    expect(unknownPrompt).toBe(-32602);
    await flush();
    const transactions = await receiver.waitFor(() => {
      const found = receiver
        .items('transaction')
        .filter((entry) => /no_such_tool|prompts\/get/.test(entry.transaction));
      return found.length >= 2 ? found : undefined;
    });
    expect(transactions.length).toBe(2); // both requests were exported …
    expect(receiver.items('event')).toHaveLength(before); // … but no error event was made of them
  });

  it('the per-fingerprint rate limit holds back repeats of one error', async () => {
    for (let index = 0; index < 4; index += 1)
      await client.callTool({ name: 'forecast', arguments: { city: 'Atlantis', apiKey: 'x' } });
    await flush();
    // The first test sent one; the limit is 2 per minute per fingerprint, so exactly one more arrives.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const atlantis = receiver.items('event').filter((event) => event.transaction === 'tools/call forecast');
    expect(atlantis).toHaveLength(2);
    expect(new Set(atlantis.map((event) => JSON.stringify(event.fingerprint))).size).toBe(1);
  });

  it('no secret ever reaches the Sentry endpoint', () => {
    expect(receiver.http.requests.length).toBeGreaterThan(0);
    for (const request of receiver.http.requests) {
      const envelope = JSON.stringify(receiver.envelopes().find((entry) => entry.request === request));
      expect(envelope).not.toContain(SECRET);
      expect(request.text).not.toContain(SECRET);
    }
  });
});
