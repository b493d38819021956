/// <reference lib="dom" />
import type { AlertV1, IncidentV1, SilenceV1 } from '@mcp-o11y/core';
import type { DashboardRunbook } from '../dashboard-options.js';
import type { DiagnosticsView } from '../server/dashboard-state.js';
import type { ClientsView } from '../view-model/build-clients.js';
import type { IntegrationsView } from '../view-model/build-integrations.js';
import type { OverviewView } from '../view-model/build-overview.js';
import type { ProcessView } from '../view-model/build-process.js';
import { byId, el, pill, replaceChildren } from './dom.js';
import {
  formatBytes,
  formatNumber,
  formatPercent,
  formatSeconds,
  formatTime,
  formatUptime,
} from './format.js';

/** What the alert buttons do; wired by the main module. */
export interface AlertActions {
  acknowledge(fingerprint: string): void;
  silence(alert: AlertV1): void;
  expire(silenceId: string): void;
  closeIncident(id: string): void;
}

export function renderOverview(overview: OverviewView): void {
  byId('service').textContent = overview.service;
  const status = byId('status');
  status.textContent = overview.status;
  status.className = `pill ${overview.status}`;
  const card = (label: string, value: string, id: string) =>
    el(
      'div',
      { class: 'card', 'data-card': id },
      el('div', { class: 'label' }, label),
      el('div', { class: 'value' }, value),
    );
  const minutes = Math.round(overview.windowSeconds / 60);
  replaceChildren(byId('cards'), [
    card(
      `Requests (${minutes} min)`,
      `${formatNumber(overview.requests)} · ${formatNumber(overview.ratePerSecond)}/s`,
      'requests',
    ),
    card('Error ratio', formatPercent(overview.errorRatio), 'errors'),
    card('p50', formatSeconds(overview.latency.p50), 'p50'),
    card(
      'p95 / p99',
      `${formatSeconds(overview.latency.p95)} / ${formatSeconds(overview.latency.p99)}`,
      'p95',
    ),
    card('In flight', formatNumber(overview.inFlight), 'in-flight'),
    card('Active alerts', overview.alertsEnabled ? String(overview.activeAlerts) : 'off', 'alerts'),
  ]);
  byId('updated').textContent = `updated ${formatTime(overview.generatedAt)}`;
}

export function renderAlerts(
  alerts: readonly AlertV1[],
  silences: readonly SilenceV1[],
  actions: AlertActions,
): void {
  const items = alerts.map((alert) => {
    const acknowledged = alert.acknowledgedBy !== undefined;
    const silenced = alert.silencedBy.length > 0;
    const buttons = el('span', { class: 'row' });
    if (alert.state !== 'resolved' && !acknowledged) {
      const ack = el('button', { type: 'button', class: 'primary', 'data-action': 'ack' }, 'Acknowledge');
      ack.addEventListener('click', () => actions.acknowledge(alert.fingerprint));
      buttons.append(ack);
    }
    if (alert.state !== 'resolved' && !silenced) {
      const silence = el('button', { type: 'button', 'data-action': 'silence' }, 'Silence');
      silence.addEventListener('click', () => actions.silence(alert));
      buttons.append(silence);
    }
    const summary = alert.annotations.summary ?? alert.name;
    const runbook = alert.annotations.runbook;
    return el(
      'li',
      { 'data-fingerprint': alert.fingerprint, 'data-state': alert.state },
      el(
        'div',
        { class: 'row' },
        pill(alert.state),
        pill(alert.severity),
        acknowledged ? pill(`ack by ${alert.acknowledgedBy}`, 'acknowledged') : null,
        silenced ? pill('silenced', 'pending') : null,
        el('strong', { class: 'grow' }, summary),
        buttons,
      ),
      el(
        'div',
        { class: 'sub' },
        `${alert.name} · since ${formatTime(alert.firingSince ?? alert.activeSince)}`,
        alert.value === undefined ? '' : ` · value ${formatNumber(alert.value)}`,
        alert.threshold === undefined ? '' : ` (threshold ${formatNumber(alert.threshold)})`,
        runbook === undefined ? '' : ` · runbook `,
        runbook === undefined ? null : el('a', { href: `#runbook-${runbook}` }, runbook),
      ),
    );
  });
  replaceChildren(byId('alerts'), items.length > 0 ? items : [el('li', { class: 'empty' }, 'No alerts.')]);
  const active = silences.filter((silence) => silence.status !== 'expired');
  replaceChildren(
    byId('silences'),
    active.length > 0
      ? active.map((silence) => {
          const expire = el('button', { type: 'button', 'data-action': 'expire' }, 'Expire');
          expire.addEventListener('click', () => actions.expire(silence.id));
          const matchers = silence.matchers.map((m) => `${m.name}${m.operator}"${m.value}"`).join(', ');
          return el(
            'li',
            { 'data-silence': silence.id },
            el(
              'div',
              { class: 'row' },
              pill(silence.status),
              el('code', { class: 'grow' }, matchers),
              expire,
            ),
            el(
              'div',
              { class: 'sub' },
              `until ${formatTime(silence.endsAt)} · by ${silence.createdBy}`,
              silence.comment ? ` · ${silence.comment}` : '',
            ),
          );
        })
      : [el('li', { class: 'empty' }, 'No active silences.')],
  );
}

