import { authChallenge, type HttpAuth, isAuthorized } from '@mcp-o11y/core';
import type { PrometheusMetricReader } from './prometheus-metric-reader.js';

/**
 * Authentication the scrape endpoint requires: a bearer token (Prometheus `authorization: { credentials }`)
 * or HTTP basic auth (Prometheus `basic_auth`), checked by core's constant-time `isAuthorized`. Without it
 * the endpoint is open, which is why it binds to 127.0.0.1 by default.
 */
export type MetricsAuth = HttpAuth;

/** What a scrape request carries that the response depends on. */
export interface ScrapeRequest {
  readonly method: string;
  readonly accept: string | null | undefined;
  readonly authorization: string | null | undefined;
}

/** A framework-neutral response. */
export interface ScrapeResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/**
 * Whether the scraper asked for OpenMetrics. Prometheus sends
 * `application/openmetrics-text;version=1.0.0,…,text/plain;version=0.0.4;q=0.5,*\/*;q=0.1`.
 */
export function wantsOpenMetrics(accept: string | null | undefined): boolean {
  if (typeof accept !== 'string') return false;
  return accept.split(',').some((part) => {
    const [type = '', ...parameters] = part.split(';').map((piece) => piece.trim());
    if (type.toLowerCase() !== 'application/openmetrics-text') return false;
    const q = parameters.find((parameter) => parameter.startsWith('q='));
    return q === undefined || Number(q.slice(2)) > 0;
  });
}

/** Answers one scrape: 405 for other methods, 401 without valid credentials, else the exposition. */
export async function respondToScrape(
  reader: PrometheusMetricReader,
  request: ScrapeRequest,
  auth: MetricsAuth | undefined,
): Promise<ScrapeResponse> {
  const text = { 'content-type': 'text/plain; charset=utf-8' };
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    return { status: 405, headers: { ...text, allow: 'GET, HEAD' }, body: 'Method Not Allowed\n' };
  }
  if (auth !== undefined && !isAuthorized(request.authorization, auth)) {
    return {
      status: 401,
      headers: { ...text, 'www-authenticate': authChallenge(auth, 'metrics') },
      body: 'Unauthorized\n',
    };
  }
  try {
    const scrape = await reader.render(wantsOpenMetrics(request.accept));
    reader.markScraped();
    return {
      status: 200,
      headers: { 'content-type': scrape.contentType, 'cache-control': 'no-store' },
      body: request.method === 'HEAD' ? '' : scrape.body,
    };
  } catch (error) {
    // Not ready yet (no meter provider) or shut down: a scrape error, never the caller's exception.
    const reason = error instanceof Error ? error.message : String(error);
    return { status: 503, headers: text, body: `[@mcp-o11y/prometheus] metrics unavailable: ${reason}\n` };
  }
}
