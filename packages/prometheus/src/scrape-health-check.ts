import type { HealthCheckV1, HealthResultV1 } from '@mcp-o11y/core';
import type { PrometheusMetricReader } from './prometheus-metric-reader.js';
import type { PushgatewayPusher } from './pushgateway-pusher.js';

/** Options of {@link scrapeHealthCheck}. */
export interface ScrapeHealthCheckOptions {
  readonly reader: PrometheusMetricReader;
  readonly pusher?: PushgatewayPusher;
  /** Whether anything serves the scrape (the standalone endpoint); a mounted handler also counts once used. */
  readonly serving: boolean;
  /** A scrape older than this is a `warn`. */
  readonly staleAfterSeconds: number;
  /** When the adapter started (epoch ms). */
  readonly startedAt: number;
  readonly now?: () => number;
}

function ago(milliseconds: number): string {
  return `${Math.max(0, Math.round(milliseconds / 1000))} s ago`;
}

/**
 * `prometheus-scrape`: "Prometheus scraped 12 s ago". Pass while scrapes are fresher than
 * `staleAfterSeconds` (or the adapter is younger than that), warn when they stop: a scrape job that lost
 * its target is otherwise silent. With a Pushgateway, the last push's outcome decides instead.
 * Never critical: missing metrics do not make the MCP server unable to serve.
 */
export function scrapeHealthCheck(options: ScrapeHealthCheckOptions): HealthCheckV1 {
  const now = options.now ?? Date.now;
  const staleMs = options.staleAfterSeconds * 1000;
  return {
    specificationVersion: 'v1',
    name: 'prometheus-scrape',
    critical: false,
    async check(): Promise<HealthResultV1> {
      const current = now();
      const pushed = options.pusher?.lastOutcome;
      if (options.pusher !== undefined && !options.serving) {
        if (pushed === undefined) return { status: 'pass', message: 'Pushgateway: no push yet' };
        const details = { target: options.pusher.target, operation: pushed.operation, detail: pushed.detail };
        return pushed.ok
          ? { status: 'pass', message: `pushed to the Pushgateway ${ago(current - pushed.at)}`, details }
          : {
              status: 'warn',
              message: `the last Pushgateway ${pushed.operation} failed ${ago(current - pushed.at)}`,
              details,
              remediation: 'Check that the Pushgateway URL is reachable from this process.',
            };
      }
      const scrapedAt = options.reader.lastScrapedAt;
      if (scrapedAt === undefined) {
        const age = current - options.startedAt;
        return age <= staleMs
          ? { status: 'pass', message: `not scraped yet (started ${ago(age)})` }
          : {
              status: 'warn',
              message: `never scraped since the start ${ago(age)}`,
              remediation: 'Add this endpoint to a Prometheus scrape job, or check its target status page.',
            };
      }
      const age = current - scrapedAt;
      const message = `Prometheus scraped ${ago(age)}`;
      return age <= staleMs
        ? { status: 'pass', message, details: { lastScrapedAt: new Date(scrapedAt).toISOString() } }
        : {
            status: 'warn',
            message,
            details: { lastScrapedAt: new Date(scrapedAt).toISOString() },
            remediation: 'Prometheus stopped scraping: check the target on its /targets page.',
          };
    },
  };
}
