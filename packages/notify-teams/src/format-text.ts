import type { NotificationAlertV1, NotificationV1, SeverityV1 } from '@mcp-o11y/core';

const graphemes = new Intl.Segmenter('und', { granularity: 'grapheme' });

/**
 * Shortens `text` to at most `maxLength` UTF-16 code units, ending with `…`. Cuts between grapheme
 * clusters, so a surrogate pair or an emoji ZWJ sequence is never split.
 */
export function clipText(text: string, maxLength: number): string {
  if (text.length <= maxLength) return text;
  if (maxLength <= 0) return '';
  let clipped = '';
  for (const { segment } of graphemes.segment(text)) {
    if (clipped.length + segment.length > maxLength - 1) break;
    clipped += segment;
  }
  return `${clipped.trimEnd()}…`;
}

/** `2026-01-15 09:30:00 UTC`: unambiguous for readers in every time zone. */
export function formatTime(epochMs: number): string {
  return `${new Date(epochMs).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** A measured value without float noise (`0.30000000000000004` → `0.3`). */
export function formatValue(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(6)));
}

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

/** An absolute http(s) URL, or undefined: a malformed link would make Teams drop the whole card. */
export function safeLink(url: string | undefined): string | undefined {
  if (url === undefined || !URL.canParse(url)) return undefined;
  const parsed = new URL(url);
  return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : undefined;
}

/** Byte length of `text` encoded as UTF-8 — what the 28 KB limit counts. */
export function utf8Length(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}
