import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createDashboardHandler } from './create-dashboard-handler.js';
import type { DashboardAddress, DashboardOptions } from './dashboard-options.js';
import { assertSafeBinding } from './server/authorize-request.js';
import { normalizeBasePath } from './server/dashboard-app.js';

/** Env variables the dashboard honours. */
export const DASHBOARD_ENV = {
  host: 'MCP_O11Y_DASHBOARD_HOST',
  port: 'MCP_O11Y_DASHBOARD_PORT',
  token: 'MCP_O11Y_DASHBOARD_TOKEN',
} as const;

const defaultHost = '127.0.0.1';
const defaultPort = 9465;

/** A running dashboard. */
export interface RunningDashboard extends DashboardAddress {
  /** Stops listening, ends event streams and timers; resolves once closed. Safe to call twice. */
  close(): Promise<void>;
}

/** The options after env and defaults: what {@link startDashboard} listens with. */
export function resolveDashboardOptions(options: DashboardOptions): DashboardOptions & {
  host: string;
  port: number;
} {
  const env = options.env ?? process.env;
  const rawPort = env[DASHBOARD_ENV.port];
  let port = options.port;
  if (port === undefined && rawPort !== undefined && rawPort !== '') {
    port = Number(rawPort);
    if (!Number.isInteger(port) || port < 0 || port > 65_535) {
      throw new Error(
        `[@mcp-o11y/dashboard] ${DASHBOARD_ENV.port} must be a port number (0-65535), got "${rawPort}".`,
      );
    }
  }
  const token = options.token ?? (env[DASHBOARD_ENV.token] || undefined);
  return {
    ...options,
    host: options.host ?? (env[DASHBOARD_ENV.host] || defaultHost),
    port: port ?? defaultPort,
    ...(token === undefined ? {} : { token }),
  };
}

/**
 * Serves the dashboard on its own port (default `http://127.0.0.1:9465/`).
 * @throws Error (rejects) when `host` is not loopback and there is no token, when `requireToken` is set
 * without a token (both before any socket is opened), or when the address cannot be bound.
 */
export async function startDashboard(options: DashboardOptions = {}): Promise<RunningDashboard> {
  const resolved = resolveDashboardOptions(options);
  assertSafeBinding(resolved.host, resolved.token, resolved.requireToken);
  const handler = createDashboardHandler(resolved.observability, resolved);
  const server: Server = createServer(handler);
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(resolved.port, resolved.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    handler.close();
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new Error(
      `[@mcp-o11y/dashboard] cannot listen on ${resolved.host}:${resolved.port} (${code}); choose another port (option port or ${DASHBOARD_ENV.port}).`,
      { cause: error },
    );
  }
  // A dashboard must never keep a finished stdio server alive.
  server.unref();
  const address = server.address() as AddressInfo;
  const hostForUrl = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const basePath = normalizeBasePath(resolved.basePath);
  const running: DashboardAddress = {
    host: address.address,
    port: address.port,
    url: `http://${hostForUrl}:${address.port}${basePath}/`,
  };
  resolved.onListening?.(running);
  let closing: Promise<void> | undefined;
  return {
    ...running,
    close() {
      closing ??= new Promise<void>((resolve) => {
        handler.close();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
