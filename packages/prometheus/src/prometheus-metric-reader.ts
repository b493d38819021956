import type { LoggerV1 } from '@mcp-o11y/core';
import { MetricReader } from '@opentelemetry/sdk-metrics';
import { type Metric, Registry, type RegistryContentType } from 'prom-client';
import { convertToPromClientMetrics, type ExemplarSource } from './convert-to-prom-client-metrics.js';

/** Content type of the Prometheus text format 0.0.4. */
export const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';
/** Content type of OpenMetrics 1.0.0 (exemplars are only rendered in this format). */
export const OPENMETRICS_CONTENT_TYPE = 'application/openmetrics-text; version=1.0.0; charset=utf-8';

/** A rendered scrape. */
export interface PrometheusScrape {
  readonly contentType: string;
  readonly body: string;
}

/** Options of {@link PrometheusMetricReader}. */
export interface PrometheusMetricReaderOptions {
  /**
   * The prom-client registry whose own metrics appear on the same page (yours, `collectDefaultMetrics`).
   * Default: a new `Registry`. Its default labels apply to its own metrics only through prom-client.
   */
  readonly registry?: Registry;
  /** Emit `target_info` with the resource attributes. Default true. */
  readonly targetInfo?: boolean;
  /** Where exemplars come from, for OpenMetrics scrapes. Default: none. */
  readonly exemplars?: ExemplarSource;
  /** Where conversion problems are reported (once per metric name). */
  readonly logger?: LoggerV1;
}

// Attribute keys are bounded by the instrumentation, but a misbehaving caller must not grow this forever.
const maxCachedLabelNames = 10_000;

/**
 * A pull `MetricReader` for the one OpenTelemetry pipeline, rendered through prom-client: each scrape
 * collects from the SDK, converts the result into prom-client metric families (standard OpenTelemetry
 * → Prometheus names, HELP from the instrument descriptions, `target_info`) and lets a prom-client
 * `Registry` of the negotiated format render them together with the metrics of {@link registry}.
 */
export class PrometheusMetricReader extends MetricReader {
  /** The prom-client registry rendered with every scrape; register your own prom-client metrics here. */
  readonly registry: Registry;
  private readonly targetInfo: boolean;
  private readonly exemplars: ExemplarSource | undefined;
  private readonly logger: LoggerV1 | undefined;
  private readonly labelNames = new Map<string, string>();
  private readonly reported = new Set<string>();
  private scrapedAt: number | undefined;
  private readonly shutdownHooks: (() => Promise<void>)[] = [];

  constructor(options: PrometheusMetricReaderOptions = {}) {
    super();
    this.registry = options.registry ?? new Registry();
    this.targetInfo = options.targetInfo ?? true;
    this.exemplars = options.exemplars;
    this.logger = options.logger;
  }

  /** When a scrape was last served over HTTP (epoch ms), if ever. */
  get lastScrapedAt(): number | undefined {
    return this.scrapedAt;
  }

  /** Records that a scraper fetched the page; the health check reports its age. */
  markScraped(at: number = Date.now()): void {
    this.scrapedAt = at;
  }

  /** Runs `hook` when the reader shuts down, while it can still collect (the final Pushgateway push). */
  onBeforeShutdown(hook: () => Promise<void>): void {
    this.shutdownHooks.push(hook);
  }

  /**
   * Collects and renders the exposition. `openMetrics` selects OpenMetrics 1.0.0 (with exemplars) over the
   * Prometheus text format 0.0.4.
   * @throws Error when the reader is not yet registered on a meter provider or is shut down.
   */
  async render(openMetrics = false): Promise<PrometheusScrape> {
    const { resourceMetrics, errors } = await this.collect();
    for (const error of errors) this.reportOnce('collect', error);
    if (this.labelNames.size > maxCachedLabelNames) this.labelNames.clear();
    const { families, conflicts } = convertToPromClientMetrics(resourceMetrics, {
      targetInfo: this.targetInfo,
      labelNames: this.labelNames,
      ...(openMetrics && this.exemplars !== undefined ? { exemplars: this.exemplars } : {}),
    });
    for (const name of conflicts) {
      this.reportOnce(name, new Error(`two instruments map to ${name} with different types; kept the first`));
    }
    const contentType = openMetrics ? Registry.OPENMETRICS_CONTENT_TYPE : Registry.PROMETHEUS_CONTENT_TYPE;
    const page = new Registry<RegistryContentType>();
    page.setContentType(contentType);
    const ours = new Set<string>();
    for (const family of families) {
      page.registerMetric(family as unknown as Metric);
      ours.add(family.name);
    }
    for (const metric of this.registry.getMetricsAsArray()) {
      if (ours.has(metric.name)) {
        this.reportOnce(
          metric.name,
          new Error(`a prom-client metric is named like an OpenTelemetry one; skipped`),
        );
        continue;
      }
      page.registerMetric(
        openMetrics ? withoutRenaming(metric as unknown as UserMetric) : (metric as unknown as Metric),
      );
    }
    return { contentType, body: await page.metrics() };
  }

  private reportOnce(key: string, error: unknown): void {
    if (this.reported.has(key)) return;
    this.reported.add(key);
    this.logger?.warn('[@mcp-o11y/prometheus] metric conversion problem', {
      metric: key,
      error: error instanceof Error ? error.message : String(error),
    });
  }

  protected override async onShutdown(): Promise<void> {
    for (const hook of this.shutdownHooks) await hook();
  }

  protected override onForceFlush(): Promise<void> {
    return Promise.resolve();
  }
}

interface UserMetric {
  name: string;
  help: string;
  type: string;
  aggregator: string;
  get(): Promise<{ name: string }>;
}

/**
 * An OpenMetrics render renames registered counters in place (`x_total` → `x`), which would break every
 * later Prometheus-format render of the user's own registry: hand it a stand-in for counters instead.
 */
function withoutRenaming(metric: UserMetric): Metric {
  if (metric.type !== 'counter') return metric as unknown as Metric;
  const standIn = {
    name: metric.name,
    help: metric.help,
    type: metric.type,
    aggregator: metric.aggregator,
    get: async () => ({ ...(await metric.get()), name: standIn.name }),
  };
  return standIn as unknown as Metric;
}
