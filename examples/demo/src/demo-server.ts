import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { instrument, type Observability } from '@mcp-o11y/core';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { createDemoToolRandoms, registerDemoTools } from './demo-tools.ts';

/** Options of {@link startDemoServer}. */
export interface DemoServerOptions {
  /** Every session's server is instrumented into it; its logger reports failed requests. */
  readonly observability: Observability;
  /** Port on 127.0.0.1; 0 picks a free one. */
  readonly port: number;
  /** Seed of the tools' latencies and failures. */
  readonly seed: number;
}

/** A running demo server. */
export interface DemoServer {
  /** The MCP endpoint, e.g. `http://127.0.0.1:41234/mcp`. */
  readonly url: URL;
  /** Closes every session, then the HTTP server. Idempotent. */
  close(): Promise<void>;
}

const MCP_PATH = '/mcp';

/**
 * Starts an MCP server over Streamable HTTP on plain `node:http`, stateful: each `initialize` opens a
 * session with its own `McpServer` and transport, later requests find it by the `mcp-session-id` header.
 * Each of those servers is instrumented with core's `instrument()`: a SERVER span `tools/call <tool>`
 * per call (continuing the client's trace from `params._meta`), the semconv metrics, and the in-memory
 * series `mcp.server.operation` the live table reads.
 */
export async function startDemoServer(options: DemoServerOptions): Promise<DemoServer> {
  const { observability, port, seed } = options;
  // Shared by every session, so a tool's n-th call behaves the same however sessions interleave.
  const randoms = createDemoToolRandoms(seed);
  const sessions = new Map<string, { server: McpServer; transport: StreamableHTTPServerTransport }>();

  const openSession = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const server = instrument(new McpServer({ name: 'mcp-o11y-demo', version: '0.0.0' }), { observability });
    registerDemoTools(server, randoms);
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (sessionId) => {
        sessions.set(sessionId, { server, transport });
      },
    });
    transport.onclose = () => {
      if (transport.sessionId !== undefined) sessions.delete(transport.sessionId);
    };
    await server.connect(transport);
    await transport.handleRequest(request, response);
    // The transport refused the request (not an initialize): nothing will ever reach this server.
    if (transport.sessionId === undefined) await server.close();
  };

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (path !== MCP_PATH) {
      sendJsonRpcError(response, 404, `Not found: the MCP endpoint is ${MCP_PATH}.`);
      return;
    }
    const sessionId = request.headers['mcp-session-id'];
    if (typeof sessionId === 'string') {
      const session = sessions.get(sessionId);
      if (session === undefined) {
        sendJsonRpcError(response, 404, 'Session not found; initialize a new one.');
        return;
      }
      await session.transport.handleRequest(request, response);
      return;
    }
    await openSession(request, response);
  };

  const httpServer = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      observability.logger.error('demo server failed to handle a request', { err: error });
      if (!response.headersSent) sendJsonRpcError(response, 500, 'Internal server error.');
      else response.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    const onListenError = (error: NodeJS.ErrnoException): void => {
      const reason = error.code ?? error.message;
      reject(
        new Error(
          `[@mcp-o11y/example-demo] cannot listen on 127.0.0.1:${port} (${reason}); pass another --port, or 0 for any free port.`,
          { cause: error },
        ),
      );
    };
    httpServer.once('error', onListenError);
    httpServer.listen(port, '127.0.0.1', () => {
      httpServer.off('error', onListenError);
      resolve();
    });
  });
  const address = httpServer.address() as AddressInfo;

  let closing: Promise<void> | undefined;
  return {
    url: new URL(`http://127.0.0.1:${address.port}${MCP_PATH}`),
    close: () => {
      closing ??= (async () => {
        await Promise.all([...sessions.values()].map((session) => session.server.close()));
        sessions.clear();
        await new Promise<void>((resolve) => {
          httpServer.close(() => resolve());
          // Open SSE streams and keep-alive sockets would otherwise hold close() forever.
          httpServer.closeAllConnections();
        });
      })();
      return closing;
    },
  };
}

function sendJsonRpcError(response: ServerResponse, status: number, message: string): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify({ jsonrpc: '2.0', error: { code: -32000, message }, id: null }));
}
