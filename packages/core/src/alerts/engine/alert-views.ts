import type { AlertV1 } from '../../spec/alerts/v1/alert-v1.js';
import type { NotificationV1 } from '../../spec/notifier/v1/notification-v1.js';
import type { AlertRecord } from './alert-record.js';
import { toNotificationAlert } from './run-tick.js';

/** The listed form of an alert record. Pure. */
export function toAlertView(
  record: AlertRecord,
  muted: { silencedBy: string[]; inhibitedBy: string[] } | undefined,
): AlertV1 {
  const alert = toNotificationAlert(record);
  return {
    fingerprint: record.fingerprint,
    name: record.name,
    severity: record.severity,
    state: record.state,
    labels: record.labels,
    annotations: alert.annotations,
    ...(record.value === undefined ? {} : { value: record.value }),
    ...(record.threshold === undefined ? {} : { threshold: record.threshold }),
    activeSince: record.activeSince,
    ...(record.firingSince === undefined ? {} : { firingSince: record.firingSince }),
    ...(record.resolvedAt === undefined ? {} : { resolvedAt: record.resolvedAt }),
    ...(record.acknowledgedBy === undefined
      ? {}
      : { acknowledgedBy: record.acknowledgedBy, acknowledgedAt: record.acknowledgedAt! }),
    silencedBy: muted?.silencedBy ?? [],
    inhibitedBy: muted?.inhibitedBy ?? [],
    escalations: [...record.escalations],
  };
}

/** What `sendTestNotification` sends: a low-severity firing notification that says it is a test. Pure. */
export function testNotification(now: number, service: string): NotificationV1 {
  const alert = {
    fingerprint: 'test',
    name: 'TestNotification',
    severity: 'low',
    status: 'firing',
    startsAt: now,
    labels: { alertname: 'TestNotification', severity: 'low' },
    annotations: { summary: 'Test notification from mcp-o11y: if you read this, the channel works.' },
  } as const;
  return {
    groupKey: 'test',
    status: 'firing',
    severity: 'low',
    title: '[TEST] mcp-o11y notification',
    alerts: [alert],
    commonLabels: alert.labels,
    service: service,
  };
}
