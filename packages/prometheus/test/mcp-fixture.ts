import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { instrument, instrumentClient, type Observability } from '@mcp-o11y/core';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { z } from 'zod';

/** A v1 McpServer with `echo` (succeeds) and `flaky` (answers isError), instrumented. */
function buildServer(observability: Observability): McpServer {
  const server = new McpServer({ name: 'weather-mcp', version: '1.0.0' });
  server.registerTool('echo', { inputSchema: { text: z.string() } }, async ({ text }) => ({
    content: [{ type: 'text', text }],
  }));
  server.registerTool('flaky', { inputSchema: {} }, async () => ({
    content: [{ type: 'text', text: 'upstream down' }],
    isError: true,
  }));
  return instrument(server, { observability });
}

/** The MCP server over Streamable HTTP on 127.0.0.1, and an instrumented client connected to it. */
export async function startMcpOverHttp(observability: Observability) {
  const transports = new Map<string, StreamableHTTPServerTransport>();
  const http: Server = createServer((request, response) => {
    void (async () => {
      const sessionId = request.headers['mcp-session-id'];
      let transport = typeof sessionId === 'string' ? transports.get(sessionId) : undefined;
      if (transport === undefined) {
        const created = new StreamableHTTPServerTransport({
          sessionIdGenerator: () => randomUUID(),
          onsessioninitialized: (id) => void transports.set(id, created),
        });
        await buildServer(observability).connect(created);
        transport = created;
      }
      await transport.handleRequest(request, response);
    })().catch(() => {
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const url = new URL(`http://127.0.0.1:${(http.address() as AddressInfo).port}/mcp`);
  const client = instrumentClient(new Client({ name: 'traffic', version: '1.0.0' }), { observability });
  await client.connect(new StreamableHTTPClientTransport(url));
  return {
    client,
    async close() {
      await client.close();
      for (const transport of transports.values()) await transport.close();
      http.closeAllConnections();
      await new Promise((resolve) => http.close(resolve));
    },
  };
}
