import type { NotificationAlertV1, NotificationV1, SeverityV1 } from '@mcp-o11y/core';

/** One glyph per severity and status, so the state reads at a glance on a phone. */
export function statusIcon(status: NotificationV1['status'], severity: SeverityV1): string {
  if (status === 'resolved') return '✅';
  return { critical: '🔴', high: '🟠', medium: '🟡', low: '🔵' }[severity];
}

/** `3 firing, 1 resolved` (zero counts omitted). */
export function countAlerts(alerts: readonly NotificationAlertV1[]): string {
  const firing = alerts.filter((alert) => alert.status === 'firing').length;
  const resolved = alerts.length - firing;
  return [firing > 0 ? `${firing} firing` : '', resolved > 0 ? `${resolved} resolved` : '']
    .filter(Boolean)
    .join(', ');
}

/** `key=value, key=value`, in key order so renderings are stable. */
export function formatLabels(labels: Readonly<Record<string, string>>): string {
  return Object.keys(labels)
    .sort()
    .map((key) => `${key}=${labels[key]}`)
    .join(', ');
}

/** Byte length of `text` encoded as UTF-8 — what the 28 KB limit counts. */
export function utf8Length(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}
