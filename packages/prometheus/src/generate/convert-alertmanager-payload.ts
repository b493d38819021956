import type { NotificationAlertV1, NotificationV1, SeverityV1 } from '@mcp-o11y/core';
import { z } from 'zod';

const labelSet = z.record(z.string(), z.string());

const alertSchema = z.looseObject({
  status: z.enum(['firing', 'resolved']),
  labels: labelSet,
  annotations: labelSet.default({}),
  startsAt: z.string(),
  endsAt: z.string().optional(),
  generatorURL: z.string().optional(),
  fingerprint: z.string().optional(),
});

/** The Alertmanager webhook payload, version 4 (`notify/webhook/webhook.go`); unknown fields are allowed. */
export const alertmanagerPayloadSchema = z.looseObject({
  version: z.literal('4'),
  groupKey: z.string().min(1),
  truncatedAlerts: z.number().int().nonnegative().optional(),
  status: z.enum(['firing', 'resolved']),
  receiver: z.string(),
  groupLabels: labelSet.default({}),
  commonLabels: labelSet.default({}),
  commonAnnotations: labelSet.default({}),
  externalURL: z.string().optional(),
  alerts: z.array(alertSchema).min(1).max(10_000),
});

/** An Alertmanager webhook payload (version 4), validated. */
export type AlertmanagerWebhookPayload = z.infer<typeof alertmanagerPayloadSchema>;

/** Options of {@link alertmanagerPayloadToNotification}. */
export interface AlertmanagerMappingOptions {
  /** `service` of the notification. Default: the common label named by `serviceLabel`, else the receiver name. */
  readonly service?: string;
  /** Default `job`. */
  readonly serviceLabel?: string;
  /** Severity of alerts whose `severity` label is missing or unknown. Default `medium`. */
  readonly defaultSeverity?: SeverityV1;
}

const SEVERITY_RANK: Readonly<Record<SeverityV1, number>> = { low: 0, medium: 1, high: 2, critical: 3 };

// Severity words other rule packs use, onto core's four levels.
const SEVERITY_ALIASES: Readonly<Record<string, SeverityV1>> = {
  critical: 'critical',
  page: 'critical',
  high: 'high',
  error: 'high',
  major: 'high',
  medium: 'medium',
  warning: 'medium',
  warn: 'medium',
  minor: 'medium',
  low: 'low',
  info: 'low',
  none: 'low',
};

/** Core's severity of an Alertmanager `severity` label value. */
export function severityOf(label: string | undefined, fallback: SeverityV1 = 'medium'): SeverityV1 {
  return (label === undefined ? undefined : SEVERITY_ALIASES[label.toLowerCase()]) ?? fallback;
}

const isHttpUrl = (value: string | undefined): value is string =>
  value !== undefined && /^https?:\/\//i.test(value);

function epochMs(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const ms = Date.parse(text);
  // Alertmanager sends the zero time (0001-01-01) as endsAt of firing alerts.
  return Number.isFinite(ms) && ms > 0 ? ms : undefined;
}

/**
 * Maps a validated Alertmanager webhook payload to the notification core's notifiers deliver: alerts firing
 * first, `alertname` as the name, the `severity` label mapped to core's levels, `runbook_url` and the
 * Prometheus `generatorURL` as links, the `groupKey` kept for threading and dedup, and a title like
 * Alertmanager's default (`[FIRING:2] HighErrorRate`). Pure.
 */
export function alertmanagerPayloadToNotification(
  payload: AlertmanagerWebhookPayload,
  options: AlertmanagerMappingOptions = {},
): NotificationV1 {
  const fallback = options.defaultSeverity ?? 'medium';
  const alerts = payload.alerts.map((alert): NotificationAlertV1 => {
    const { runbook_url: runbookUrl, ...annotations } = alert.annotations;
    const endsAt = alert.status === 'resolved' ? epochMs(alert.endsAt) : undefined;
    return {
      fingerprint: alert.fingerprint ?? fingerprintOf(alert.labels),
      name: alert.labels.alertname ?? 'alert',
      severity: severityOf(alert.labels.severity, fallback),
      status: alert.status,
      labels: alert.labels,
      annotations: isHttpUrl(runbookUrl) || runbookUrl === undefined ? annotations : alert.annotations,
      startsAt: epochMs(alert.startsAt) ?? 0,
      ...(endsAt === undefined ? {} : { endsAt }),
      ...(isHttpUrl(runbookUrl) ? { runbookUrl } : {}),
      ...(isHttpUrl(alert.generatorURL) ? { dashboardUrl: alert.generatorURL } : {}),
    };
  });
  const firing = alerts.filter((alert) => alert.status === 'firing');
  const ordered = [...firing, ...alerts.filter((alert) => alert.status !== 'firing')];
  const ranked = firing.length > 0 ? firing : ordered;
  const severity = ranked.reduce<SeverityV1>(
    (highest, alert) => (SEVERITY_RANK[alert.severity] > SEVERITY_RANK[highest] ? alert.severity : highest),
    'low',
  );
  const status = firing.length > 0 ? 'firing' : 'resolved';
  const groupValues = Object.keys(payload.groupLabels)
    .sort((a, b) => (a === 'alertname' ? -1 : b === 'alertname' ? 1 : a.localeCompare(b)))
    .map((name) => payload.groupLabels[name]);
  const subject = groupValues.length > 0 ? groupValues.join(' ') : (ordered[0]?.name ?? 'alerts');
  const truncated = payload.truncatedAlerts ? ` (+${payload.truncatedAlerts} more)` : '';
  return {
    groupKey: payload.groupKey,
    status,
    severity,
    title: `${status === 'firing' ? `[FIRING:${firing.length}]` : '[RESOLVED]'} ${subject}${truncated}`,
    alerts: ordered,
    commonLabels: payload.commonLabels,
    service: options.service ?? payload.commonLabels[options.serviceLabel ?? 'job'] ?? payload.receiver,
  };
}

/** A stable id from sorted labels, for payloads without Alertmanager's `fingerprint` (FNV-1a, 64-bit hex). */
function fingerprintOf(labels: Readonly<Record<string, string>>): string {
  const text = Object.keys(labels)
    .sort()
    .map((name) => `${name}\u0000${labels[name]}`)
    .join('\u0001');
  let hash = 0xcbf29ce484222325n;
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= BigInt(byte);
    hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return hash.toString(16).padStart(16, '0');
}
