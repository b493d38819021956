import type { AlertV1, IncidentV1, Observability, SilenceV1, WindowSeries } from '@mcp-o11y/core';
import { getActiveObservability } from '@mcp-o11y/core';
import type { DashboardRunbook, DashboardSource } from '../dashboard-options.js';
import { buildClients, type ClientsView } from '../view-model/build-clients.js';
import { buildIntegrations, type IntegrationsView } from '../view-model/build-integrations.js';
import { buildOverview, type OverviewView } from '../view-model/build-overview.js';
import { buildProcess, type ProcessView, readProcess } from '../view-model/build-process.js';
import { buildTimeseries, type TimeseriesView } from '../view-model/build-timeseries.js';
import { buildTools, type ToolsView } from '../view-model/build-tools.js';
import { LatencyHistory } from '../view-model/latency-history.js';
import { sumOfMetric } from '../view-model/metric-values.js';
import { normalizeRunbooks } from '../view-model/normalize-runbooks.js';

/** Series names core's MCP instrumentation and integrations observe into. */
export const SERIES = {
  server: 'mcp.server.operation',
  client: 'mcp.client.operation',
  integration: 'mcp_o11y.integration',
} as const;

/** `GET /api/alerts`. */
export interface AlertsView {
  /** False when the alert engine is off (`alerts: false`, mode `off`, or `memory: false`). */
  readonly enabled: boolean;
  readonly alerts: AlertV1[];
  readonly silences: SilenceV1[];
  readonly notifiers: readonly string[];
  readonly deliveryStats: Readonly<Record<string, unknown>>;
}

/** `GET /api/incidents`. */
export interface IncidentsView {
  readonly enabled: boolean;
  readonly incidents: IncidentV1[];
}

/** `GET /api/diagnostics`. */
export interface DiagnosticsView {
  /** `health` when core's health checks ran (`observability.health.run()`), else `pipeline`. */
  readonly source: 'health' | 'pipeline';
  /** The health report (IETF health+json shape) when `source` is `health`. */
  readonly health: unknown;
  /** The pipeline's own state: adapters, faults, dropped telemetry. */
  readonly pipeline: unknown;
}

/** Core features the dashboard uses when present; typed loosely because they are newer than the handle type. */
interface OptionalCore {
  readonly health?: { run(): unknown };
  readonly runbooks?: unknown;
}

/** Reads everything the API serves from one observability handle (resolved per call). */
export class DashboardState {
  readonly history: LatencyHistory;
  private readonly source: DashboardSource | undefined;

  constructor(
    source: DashboardSource | undefined,
    readonly windowSeconds: number,
    readonly bucketSeconds: number,
    private readonly clock: () => number,
    private readonly extraRunbooks: readonly DashboardRunbook[],
  ) {
    this.source = source;
    this.history = new LatencyHistory(bucketSeconds, 3600);
  }

  /** The handle, or undefined when none is active yet. */
  observability(): Observability | undefined {
    if (this.source === undefined) return getActiveObservability();
    return typeof this.source === 'function' ? this.source() : this.source;
  }

  private series(name: string): readonly WindowSeries[] {
    return this.observability()?.store?.listSeries(name) ?? [];
  }

  /** Samples latency for the history; called once per bucket by the dashboard's timer. */
  sampleLatency(): void {
    this.history.sample(this.series(SERIES.server), this.clock());
  }

  async overview(): Promise<OverviewView> {
    const observability = this.observability();
    const metrics = (await observability?.store?.metricsSnapshot())?.metrics ?? [];
    return buildOverview({
      service: observability?.serviceName ?? '(no observability handle)',
      windowSeconds: this.windowSeconds,
      stats: this.series(SERIES.server).map((one) => one.window(this.windowSeconds)),
      alerts: observability?.alerts?.listAlerts(),
      inFlight: sumOfMetric(metrics, 'mcp_o11y.requests.active', { 'mcp_o11y.role': 'server' }),
      nowMs: this.clock(),
    });
  }

  timeseries(windowSeconds: number, stepSeconds: number, side: 'server' | 'client'): TimeseriesView {
    const store = this.observability()?.store;
    return buildTimeseries({
      series: this.series(side === 'server' ? SERIES.server : SERIES.client),
      spans: store?.recentSpans() ?? [],
      spanKind: side,
      history: this.history,
      windowSeconds,
      stepSeconds,
      bucketSeconds: this.bucketSeconds,
      nowMs: this.clock(),
    });
  }

  tools(): ToolsView {
    return buildTools(this.series(SERIES.server), this.windowSeconds, this.bucketSeconds, this.clock());
  }

  clients(): ClientsView {
    return buildClients(this.observability()?.store?.recentSpans() ?? []);
  }

  async integrations(): Promise<IntegrationsView> {
    const store = this.observability()?.store;
    const metrics = (await store?.metricsSnapshot())?.metrics ?? [];
    const readings = this.series(SERIES.integration).map((one) => ({
      labels: one.labels,
      stats: one.window(this.windowSeconds),
    }));
    return buildIntegrations(readings, metrics, this.windowSeconds);
  }

  async process(): Promise<ProcessView> {
    const store = this.observability()?.store;
    const metrics = (await store?.metricsSnapshot())?.metrics ?? [];
    return buildProcess(readProcess(), metrics, store?.stats());
  }

  alerts(): AlertsView {
    const alerts = this.observability()?.alerts;
    return {
      enabled: alerts !== undefined,
      alerts: alerts?.listAlerts() ?? [],
      silences: alerts?.listSilences() ?? [],
      notifiers: alerts?.notifierIds() ?? [],
      deliveryStats: alerts?.deliveryStats() ?? {},
    };
  }

  incidents(): IncidentsView {
    const alerts = this.observability()?.alerts;
    return { enabled: alerts !== undefined, incidents: alerts?.listIncidents() ?? [] };
  }

  async diagnostics(): Promise<DiagnosticsView> {
    const observability = this.observability();
    const pipeline = observability?.diagnostics() ?? null;
    const health = (observability as OptionalCore | undefined)?.health;
    if (health === undefined || typeof health.run !== 'function') {
      return { source: 'pipeline', health: null, pipeline };
    }
    return { source: 'health', health: await health.run(), pipeline };
  }

  async runbooks(): Promise<{ runbooks: DashboardRunbook[] }> {
    const core = (this.observability() as OptionalCore | undefined)?.runbooks;
    let listed: unknown = core;
    if (typeof core === 'function') listed = await (core as () => unknown)();
    else if (typeof (core as { list?: unknown } | undefined)?.list === 'function') {
      listed = await (core as { list(): unknown }).list();
    }
    return { runbooks: normalizeRunbooks([...(Array.isArray(listed) ? listed : []), ...this.extraRunbooks]) };
  }

  /** A string that changes whenever an alert, silence or incident does: the trigger of `alerts` events. */
  alertsSignature(): string {
    const alerts = this.observability()?.alerts;
    if (alerts === undefined) return '';
    return JSON.stringify([
      alerts.listAlerts().map((one) => [one.fingerprint, one.state, one.acknowledgedBy, one.silencedBy]),
      alerts.listSilences().map((one) => [one.id, one.status]),
      alerts.listIncidents().map((one) => [one.id, one.status, one.timeline.length]),
    ]);
  }
}
