import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createIntegration, instrument, instrumentClient, type Observability } from '@mcp-o11y/core';
import { SpanKind } from '@opentelemetry/api';

// The MCP SDK is an optional peer of the testkit: imported only when a test calls mcpRoundTrip, so
// adapters that never do need not install it. Only the few members used here are typed.
async function sdk<T>(subpath: string): Promise<T> {
  return (await import(`@modelcontextprotocol/sdk/${subpath}`)) as T;
}

interface McpServerLike {
  registerTool(
    name: string,
    config: Record<string, unknown>,
    handler: () => Promise<{ content: { type: 'text'; text: string }[] }>,
  ): unknown;
  connect(transport: unknown): Promise<void>;
  close(): Promise<void>;
}
interface ClientLike {
  connect(transport: unknown): Promise<void>;
  callTool(request: { name: string; arguments: Record<string, unknown> }): Promise<unknown>;
  close(): Promise<void>;
}
interface ServerTransportLike {
  handleRequest(request: unknown, response: unknown): Promise<void>;
}

/** What {@link mcpRoundTrip} did: the port of the MCP server and how long the tool call took. */
export interface RoundTrip {
  readonly serverPort: number;
  readonly callMillis: number;
}

/**
 * An instrumented SDK v1 client calls the `forecast` tool of an instrumented server over Streamable HTTP
 * on 127.0.0.1 (stateless: one server per request). The tool opens a CLIENT span `GET /forecast` and calls a
 * tracked integration inside it (which adds its own CLIENT span). Everything is closed afterwards. Trace
 * adapters use it to check that one trace crosses client, server and integration in their backend.
 */
export async function mcpRoundTrip(observability: Observability): Promise<RoundTrip> {
  const { McpServer } = await sdk<{ McpServer: new (info: object) => McpServerLike }>('server/mcp.js');
  const { StreamableHTTPServerTransport } = await sdk<{
    StreamableHTTPServerTransport: new (options: object) => ServerTransportLike;
  }>('server/streamableHttp.js');
  const { Client } = await sdk<{ Client: new (info: object) => ClientLike }>('client/index.js');
  const { StreamableHTTPClientTransport } = await sdk<{
    StreamableHTTPClientTransport: new (url: URL) => unknown;
  }>('client/streamableHttp.js');

  const weather = createIntegration({ name: 'weather-api', kind: 'http', retry: false, observability });
  const http = createServer((request, response) => {
    const server = instrument(new McpServer({ name: 'weather', version: '1.0.0' }), { observability });
    server.registerTool('forecast', {}, () =>
      observability.tracer.startActiveSpan(
        'GET /forecast',
        {
          kind: SpanKind.CLIENT,
          attributes: { 'server.address': 'weather.example.com', 'server.port': 443 },
        },
        async (span) => {
          const text = await weather.execute(async () => 'sunny', { operation: 'GET /forecast' });
          span.end();
          return { content: [{ type: 'text' as const, text }] };
        },
      ),
    );
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    response.on('close', () => void server.close());
    server
      .connect(transport)
      .then(() => transport.handleRequest(request, response))
      .catch((error: unknown) => {
        if (!response.headersSent) response.writeHead(500);
        response.end(String(error));
      });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  const client = instrumentClient(new Client({ name: 'agent', version: '1.0.0' }), { observability });
  try {
    await client.connect(new StreamableHTTPClientTransport(new URL(`http://127.0.0.1:${port}/mcp`)));
    const started = performance.now();
    await client.callTool({ name: 'forecast', arguments: {} });
    return { serverPort: port, callMillis: performance.now() - started };
  } finally {
    await client.close();
    http.closeAllConnections();
    await new Promise<void>((resolve) => http.close(() => resolve()));
  }
}
