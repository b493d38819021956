import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HealthCheckV1, Observability } from '@mcp-o11y/core';
import { PrometheusMetricReader } from './prometheus-metric-reader.js';
import { type MetricsAuth, respondToScrape } from './scrape-response.js';

/** Readers by the health check the same adapter instance contributed: how an `Observability` leads to its reader. */
const readersByHealthCheck = new WeakMap<HealthCheckV1, PrometheusMetricReader>();

/** Links an adapter instance's health check to its reader, for {@link createMetricsHandler}. */
export function linkReader(check: HealthCheckV1, reader: PrometheusMetricReader): void {
  readersByHealthCheck.set(check, reader);
}

/** What a handler serves: a reader, or an observability handle whose adapters include `prometheus()`. */
export type MetricsHandlerTarget = PrometheusMetricReader | Pick<Observability, 'healthChecks'>;

/** Options of {@link createMetricsHandler} and {@link createMetricsFetchHandler}. */
export interface MetricsHandlerOptions {
  /** Credentials the handler requires (independent of the standalone endpoint's). Default: none. */
  readonly auth?: MetricsAuth;
}

/**
 * The reader behind `target`.
 * @throws Error when `target` is an observability handle without a Prometheus adapter.
 */
export function resolveReader(target: MetricsHandlerTarget): PrometheusMetricReader {
  if (target instanceof PrometheusMetricReader) return target;
  for (const check of target.healthChecks) {
    const reader = readersByHealthCheck.get(check);
    if (reader !== undefined) return reader;
  }
  throw new Error(
    '[@mcp-o11y/prometheus] this observability has no Prometheus adapter; add prometheus() to createObservability({ adapters }).',
  );
}

/** A node:http / Express request handler. */
export type NodeMetricsHandler = (request: IncomingMessage, response: ServerResponse) => void;

/**
 * A handler serving the scrape on an existing node:http or Express server (same signature):
 * `app.get('/metrics', createMetricsHandler(observability))`. Negotiates OpenMetrics from `Accept`.
 * @throws Error at creation when `target` has no Prometheus adapter.
 */
export function createMetricsHandler(
  target: MetricsHandlerTarget,
  options: MetricsHandlerOptions = {},
): NodeMetricsHandler {
  const reader = resolveReader(target);
  return (request, response) => {
    void respondToScrape(
      reader,
      {
        method: request.method ?? 'GET',
        accept: request.headers.accept,
        authorization: request.headers.authorization,
      },
      options.auth,
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
  };
}

/** A fetch-style handler, for Hono (`app.get('/metrics', (c) => handler(c.req.raw))`), Bun or Deno. */
export type FetchMetricsHandler = (request: Request) => Promise<Response>;

/**
 * {@link createMetricsHandler} for fetch-style frameworks: takes a `Request`, resolves a `Response`.
 * @throws Error at creation when `target` has no Prometheus adapter.
 */
export function createMetricsFetchHandler(
  target: MetricsHandlerTarget,
  options: MetricsHandlerOptions = {},
): FetchMetricsHandler {
  const reader = resolveReader(target);
  return async (request) => {
    const scrape = await respondToScrape(
      reader,
      {
        method: request.method,
        accept: request.headers.get('accept'),
        authorization: request.headers.get('authorization'),
      },
      options.auth,
    );
    return new Response(request.method === 'HEAD' ? null : scrape.body, {
      status: scrape.status,
      headers: scrape.headers,
    });
  };
}