export function renderIncidents(incidents: readonly IncidentV1[], actions: AlertActions): void {
  const items = incidents.slice(0, 20).map((incident) => {
    const close = el('button', { type: 'button', 'data-action': 'close' }, 'Close');
    close.addEventListener('click', () => actions.closeIncident(incident.id));
    return el(
      'li',
      { 'data-incident': incident.id },
      el(
        'div',
        { class: 'row' },
        pill(incident.status),
        pill(incident.severity),
        el('strong', { class: 'grow' }, incident.title),
        incident.status === 'closed' ? null : close,
      ),
      el(
        'div',
        { class: 'sub' },
        `opened ${formatTime(incident.openedAt)} · ${incident.alerts.length} alert(s)`,
      ),
      el(
        'ol',
        { class: 'timeline' },
        ...incident.timeline.map((event) =>
          el(
            'li',
            {},
            `${formatTime(event.at)} ${event.kind.replace('_', ' ')} · ${event.actor}`,
            event.detail ? ` · ${event.detail}` : '',
          ),
        ),
      ),
    );
  });
  replaceChildren(
    byId('incidents'),
    items.length > 0 ? items : [el('li', { class: 'empty' }, 'No incidents.')],
  );
}

export function renderClients(view: ClientsView): void {
  const rows = view.clients.map((client) =>
    el(
      'tr',
      {},
      el('td', {}, client.version === null ? client.name : `${client.name} ${client.version}`),
      el('td', {}, formatNumber(client.requests)),
      el('td', {}, `${formatNumber(client.errors)} (${formatPercent(client.errorRatio)})`),
      el(
        'td',
        {},
        client.tools
          .slice(0, 3)
          .map((tool) => `${tool.name} ×${tool.calls}`)
          .join(', ') || '–',
      ),
    ),
  );
  const body = byId('clients').querySelector('tbody') as HTMLElement;
  replaceChildren(
    body,
    rows.length > 0
      ? rows
      : [el('tr', {}, el('td', { colspan: '4', class: 'empty' }, 'No client requests yet.'))],
  );
  byId('clients-note').textContent = `From the last ${view.spansExamined} stored server spans.`;
}

export function renderIntegrations(view: IntegrationsView): void {
  const items = view.integrations.map((integration) =>
    el(
      'li',
      { 'data-integration': integration.name },
      el(
        'div',
        { class: 'row' },
        el('strong', { class: 'grow' }, integration.name),
        pill(`breaker ${integration.breaker}`, integration.breaker),
      ),
      el(
        'div',
        { class: 'sub' },
        `${formatNumber(integration.requests)} calls · ${formatPercent(integration.errorRatio)} errors · ` +
          integration.operations.map((op) => `${op.operation} p95 ${formatSeconds(op.p95)}`).join(', '),
      ),
    ),
  );
  replaceChildren(
    byId('integrations'),
    items.length > 0 ? items : [el('li', { class: 'empty' }, 'No integrations (createIntegration) in use.')],
  );
}

export function renderProcess(view: ProcessView): void {
  const fact = (label: string, value: string) => [el('dt', {}, label), el('dd', {}, value)];
  replaceChildren(byId('process'), [
    ...fact('PID / Node', `${view.pid} / ${view.nodeVersion}`),
    ...fact('Uptime', formatUptime(view.uptimeSeconds)),
    ...fact('Memory (RSS)', formatBytes(view.memory.rssBytes)),
    ...fact(
      'Heap used / total',
      `${formatBytes(view.memory.heapUsedBytes)} / ${formatBytes(view.memory.heapTotalBytes)}`,
    ),
    ...fact(
      'CPU',
      view.cpu.utilization === null
        ? `${formatNumber(view.cpu.userSeconds + view.cpu.systemSeconds)} s total`
        : formatPercent(view.cpu.utilization),
    ),
    ...fact(
      'Event loop p99',
      view.eventLoop.delayP99Seconds === null
        ? 'enable runtimeMetrics'
        : formatSeconds(view.eventLoop.delayP99Seconds),
    ),
    ...fact(
      'Stored spans',
      view.store === null ? '–' : `${view.store.spans.stored} / ${view.store.spans.max}`,
    ),
  ]);
}

