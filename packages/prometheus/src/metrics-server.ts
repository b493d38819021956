import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { PrometheusMetricReader } from './prometheus-metric-reader.js';
import { type MetricsAuth, respondToScrape } from './scrape-response.js';

/** Options of {@link startMetricsServer}. */
export interface MetricsServerOptions {
  readonly reader: PrometheusMetricReader;
  readonly host: string;
  /** 0 picks a free port. */
  readonly port: number;
  /** Path of the scrape, e.g. `/metrics`. */
  readonly endpoint: string;
  readonly auth?: MetricsAuth;
}

/** A running standalone scrape endpoint. */
export interface MetricsServer {
  readonly host: string;
  readonly port: number;
  /** `http://host:port/metrics`. */
  readonly url: string;
  /** Stops listening and drops open connections; resolves once closed. Safe to call twice. */
  close(): Promise<void>;
}

/**
 * Starts the standalone `/metrics` endpoint.
 * @throws Error (rejects) when the address cannot be bound, e.g. `EADDRINUSE`.
 */
export async function startMetricsServer(options: MetricsServerOptions): Promise<MetricsServer> {
  const { reader, endpoint, auth } = options;
  const server: Server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?', 1)[0];
    if (path !== endpoint) {
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      response.end(`Not Found: metrics are served at ${endpoint}\n`);
      return;
    }
    void respondToScrape(
      reader,
      {
        method: request.method ?? 'GET',
        accept: request.headers.accept,
        authorization: request.headers.authorization,
      },
      auth,
    ).then(
      (scrape) => {
        response.writeHead(scrape.status, scrape.headers);
        response.end(scrape.body);
      },
      () => {
        if (!response.headersSent) response.writeHead(500);
        response.end();
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException): void => {
      reject(
        new Error(
          `[@mcp-o11y/prometheus] cannot serve metrics on ${options.host}:${options.port} (${error.code ?? error.message}); ` +
            'choose another port (option port or OTEL_EXPORTER_PROMETHEUS_PORT), or serve: false and mount createMetricsHandler.',
          { cause: error },
        ),
      );
    };
    server.once('error', onError);
    server.listen(options.port, options.host, () => {
      server.off('error', onError);
      resolve();
    });
  });
  // A scrape endpoint must never keep a finished stdio server alive.
  server.unref();
  const address = server.address() as AddressInfo;
  const hostForUrl = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  let closing: Promise<void> | undefined;
  return {
    host: address.address,
    port: address.port,
    url: `http://${hostForUrl}:${address.port}${endpoint}`,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
