/**
 * The weather MCP server: Streamable HTTP on 127.0.0.1, instrumented with core's `instrument()`. Run it
 * with `node src/server.ts --config configs/otlp.yaml` (or zipkin.yaml, jaeger.yaml, …): the backends
 * come from the config file only, nothing in this code names one. It logs to stderr; stdout stays empty.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createIntegration, instrument, type Observability } from '@mcp-o11y/core';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { observabilityFromConfig } from './observability-from-config.ts';
import { parseArgs, USAGE } from './parse-args.ts';
import { FORECAST_DATABASE, registerWeatherTools } from './weather-tools.ts';

/** Options of {@link startServer}. */
export interface ServerOptions {
  /** Every session's server is instrumented into it, and the integration records into it. */
  readonly observability: Observability;
  /** Port on 127.0.0.1; 0 picks a free one. */
  readonly port: number;
}

/** A running server. */
export interface RunningServer {
  /** The MCP endpoint, e.g. `http://127.0.0.1:41234/mcp`. */
  readonly url: URL;
  /** Closes every session, then the HTTP server. Idempotent. */
  close(): Promise<void>;
}

const MCP_PATH = '/mcp';
/** What the server prints on stderr once it listens; tests and scripts read the URL from it. */
export const LISTENING_MESSAGE = 'config-switch: MCP server listening on';

/**
 * Starts the MCP server, stateful: each `initialize` opens a session with its own instrumented
 * `McpServer` and transport, later requests find it by the `mcp-session-id` header.
 */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const { observability, port } = options;
  // One integration for the process: its retries, timeout and circuit breaker span every session.
  const forecastDatabase = createIntegration({
    name: FORECAST_DATABASE,
    kind: 'database',
    timeoutMs: 2_000,
    observability,
  });
  const sessions = new Map<string, { server: McpServer; transport: StreamableHTTPServerTransport }>();

  const openSession = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const server = instrument(new McpServer({ name: 'weather-mcp', version: '1.0.0' }), { observability });
    registerWeatherTools(server, forecastDatabase);
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
    if (new URL(request.url ?? '/', 'http://localhost').pathname !== MCP_PATH) {
      sendJsonRpcError(response, 404, `Not found: the MCP endpoint is ${MCP_PATH}.`);
      return;
    }
    const sessionId = request.headers['mcp-session-id'];
    if (typeof sessionId !== 'string') {
      await openSession(request, response);
      return;
    }
    const session = sessions.get(sessionId);
    if (session === undefined) sendJsonRpcError(response, 404, 'Session not found; initialize a new one.');
    else await session.transport.handleRequest(request, response);
  };

  const httpServer = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      observability.logger.error('failed to handle an MCP request', { err: error });
      if (!response.headersSent) sendJsonRpcError(response, 500, 'Internal server error.');
      else response.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        new Error(
          `[@mcp-o11y/example-config-switch] cannot listen on 127.0.0.1:${port} (${error.code ?? error.message}); pass another --port, or 0 for any free port.`,
          { cause: error },
        ),
      ),
    );
    httpServer.listen(port, '127.0.0.1', resolve);
  });
  const address = httpServer.address() as AddressInfo;

  let closing: Promise<void> | undefined;
  return {
    url: new URL(`http://127.0.0.1:${address.port}${MCP_PATH}`),
    close: () => {
      closing ??= (async () => {
        await Promise.all([...sessions.values()].map((session) => session.server.close()));
        sessions.clear();
        forecastDatabase.dispose();
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

/**
 * The command: load the config, start the server, and on SIGTERM or SIGINT close it and flush every
 * backend before exiting.
 */
async function runServer(argv: readonly string[]): Promise<void> {
  const options = parseArgs(argv, { port: 3000 });
  const observability = await observabilityFromConfig(options.config);
  const server = await startServer({ observability, port: options.port });
  console.error(`${LISTENING_MESSAGE} ${server.url.href}`);
  let stopping = false;
  // Stays installed: while a listener is here, core's own signal hook (which flushes too; shutdown() is
  // one shared promise) leaves the exit to us instead of re-raising the signal.
  const onSignal = (signal: NodeJS.Signals): void => {
    if (stopping) {
      console.error(`config-switch: ${signal} again, exiting without flushing.`);
      process.exit(130);
    }
    stopping = true;
    void (async () => {
      await server.close();
      await observability.shutdown();
      process.exit(0);
    })();
  };
  process.on('SIGTERM', onSignal).on('SIGINT', onSignal);
}

if (import.meta.main) {
  runServer(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    console.error(`\n${USAGE}`);
    process.exit(1);
  });
}
