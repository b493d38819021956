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

/**
 * Makes alert text inert as Teams markdown links. A label or annotation holding `[Reset password](https://…)`
 * (or `![x](…)`) would otherwise render as a clickable link whose text hides its target, and a hostile MCP
 * client can choose label values (method names reach series labels). A zero-width space between `]` and `(`
 * breaks the link syntax on every Teams client (backslash escapes are not honoured on all of them) and shows
 * nothing. Emphasis (`**`, `_`) is left alone: like Slack's escaping, this guards links, not formatting.
 */
export function inertLinks(text: string): string {
  return text.replaceAll('](', ']\u200B(');
}
