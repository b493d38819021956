import type { NotificationAlertV1, NotificationV1 } from '@mcp-o11y/core';

/** One alert of an Alertmanager webhook payload. */
export interface AlertmanagerAlertV4 {
  readonly status: 'firing' | 'resolved';
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
  /** RFC 3339. */
  readonly startsAt: string;
  /** RFC 3339; `0001-01-01T00:00:00Z` (Go's zero time) while firing. */
  readonly endsAt: string;
  readonly generatorURL: string;
  readonly fingerprint: string;
}

/** The Alertmanager webhook payload, version 4 (`notify/webhook/webhook.go`). */
export interface AlertmanagerWebhookPayloadV4 {
  readonly version: '4';
  readonly groupKey: string;
  /** How many alerts `maxAlerts` left out. */
  readonly truncatedAlerts: number;
  readonly status: 'firing' | 'resolved';
  readonly receiver: string;
  readonly groupLabels: Readonly<Record<string, string>>;
  readonly commonLabels: Readonly<Record<string, string>>;
  readonly commonAnnotations: Readonly<Record<string, string>>;
  readonly externalURL: string;
  readonly alerts: readonly AlertmanagerAlertV4[];
}

/** Mapping options. */
export interface AlertmanagerPayloadOptions {
  /** `receiver`. Default `mcp-o11y`. */
  readonly receiver?: string;
  /** `externalURL`: where a human can see the alerts (the dashboard). Default `''`. */
  readonly externalUrl?: string;
  /** Keep at most this many alerts (firing first), counting the rest in `truncatedAlerts`. 0 = all. */
  readonly maxAlerts?: number;
  /** `endsAt` of a resolved alert that has none, ms since the epoch. Default `Date.now()`. */
  readonly now?: number;
}

/** Go's zero `time.Time`, which Alertmanager sends as `endsAt` of firing alerts. */
export const zeroTime = '0001-01-01T00:00:00Z';

/** RFC 3339 the way Go marshals `time.Time` (RFC3339Nano: no trailing zeros in the fraction). */
export function formatRfc3339(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace(/\.(\d*?)0*Z$/, (_, digits: string) => (digits ? `.${digits}Z` : 'Z'));
}

/** Go marshals maps with sorted keys; so do we, so payloads (and signatures) are byte-stable. */
function sorted(record: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function intersection(records: readonly Readonly<Record<string, string>>[]): Record<string, string> {
  const [first, ...rest] = records;
  if (!first) return {};
  return sorted(
    Object.fromEntries(
      Object.entries(first).filter(([key, value]) => rest.every((record) => record[key] === value)),
    ),
  );
}

function toAlert(alert: NotificationAlertV1, now: number): AlertmanagerAlertV4 {
  // Alertmanager consumers key on `alertname` and usually route on `severity`: both are labels there.
  const labels = sorted({ ...alert.labels, alertname: alert.name, severity: alert.severity });
  const extra: Record<string, string> = {};
  if (alert.runbookUrl) extra.runbook_url = alert.runbookUrl;
  if (alert.dashboardUrl) extra.dashboard_url = alert.dashboardUrl;
  if (alert.value !== undefined) extra.value = String(alert.value);
  return {
    status: alert.status,
    labels,
    annotations: sorted({ ...extra, ...alert.annotations }),
    startsAt: formatRfc3339(alert.startsAt),
    endsAt: alert.status === 'firing' ? zeroTime : formatRfc3339(alert.endsAt ?? now),
    generatorURL: alert.dashboardUrl ?? '',
    fingerprint: alert.fingerprint,
  };
}

/**
 * Maps a notification to the Alertmanager webhook payload, version 4, so anything that consumes
 * Alertmanager webhooks consumes ours. `alertname` and `severity` become labels; `runbookUrl`,
 * `dashboardUrl` and `value` become the annotations `runbook_url`, `dashboard_url` and `value` (an
 * annotation of the same name wins). `groupLabels` are the notification's `commonLabels`; `commonLabels`
 * and `commonAnnotations` are computed over all alerts, before `maxAlerts` truncates the list. Pure.
 */
export function convertToAlertmanagerPayload(
  notification: NotificationV1,
  options: AlertmanagerPayloadOptions = {},
): AlertmanagerWebhookPayloadV4 {
  const now = options.now ?? Date.now();
  const alerts = notification.alerts.map((alert) => toAlert(alert, now));
  const maxAlerts = options.maxAlerts ?? 0;
  const kept = maxAlerts > 0 ? alerts.slice(0, maxAlerts) : alerts;
  return {
    version: '4',
    groupKey: notification.groupKey,
    truncatedAlerts: alerts.length - kept.length,
    status: notification.status,
    receiver: options.receiver ?? 'mcp-o11y',
    groupLabels: sorted(notification.commonLabels),
    commonLabels: intersection(alerts.map((alert) => alert.labels)),
    commonAnnotations: intersection(alerts.map((alert) => alert.annotations)),
    externalURL: options.externalUrl ?? '',
    alerts: kept,
  };
}
