/// <reference lib="dom" />
/**
 * The dashboard page's module: loads every section from the JSON API, then stays live on
 * `api/events` (a snapshot every 2 s and an `alerts` event on each alert change).
 */
import type { AlertV1, IncidentV1, SilenceV1 } from '@mcp-o11y/core';
import type { DashboardRunbook } from '../dashboard-options.js';
import type { AlertsView, DiagnosticsView, IncidentsView } from '../server/dashboard-state.js';
import type { ClientsView } from '../view-model/build-clients.js';
import type { IntegrationsView } from '../view-model/build-integrations.js';
import type { OverviewView } from '../view-model/build-overview.js';
import type { ProcessView } from '../view-model/build-process.js';
import type { TimeseriesView } from '../view-model/build-timeseries.js';
import type { ToolsView } from '../view-model/build-tools.js';
import { getJson, send } from './api.js';
import { TimeChart } from './charts.js';
import { byId } from './dom.js';
import { toMilliseconds } from './format.js';
import {
  type AlertActions,
  renderAlerts,
  renderClients,
  renderDiagnostics,
  renderIncidents,
  renderIntegrations,
  renderOverview,
  renderProcess,
  renderRunbooks,
} from './render-sections.js';
import { ToolTable } from './tool-table.js';

const throughput = new TimeChart('chart-throughput', { unit: 'req/s' });
const latency = new TimeChart('chart-latency', { unit: 'ms', points: true });
const errors = new TimeChart('chart-errors', { unit: 'errors', bars: true });
const tools = new ToolTable();

function actor(): string {
  const value = byId<HTMLInputElement>('actor').value.trim();
  return value === '' ? 'dashboard' : value;
}

function report(error: unknown): void {
  byId('updated').textContent = `error: ${error instanceof Error ? error.message : String(error)}`;
}

const actions: AlertActions = {
  acknowledge: (fingerprint) =>
    void send('POST', `api/alerts/${encodeURIComponent(fingerprint)}/ack`, { actor: actor() })
      .then(refreshAlerts)
      .catch(report),
  silence: (alert: AlertV1) =>
    void send('POST', 'api/silences', {
      matchers: [{ name: 'alertname', operator: '=', value: alert.name }, ...labelMatchers(alert)],
      duration: byId<HTMLSelectElement>('silence-duration').value,
      createdBy: actor(),
      comment: `Silenced from the dashboard: ${alert.annotations.summary ?? alert.name}`,
    })
      .then(refreshAlerts)
      .catch(report),
  expire: (id) =>
    void send('DELETE', `api/silences/${encodeURIComponent(id)}`)
      .then(refreshAlerts)
      .catch(report),
  closeIncident: (id) =>
    void send('POST', `api/incidents/${encodeURIComponent(id)}/close`, { actor: actor() })
      .then(refreshAlerts)
      .catch(report),
};

/** The alert's identifying labels (tool, method), so the silence mutes this alert and not the whole rule. */
function labelMatchers(alert: AlertV1): { name: string; operator: '='; value: string }[] {
  return ['gen_ai.tool.name', 'mcp.method.name', 'integration.name']
    .filter((name) => alert.labels[name] !== undefined)
    .map((name) => ({ name, operator: '=', value: alert.labels[name]! }));
}

function showAlerts(view: { alerts: readonly AlertV1[]; silences: readonly SilenceV1[] }): void {
  renderAlerts(view.alerts, view.silences, actions);
}

function showIncidents(incidents: readonly IncidentV1[]): void {
  renderIncidents(incidents, actions);
}

async function refreshAlerts(): Promise<void> {
  const [alerts, incidents] = await Promise.all([
    getJson<AlertsView>('api/alerts'),
    getJson<IncidentsView>('api/incidents'),
  ]);
  showAlerts(alerts);
  showIncidents(incidents.incidents);
}

async function refreshCharts(): Promise<void> {
  const [series, toolView] = await Promise.all([
    getJson<TimeseriesView>('api/timeseries?window=900&step=10'),
    getJson<ToolsView>('api/tools'),
  ]);
  throughput.update(series.timestamps, [
    { label: 'requests/s', values: series.throughput },
    { label: 'errors/s', values: series.errorRate, color: '#cf222e' },
  ]);
  latency.update(series.timestamps, [
    { label: 'p50', values: toMilliseconds(series.latency.p50), color: '#1f883d' },
    { label: 'p95', values: toMilliseconds(series.latency.p95), color: '#b35900' },
    { label: 'p99', values: toMilliseconds(series.latency.p99), color: '#cf222e' },
  ]);
  const types = Object.keys(series.errorsByType).sort();
  errors.update(
    series.timestamps,
    types.length > 0
      ? types.map((type) => ({ label: type, values: series.errorsByType[type]! }))
      : [{ label: 'no errors', values: series.timestamps.map(() => 0) }],
  );
  tools.render(toolView);
}

async function refreshSlow(): Promise<void> {
  const [clients, integrations, processView, diagnostics] = await Promise.all([
    getJson<ClientsView>('api/clients'),
    getJson<IntegrationsView>('api/integrations'),
    getJson<ProcessView>('api/process'),
    getJson<DiagnosticsView>('api/diagnostics'),
  ]);
  renderClients(clients);
  renderIntegrations(integrations);
  renderProcess(processView);
  renderDiagnostics(diagnostics);
}

function connect(): void {
  const live = byId('live');
  const events = new EventSource('api/events');
  let ticks = 0;
  events.addEventListener('open', () => {
    live.textContent = 'live';
    live.className = 'live on';
  });
  events.addEventListener('error', () => {
    live.textContent = 'reconnecting';
    live.className = 'live';
  });
  events.addEventListener('snapshot', (event) => {
    const data = JSON.parse((event as MessageEvent<string>).data) as {
      overview: OverviewView;
      alerts: AlertsView;
    };
    renderOverview(data.overview);
    showAlerts(data.alerts);
    ticks += 1;
    void refreshCharts().catch(report);
    // Clients, process and diagnostics change slowly; every fifth tick is enough.
    if (ticks % 5 === 0) void refreshSlow().catch(report);
  });
  events.addEventListener('alerts', (event) => {
    const data = JSON.parse((event as MessageEvent<string>).data) as {
      alerts: AlertsView;
      incidents: IncidentsView;
    };
    showAlerts(data.alerts);
    showIncidents(data.incidents.incidents);
  });
}

async function start(): Promise<void> {
  const stored = localStorage.getItem('mcp-o11y-actor');
  const actorInput = byId<HTMLInputElement>('actor');
  if (stored) actorInput.value = stored;
  actorInput.addEventListener('change', () => localStorage.setItem('mcp-o11y-actor', actorInput.value));
  const [overview, runbooks] = await Promise.all([
    getJson<OverviewView>('api/overview'),
    getJson<{ runbooks: DashboardRunbook[] }>('api/runbooks'),
  ]);
  renderOverview(overview);
  renderRunbooks(runbooks.runbooks);
  await Promise.all([refreshCharts(), refreshAlerts(), refreshSlow()]);
  // An alert's runbook link opens that runbook.
  const openRunbook = () => {
    const target = location.hash.startsWith('#runbook-')
      ? document.getElementById(location.hash.slice(1))
      : null;
    if (target instanceof HTMLDetailsElement) target.open = true;
  };
  window.addEventListener('hashchange', openRunbook);
  openRunbook();
  document.body.dataset.ready = 'true';
  connect();
}

void start().catch(report);
