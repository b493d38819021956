import type {
  NotificationAlertV1,
  NotificationV1,
  SeverityV1,
} from '../../spec/notifier/v1/notification-v1.js';

const SEVERITY_RANK: Readonly<Record<SeverityV1, number>> = { low: 0, medium: 1, high: 2, critical: 3 };

/** The higher of two severities. */
export function maxSeverity(a: SeverityV1, b: SeverityV1): SeverityV1 {
  return SEVERITY_RANK[a] >= SEVERITY_RANK[b] ? a : b;
}

/**
 * Maps a group's alerts to the notification a notifier receives. Pure. Firing alerts come first; the
 * severity is the highest among the firing ones (among all when everything resolved); the title is
 * Alertmanager's `[FIRING:n] <group label values>` or `[RESOLVED] ...`.
 */
export function buildNotification(
  groupKey: string,
  groupLabels: Readonly<Record<string, string>>,
  firing: readonly NotificationAlertV1[],
  resolved: readonly NotificationAlertV1[],
  service: string,
): NotificationV1 {
  const alerts = [...firing, ...resolved];
  const status = firing.length > 0 ? 'firing' : 'resolved';
  const ranked = firing.length > 0 ? firing : resolved;
  const severity = ranked.reduce<SeverityV1>((highest, alert) => maxSeverity(highest, alert.severity), 'low');
  const values = Object.keys(groupLabels)
    .sort((a, b) => (a === 'alertname' ? -1 : b === 'alertname' ? 1 : a.localeCompare(b)))
    .map((name) => groupLabels[name]);
  const subject = values.length > 0 ? values.join(' ') : (alerts[0]?.name ?? 'alerts');
  return {
    groupKey,
    status,
    severity,
    title: `${status === 'firing' ? `[FIRING:${firing.length}]` : '[RESOLVED]'} ${subject}`,
    alerts,
    commonLabels: commonLabelsOf(alerts),
    service,
  };
}

function commonLabelsOf(alerts: readonly NotificationAlertV1[]): Record<string, string> {
  const [first, ...rest] = alerts;
  if (first === undefined) return {};
  const common: Record<string, string> = { ...first.labels };
  for (const alert of rest) {
    for (const name of Object.keys(common)) if (alert.labels[name] !== common[name]) delete common[name];
  }
  return common;
}