interface HealthCheckLike {
  readonly name?: string;
  readonly status?: string;
  readonly output?: string;
  readonly message?: string;
  readonly remediation?: string;
  readonly componentId?: string;
}

export function renderDiagnostics(view: DiagnosticsView): void {
  const items: HTMLElement[] = [];
  // core's report lists checks in an array; the IETF health+json body keys them by component.
  const health = view.health as {
    status?: string;
    checks?: readonly HealthCheckLike[] | Record<string, HealthCheckLike[] | HealthCheckLike>;
  } | null;
  if (health !== null && typeof health === 'object') {
    items.push(
      el(
        'li',
        {},
        el(
          'div',
          { class: 'row' },
          el('strong', { class: 'grow' }, 'Overall'),
          pill(health.status ?? 'unknown'),
        ),
      ),
    );
    const checks: [string, HealthCheckLike[] | HealthCheckLike][] = Array.isArray(health.checks)
      ? health.checks.map((check) => [check.name ?? check.componentId ?? 'check', check])
      : Object.entries(health.checks ?? {});
    for (const [name, raw] of checks) {
      for (const check of Array.isArray(raw) ? raw : [raw]) {
        items.push(
          el(
            'li',
            { 'data-check': name },
            el('div', { class: 'row' }, el('span', { class: 'grow' }, name), pill(check.status ?? 'unknown')),
            check.output || check.message
              ? el('div', { class: 'sub' }, check.output ?? check.message ?? '')
              : null,
            check.remediation ? el('div', { class: 'sub' }, `What to do: ${check.remediation}`) : null,
          ),
        );
      }
    }
  }
  const pipeline = view.pipeline as {
    adapters?: string[];
    faults?: { adapterId?: string; operation?: string; message?: string }[];
    dropped?: unknown[];
  } | null;
  if (pipeline !== null && typeof pipeline === 'object') {
    items.push(
      el(
        'li',
        {},
        el(
          'div',
          { class: 'row' },
          el(
            'span',
            { class: 'grow' },
            `Adapters: ${(pipeline.adapters ?? []).join(', ') || 'in-memory only'}`,
          ),
          pill((pipeline.faults ?? []).length === 0 ? 'pass' : 'warn'),
        ),
      ),
    );
    for (const fault of (pipeline.faults ?? []).slice(-5)) {
      items.push(
        el(
          'li',
          { class: 'sub' },
          `${fault.adapterId ?? ''} ${fault.operation ?? ''}: ${fault.message ?? ''} — check the adapter's endpoint and credentials.`,
        ),
      );
    }
  }
  replaceChildren(
    byId('diagnostics'),
    items.length > 0 ? items : [el('li', { class: 'empty' }, 'No diagnostics available.')],
  );
}

export function renderRunbooks(runbooks: readonly DashboardRunbook[]): void {
  const items = runbooks.map((runbook) =>
    el(
      'details',
      { id: `runbook-${runbook.id}` },
      el('summary', {}, `${runbook.title}`, runbook.severity ? ` · ${runbook.severity}` : ''),
      runbook.description ? el('p', {}, runbook.description) : null,
      el(
        'ol',
        {},
        ...(runbook.steps ?? []).map((step) =>
          el(
            'li',
            {},
            el('strong', {}, step.title ?? step.action ?? ''),
            step.description ? el('div', { class: 'sub' }, step.description) : null,
            step.title !== undefined && step.action !== undefined ? el('div', {}, step.action) : null,
            step.command === undefined ? null : el('pre', {}, step.command),
            step.query === undefined ? null : el('pre', {}, step.query),
          ),
        ),
      ),
      (runbook.escalation ?? []).length === 0
        ? null
        : el(
            'p',
            { class: 'sub' },
            `Escalation: ${(runbook.escalation ?? []).map((step) => `after ${step.after}: ${step.contact}`).join('; ')}`,
          ),
    ),
  );
  replaceChildren(
    byId('runbooks'),
    items.length > 0 ? items : [el('p', { class: 'empty' }, 'No runbooks configured.')],
  );
}
