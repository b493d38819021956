import { type RunningHttpServer, startHttpServer } from '../http/start-http-server.js';
import { createHealthHandler } from './create-health-handler.js';
import type { HealthEndpointSource, HealthHandlerOptions } from './health-endpoint.js';

/** Env variables {@link startHealthServer} honours. */
export const HEALTH_SERVER_ENV = { host: 'MCP_O11Y_HEALTH_HOST', port: 'MCP_O11Y_HEALTH_PORT' } as const;

/** Options of {@link startHealthServer}: the handler's, plus where to listen. */
export interface HealthServerOptions extends HealthHandlerOptions {
  /**
   * Interface to bind. Default: env `MCP_O11Y_HEALTH_HOST`, else `127.0.0.1`. Binding beyond loopback
   * (a probe from another host) deserves `auth` for `/detailed`.
   */
  readonly host?: string;
  /** Port; 0 picks a free one. Default: env `MCP_O11Y_HEALTH_PORT`, else 9467. */
  readonly port?: number;
  /** Where env variables are read from. Default `process.env`, read when the server starts. */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** A running health endpoint. */
export interface RunningHealthServer extends RunningHttpServer {
  /** `http://host:port<basePath>`, e.g. `http://127.0.0.1:9467/health`. */
  readonly url: string;
}

/**
 * Serves `/health`, `/health/ready` and `/health/detailed` on a port of their own (default
 * `http://127.0.0.1:9467/health`), for servers without an HTTP server to mount `createHealthHandler` on,
 * such as stdio MCP servers.
 * @throws Error (rejects) for a bad `MCP_O11Y_HEALTH_PORT` or when the address cannot be bound.
 */
export async function startHealthServer(
  observability: HealthEndpointSource,
  options: HealthServerOptions = {},
): Promise<RunningHealthServer> {
  const env = options.env ?? process.env;
  const rawPort = env[HEALTH_SERVER_ENV.port];
  let port = options.port;
  if (port === undefined && rawPort !== undefined && rawPort !== '') {
    port = Number(rawPort);
    if (!Number.isInteger(port) || port < 0 || port > 65_535) {
      throw new Error(
        `[@mcp-o11y/core] ${HEALTH_SERVER_ENV.port} must be a port number (0-65535), got "${rawPort}".`,
      );
    }
  }
  const server = await startHttpServer(createHealthHandler(observability, options), {
    host: options.host ?? (env[HEALTH_SERVER_ENV.host] || '127.0.0.1'),
    port: port ?? 9467,
    label: '[@mcp-o11y/core] health endpoint',
    remedy: `choose another port (option port or ${HEALTH_SERVER_ENV.port})`,
  });
  const basePath = options.basePath ?? '/health';
  return { ...server, url: `${server.origin}${basePath}`, close: () => server.close() };
}
