import { clipText, type NotificationAlertV1, type NotificationV1, type SeverityV1 } from '@mcp-o11y/core';
import { safeHttpUrl } from './sanitize.js';

/**
 * Longest fact value and longest title or heading shown, in UTF-16 units. Labels can be long and partly
 * chosen by clients (a hostile MCP client picks method names, which reach series labels): without a cap a
 * group of 50 alerts with megabyte labels became a mail of hundreds of megabytes that SMTP servers refuse.
 * 8 000 keeps every realistic description whole.
 */
const maxValueLength = 8_000;
const maxHeadingLength = 1_000;

/** One line of an alert's details, shared by the text and the HTML rendering. */
export interface AlertFact {
  readonly label: string;
  readonly value: string;
  /** A vetted http(s) URL when the value is a link. */
  readonly href?: string;
}

/** What both renderings show for one alert. */
export interface AlertSection {
  readonly heading: string;
  readonly status: NotificationAlertV1['status'];
  readonly severity: SeverityV1;
  readonly facts: readonly AlertFact[];
}

/** What both renderings show for the notification. */
export interface NotificationOutline {
  readonly title: string;
  readonly overview: readonly AlertFact[];
  readonly sections: readonly AlertSection[];
  /** Alerts left out past `maxAlerts`, shown as one "N more" line. */
  readonly omitted: number;
}

/** Upper-case severity, as in subjects and badges. */
export function severityLabel(severity: SeverityV1): string {
  return severity.toUpperCase();
}

/** `2026-01-15 09:30:00 UTC`: unambiguous for readers in every time zone. */
export function formatInstant(epochMs: number): string {
  const iso = new Date(epochMs).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;
}

/** Counts firing and resolved alerts, e.g. `27 firing, 3 resolved`. */
export function describeCounts(alerts: readonly NotificationAlertV1[]): string {
  const firing = alerts.filter((alert) => alert.status === 'firing').length;
  return `${firing} firing, ${alerts.length - firing} resolved`;
}

function formatLabels(labels: Readonly<Record<string, string>>): string {
  return Object.entries(labels)
    .map(([key, value]) => `${key}=${value}`)
    .join(', ');
}

function alertFacts(alert: NotificationAlertV1): AlertFact[] {
  const facts: AlertFact[] = [];
  const { summary, description, ...otherAnnotations } = alert.annotations;
  if (summary) facts.push({ label: 'Summary', value: summary });
  if (description) facts.push({ label: 'Description', value: description });
  for (const [key, value] of Object.entries(otherAnnotations)) facts.push({ label: key, value });
  if (alert.value !== undefined) facts.push({ label: 'Value', value: String(alert.value) });
  facts.push({ label: 'Started', value: formatInstant(alert.startsAt) });
  if (alert.endsAt !== undefined) facts.push({ label: 'Resolved', value: formatInstant(alert.endsAt) });
  if (Object.keys(alert.labels).length > 0)
    facts.push({ label: 'Labels', value: formatLabels(alert.labels) });
  for (const [label, url] of [
    ['Runbook', alert.runbookUrl],
    ['Dashboard', alert.dashboardUrl],
  ] as const) {
    if (url === undefined) continue;
    const href = safeHttpUrl(url);
    facts.push(href ? { label, value: url, href } : { label, value: url });
  }
  facts.push({ label: 'Fingerprint', value: alert.fingerprint });
  return facts.map(clipFact);
}

function clipFact(fact: AlertFact): AlertFact {
  return {
    ...fact,
    label: clipText(fact.label, maxHeadingLength),
    value: clipText(fact.value, maxValueLength),
  };
}

/**
 * The content of a notification, independent of the output format: an overview and one section per
 * alert (firing first, as the engine orders them), at most `maxAlerts` of them.
 */
export function outlineNotification(notification: NotificationV1, maxAlerts: number): NotificationOutline {
  const shown = notification.alerts.slice(0, maxAlerts);
  const overview: AlertFact[] = [
    { label: 'Status', value: notification.status },
    { label: 'Severity', value: notification.severity },
    { label: 'Service', value: notification.service },
    { label: 'Alerts', value: describeCounts(notification.alerts) },
  ];
  if (Object.keys(notification.commonLabels).length > 0) {
    overview.push({ label: 'Common labels', value: formatLabels(notification.commonLabels) });
  }
  overview.push({ label: 'Group', value: notification.groupKey });
  return {
    title: clipText(notification.title, maxHeadingLength),
    overview: overview.map(clipFact),
    sections: shown.map((alert) => ({
      heading: `${clipText(alert.name, maxHeadingLength)} (${alert.severity}, ${alert.status})`,
      status: alert.status,
      severity: alert.severity,
      facts: alertFacts(alert),
    })),
    omitted: notification.alerts.length - shown.length,
  };
}
