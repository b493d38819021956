import { createHash, randomUUID } from 'node:crypto';
import type { NotificationV1 } from '@mcp-o11y/core';
import { describeCounts, outlineNotification, severityLabel } from './alert-facts.js';
import { renderEmailHtml } from './render-email-html.js';
import { renderEmailText } from './render-email-text.js';
import { sanitizeHeaderValue, truncate } from './sanitize.js';

/** Options of {@link convertToEmail}. */
export interface ConvertToEmailOptions {
  /** The right-hand side of Message-ID and thread ids: the sender's domain. */
  readonly messageIdDomain: string;
  /** Alerts rendered in full; the rest become one "N more" line. Default 50. */
  readonly maxAlerts?: number;
}

/** A rendered notification, before addressing. Every header value is free of CR/LF. */
export interface EmailContent {
  /** `[CRITICAL] weather-mcp: HighErrorRate`; `[RESOLVED] ` in front once the group resolved. */
  readonly subject: string;
  /** The text/plain alternative (sent first, so it is the fallback). */
  readonly text: string;
  /** The text/html alternative. */
  readonly html: string;
  /**
   * The id every message of this alert group refers to (`In-Reply-To` and `References`), derived from the
   * group key alone: the firing and the resolved mail of a group share it, so clients thread them.
   */
  readonly threadId: string;
  /** Extra headers: `Auto-Submitted`, `X-Alert-*`. */
  readonly headers: Readonly<Record<string, string>>;
}

const maxSubjectLength = 200;

/** A hex digest of the group key: stable across restarts and processes, and free of header syntax. */
export function groupHash(groupKey: string): string {
  return createHash('sha256').update(groupKey).digest('hex').slice(0, 32);
}

/** Strips anything that could break out of a `<local@domain>` id. */
function idDomain(domain: string): string {
  return domain.replace(/[^A-Za-z0-9.-]/g, '') || 'mcp-o11y.invalid';
}

/** The deterministic id of a group's thread: `<alert-group.<hash>@domain>`. */
export function threadIdFor(groupKey: string, domain: string): string {
  return `<alert-group.${groupHash(groupKey)}@${idDomain(domain)}>`;
}

/**
 * A fresh Message-ID for one send: the group hash and the status (so a reader of raw headers sees what
 * it is) plus a random part, because a resent or repeated notification must not reuse an id — receivers
 * such as Gmail silently drop a message whose Message-ID they have already seen.
 */
export function createMessageId(notification: NotificationV1, domain: string): string {
  return `<alert.${groupHash(notification.groupKey)}.${notification.status}.${randomUUID()}@${idDomain(domain)}>`;
}

/**
 * `[CRITICAL] weather-mcp: HighErrorRate` for one alert; for a group, the rule name with counts
 * (`ServerDown (27 firing, 3 resolved)`) or the first rule names and how many others.
 */
export function buildSubject(notification: NotificationV1): string {
  const names = [...new Set(notification.alerts.map((alert) => sanitizeHeaderValue(alert.name, 80)))];
  let what: string;
  if (notification.alerts.length <= 1) {
    what = names[0] ?? sanitizeHeaderValue(notification.title, 120);
  } else if (names.length === 1) {
    what = `${names[0]} (${describeCounts(notification.alerts)})`;
  } else {
    const shown = names.slice(0, 2).join(', ');
    const more = names.length > 2 ? ` and ${names.length - 2} more` : '';
    what = `${shown}${more} (${describeCounts(notification.alerts)})`;
  }
  const prefix = notification.status === 'resolved' ? '[RESOLVED] ' : '';
  const subject = `${prefix}[${severityLabel(notification.severity)}] ${sanitizeHeaderValue(notification.service, 80)}: ${what}`;
  return truncate(sanitizeHeaderValue(subject, maxSubjectLength), maxSubjectLength);
}

/** Machine-readable headers for filters and mail rules. Fingerprints are capped: headers have no room for 1 000. */
function buildHeaders(notification: NotificationV1): Record<string, string> {
  const fingerprints = notification.alerts
    .slice(0, 20)
    .map((alert) => sanitizeHeaderValue(alert.fingerprint, 200));
  if (notification.alerts.length > 20) fingerprints.push(`+${notification.alerts.length - 20} more`);
  return {
    // RFC 3834: an automatic message; vacation responders must not answer it.
    'Auto-Submitted': 'auto-generated',
    'X-Auto-Response-Suppress': 'All',
    'X-Alert-Status': notification.status,
    'X-Alert-Severity': notification.severity,
    'X-Alert-Service': sanitizeHeaderValue(notification.service, 200),
    'X-Alert-Group': groupHash(notification.groupKey),
    'X-Alert-Fingerprints': sanitizeHeaderValue(fingerprints.join(', ')),
  };
}

/** Renders a notification as email content: subject, text and HTML alternatives, threading and headers. */
export function convertToEmail(notification: NotificationV1, options: ConvertToEmailOptions): EmailContent {
  const outline = outlineNotification(notification, options.maxAlerts ?? 50);
  return {
    subject: buildSubject(notification),
    text: renderEmailText(outline),
    html: renderEmailHtml(outline, notification.status, notification.severity),
    threadId: threadIdFor(notification.groupKey, options.messageIdDomain),
    headers: buildHeaders(notification),
  };
}
