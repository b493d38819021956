import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Options of {@link startHttpServer}. */
export interface HttpServerOptions {
  /** Interface to bind. Default `127.0.0.1`: never all interfaces unless asked. */
  readonly host?: string;
  /** Port; 0 picks a free one. */
  readonly port: number;
  /** Names the endpoint and what to change in the error when the address cannot be bound, e.g. `[@mcp-o11y/core] health endpoint`. */
  readonly label: string;
  /** What to change to fix a bind failure, e.g. `choose another port (option port or MCP_O11Y_HEALTH_PORT)`. */
  readonly remedy: string;
}

/** A listening server. */
export interface RunningHttpServer {
  /** The bound address, e.g. `127.0.0.1` or `::1`. */
  readonly host: string;
  readonly port: number;
  /** `http://host:port` (IPv6 in brackets), without a trailing slash. */
  readonly origin: string;
  /** Stops listening and drops open connections; resolves once closed. Safe to call twice. */
  close(): Promise<void>;
}

/**
 * Serves `handler` on `host:port` (127.0.0.1 by default); the shared way the project's own endpoints
 * listen. The server is unref'd: an endpoint must never keep a finished stdio server alive.
 * @throws Error (rejects) naming the address and the remedy when it cannot be bound (`EADDRINUSE`, …).
 */
export async function startHttpServer(
  handler: (request: IncomingMessage, response: ServerResponse) => void,
  options: HttpServerOptions,
): Promise<RunningHttpServer> {
  const host = options.host ?? '127.0.0.1';
  const server: Server = createServer(handler);
  await new Promise<void>((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException): void => {
      reject(
        new Error(
          `${options.label}: cannot listen on ${host}:${options.port} (${error.code ?? error.message}); ${options.remedy}.`,
          { cause: error },
        ),
      );
    };
    server.once('error', onError);
    server.listen(options.port, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
  server.unref();
  const address = server.address() as AddressInfo;
  const hostForUrl = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  let closing: Promise<void> | undefined;
  return {
    host: address.address,
    port: address.port,
    origin: `http://${hostForUrl}:${address.port}`,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
