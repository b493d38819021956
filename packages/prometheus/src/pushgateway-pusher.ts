import type { LoggerV1 } from '@mcp-o11y/core';
import { groupingPath, redactUrl } from './convert-to-grouping-path.js';
import type { PrometheusMetricReader } from './prometheus-metric-reader.js';
import type { MetricsAuth } from './scrape-response.js';

/** Resolved settings of {@link PushgatewayPusher}. */
export interface PushgatewayPusherOptions {
  readonly reader: PrometheusMetricReader;
  /** Pushgateway base URL, e.g. `http://127.0.0.1:9091`. */
  readonly url: string;
  readonly job: string;
  /** Grouping labels after `job` (always including `instance`). */
  readonly groupingKey: Readonly<Record<string, string>>;
  /** 0 pushes only on shutdown. */
  readonly intervalMillis: number;
  readonly deleteOnShutdown: boolean;
  readonly timeoutMillis: number;
  readonly fetch: typeof fetch;
  readonly auth?: MetricsAuth;
  readonly logger?: LoggerV1;
  /**
   * Core's fault counter (`mcp_o11y.adapter.errors{adapter="prometheus",operation="pushgateway.push"}`).
   * Given, every failed push or delete is counted there and the reporter logs the first; without it
   * (an older core) the first failure of each streak is logged here instead.
   */
  readonly reportFault?: (operation: string, error: unknown) => void;
}

/** The outcome of the last push or delete. */
export interface PushOutcome {
  /** Epoch ms. */
  readonly at: number;
  readonly ok: boolean;
  readonly operation: 'push' | 'delete';
  /** HTTP status, or the error's message when there was none. */
  readonly detail: string;
}

/**
 * Pushes the whole exposition to a Pushgateway group with `PUT` (replacing the group, so stale series go
 * away) on an interval and once more on shutdown, or `DELETE`s the group on shutdown when asked: what a
 * short-lived stdio server that no Prometheus can scrape needs. Failures are counted and logged, never
 * thrown: the next interval pushes the whole exposition again, so a failed push loses no count, only
 * the freshness of the group while the Pushgateway is away.
 */
export class PushgatewayPusher {
  private readonly groupUrl: string;
  private readonly headers: Record<string, string>;
  private timer: NodeJS.Timeout | undefined;
  private outcome: PushOutcome | undefined;
  private failures = 0;
  private inFlight: Promise<void> | undefined;

  constructor(private readonly options: PushgatewayPusherOptions) {
    // fetch refuses URLs with user info, and they would leak into errors: move them into a header.
    const parsed = new URL(options.url);
    const fromUrl: MetricsAuth | undefined =
      parsed.username === ''
        ? undefined
        : {
            basic: {
              username: decodeURIComponent(parsed.username),
              password: decodeURIComponent(parsed.password),
            },
          };
    parsed.username = '';
    parsed.password = '';
    this.groupUrl = groupingPath(parsed.href, options.job, options.groupingKey);
    this.headers = { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' };
    const auth = options.auth ?? fromUrl;
    if (auth !== undefined) {
      this.headers.authorization =
        'bearer' in auth
          ? `Bearer ${auth.bearer}`
          : `Basic ${Buffer.from(`${auth.basic.username}:${auth.basic.password}`).toString('base64')}`;
    }
  }

  /** The group's URL without credentials, for logs and health details. */
  get target(): string {
    return redactUrl(this.groupUrl);
  }

  /** The last push or delete, if any. */
  get lastOutcome(): PushOutcome | undefined {
    return this.outcome;
  }

  /** Starts the interval (its timer never keeps the process alive). */
  start(): void {
    if (this.options.intervalMillis <= 0 || this.timer !== undefined) return;
    this.timer = setInterval(() => void this.push(), this.options.intervalMillis);
    this.timer.unref();
  }

  /** Pushes now; a push already running is awaited instead of overlapped. Never rejects. */
  push(): Promise<void> {
    this.inFlight ??= this.send('push').finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  /** Stops the interval, then pushes a last time or deletes the group. Never rejects. */
  async shutdown(): Promise<void> {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
    await this.inFlight;
    await (this.options.deleteOnShutdown ? this.send('delete') : this.send('push'));
  }

  private async send(operation: 'push' | 'delete'): Promise<void> {
    try {
      let body: string | undefined;
      if (operation === 'push') body = (await this.options.reader.render(false)).body;
      const response = await this.options.fetch(this.groupUrl, {
        method: operation === 'push' ? 'PUT' : 'DELETE',
        headers: this.headers,
        ...(body === undefined ? {} : { body }),
        signal: AbortSignal.timeout(this.options.timeoutMillis),
      });
      // The Pushgateway explains a rejected push in the body; read it so the connection is released too.
      const text = await response.text().catch(() => '');
      this.record(
        operation,
        response.ok,
        response.ok ? String(response.status) : `${response.status} ${text.trim().slice(0, 300)}`,
      );
    } catch (error) {
      this.record(operation, false, error instanceof Error ? error.message : String(error));
    }
  }

  private record(operation: 'push' | 'delete', ok: boolean, detail: string): void {
    this.outcome = { at: Date.now(), ok, operation, detail };
    if (ok) {
      this.failures = 0;
      return;
    }
    this.failures += 1;
    if (this.options.reportFault !== undefined) {
      this.options.reportFault(
        `pushgateway.${operation}`,
        new Error(`Pushgateway ${operation} to ${this.target} failed: ${detail}`),
      );
      return;
    }
    // First failure of a streak only: a down Pushgateway must not flood stderr every interval.
    if (this.failures === 1) {
      this.options.logger?.warn(
        `[@mcp-o11y/prometheus] Pushgateway ${operation} failed; will retry on the next interval`,
        {
          target: this.target,
          detail,
        },
      );
    }
  }
}
