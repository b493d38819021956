// Runs in a child process (see test/support/run-scenario.ts) so NODE_EXTRA_CA_CERTS is read at start.
// Commands arrive over IPC; nothing is written to stdout (the parent asserts it stays empty).
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type AdapterV1,
  createObservability,
  instrument,
  instrumentClient,
  type Observability,
} from '@mcp-o11y/core';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace';
import { type AzureMonitorOptions, azureMonitor } from '../../src/index.ts';

interface Command {
  readonly id: number;
  readonly type: 'start' | 'mcp' | 'emit' | 'flush' | 'diagnostics' | 'shutdown';
  readonly options?: AzureMonitorOptions;
  readonly env?: Record<string, string>;
  readonly mark?: string;
  readonly bytes?: number;
}

const memory = new InMemorySpanExporter();
/** A plain OpenTelemetry test backend next to Azure Monitor in the same pipeline. */
const memoryAdapter: AdapterV1 = {
  specificationVersion: 'v1',
  id: 'memory-spans',
  kinds: ['traces'],
  create: () => ({
    specificationVersion: 'v1',
    id: 'memory-spans',
    traces: { processors: [new SimpleSpanProcessor({ exporter: memory })] },
  }),
};

let observability: Observability | undefined;
const cleanups: (() => Promise<void>)[] = [];

function buildServer(handle: Observability): McpServer {
  const server = new McpServer({ name: 'weather', version: '1.0.0' });
  server.registerTool('get_weather', { inputSchema: {} }, async () => {
    handle.logger.info('fetching forecast', { city: 'Lisbon' });
    handle.tracer.startActiveSpan(
      'GET /forecast',
      {
        kind: SpanKind.CLIENT,
        attributes: {
          'http.request.method': 'GET',
          'url.full': 'https://api.weather.test/forecast?city=Lisbon',
          'server.address': 'api.weather.test',
          'http.response.status_code': 503,
        },
      },
      (span) => {
        span.recordException(new TypeError('forecast backend unavailable'));
        span.setStatus({ code: SpanStatusCode.ERROR });
        span.end();
      },
    );
    handle.logger.error('forecast degraded, served from cache', {
      err: new RangeError('cache entry is stale'),
    });
    return { content: [{ type: 'text', text: 'sunny' }] };
  });
  server.registerTool('boom', { inputSchema: {} }, async () => {
    handle.logger.error('quota check failed', { err: 'quota service said no' });
    throw new Error('handler exploded');
  });
  return server;
}

/** One MCP server over Streamable HTTP on 127.0.0.1 and an instrumented client calling two tools. */
async function runMcp(handle: Observability) {
  const http = createServer((request, response) => {
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    const server = instrument(buildServer(handle), { observability: handle });
    response.on('close', () => void server.close());
    void server.connect(transport).then(() => transport.handleRequest(request, response));
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const port = (http.address() as AddressInfo).port;
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        http.closeAllConnections();
        http.close(() => resolve());
      }),
  );
  const client = instrumentClient(new Client({ name: 'weather-client', version: '2.1.0' }), {
    observability: handle,
  });
  await client.connect(new StreamableHTTPClientTransport(new URL(`http://127.0.0.1:${port}/mcp`)));
  await client.callTool({ name: 'get_weather', arguments: {} });
  await client.callTool({ name: 'boom', arguments: {} });
  await client.close();
  await handle.forceFlush();
  return {
    port,
    spans: memory.getFinishedSpans().map((span) => ({
      name: span.name,
      kind: span.kind,
      traceId: span.spanContext().traceId,
      spanId: span.spanContext().spanId,
      parentSpanId: span.parentSpanContext?.spanId,
    })),
  };
}

async function handle(command: Command): Promise<unknown> {
  switch (command.type) {
    case 'start':
      observability = await createObservability({
        service: { name: 'weather-mcp' },
        env: command.env ?? {},
        adapters: [azureMonitor(command.options ?? {}), memoryAdapter],
        memory: false,
        logging: { destination: false },
        shutdownHooks: { signals: false, stdinEnd: false, beforeExit: false },
      });
      return { started: true };
    case 'mcp':
      if (!observability) throw new Error('start first');
      return runMcp(observability);
    case 'emit': {
      if (!observability) throw new Error('start first');
      const span = observability.tracer.startSpan(command.mark ?? randomUUID(), { kind: SpanKind.SERVER });
      span.setAttribute('padding', 'x'.repeat(command.bytes ?? 0));
      span.end();
      await observability.forceFlush();
      return { traceId: span.spanContext().traceId };
    }
    case 'flush':
      await observability?.forceFlush();
      return { flushed: true };
    case 'diagnostics':
      return observability?.diagnostics();
    case 'shutdown':
      for (const cleanup of cleanups.splice(0)) await cleanup();
      await observability?.shutdown();
      setImmediate(() => process.exit(0));
      return { diagnostics: observability?.diagnostics().faults ?? [] };
  }
}

process.on('message', (command: Command) => {
  handle(command).then(
    (result) => process.send?.({ id: command.id, result }),
    (error: unknown) =>
      process.send?.({ id: command.id, error: error instanceof Error ? error.stack : String(error) }),
  );
});
