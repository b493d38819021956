import {
  formatMeasuredValue,
  formatUtcTime,
  type NotificationAlertV1,
  type NotificationV1,
  safeHttpUrl,
} from '@mcp-o11y/core';
import { countAlerts, statusIcon } from './format-text.js';

/** How a piece of text is shown. Markup is applied only when rendering, after the length budget. */
export type SegmentStyle = 'plain' | 'bold' | 'italic' | 'code';

/**
 * One run of plain, unescaped text. Its visible length is `text.length` (UTF-16 code units), which is
 * what Telegram's 4096 limit counts after parsing entities; a link's URL is not visible.
 */
export type Segment =
  | { readonly kind: 'text'; readonly text: string; readonly style: SegmentStyle; readonly alert?: number }
  | { readonly kind: 'link'; readonly text: string; readonly url: string; readonly alert?: number };

const plain = (text: string, alert?: number): Segment => ({
  kind: 'text',
  text,
  style: 'plain',
  ...(alert === undefined ? {} : { alert }),
});
const styled = (text: string, style: SegmentStyle, alert?: number): Segment => ({
  kind: 'text',
  text,
  style,
  ...(alert === undefined ? {} : { alert }),
});

function alertSegments(alert: NotificationAlertV1, index: number): Segment[] {
  const segments: Segment[] = [
    plain('\n\n', index),
    plain(`${statusIcon(alert.status, alert.severity)} `, index),
    styled(alert.name, 'bold', index),
    plain(' ', index),
    styled(`(${alert.severity}, ${alert.status})`, 'italic', index),
  ];
  const { summary, description } = alert.annotations;
  if (summary) segments.push(plain(`\n${summary}`, index));
  if (description && description !== summary) segments.push(plain(`\n${description}`, index));
  const labels = Object.keys(alert.labels).sort();
  if (labels.length > 0) {
    segments.push(plain('\n', index));
    labels.forEach((key, position) => {
      if (position > 0) segments.push(plain(' ', index));
      segments.push(styled(`${key}=${alert.labels[key]}`, 'code', index));
    });
  }
  const facts = [
    ...(alert.value === undefined ? [] : [`Value: ${formatMeasuredValue(alert.value)}`]),
    `Since: ${formatUtcTime(alert.startsAt)}`,
    ...(alert.endsAt === undefined ? [] : [`Resolved: ${formatUtcTime(alert.endsAt)}`]),
  ];
  segments.push(plain(`\n${facts.join(' · ')}`, index));
  const links = [
    ['Runbook', safeHttpUrl(alert.runbookUrl)],
    ['Dashboard', safeHttpUrl(alert.dashboardUrl)],
  ].filter((link): link is [string, string] => link[1] !== undefined);
  links.forEach(([text, url], position) => {
    segments.push(plain(position === 0 ? '\n' : ' · ', index));
    segments.push({ kind: 'link', text, url, alert: index });
  });
  return segments;
}

/**
 * The message as plain segments: a bold title, a summary line, then one block per alert (name,
 * summary, description, labels as code, value and times, links). Pure; no escaping happens here.
 */
export function buildMessageSegments(notification: NotificationV1): Segment[] {
  const segments: Segment[] = [
    plain(`${statusIcon(notification.status, notification.severity)} `),
    styled(notification.title, 'bold'),
    plain(`\n${notification.service} · ${notification.severity} · ${countAlerts(notification.alerts)}`),
  ];
  notification.alerts.forEach((alert, index) => {
    segments.push(...alertSegments(alert, index));
  });
  return segments;
}

/** The visible text of segments: what Telegram shows and counts. */
export function visibleText(segments: readonly Segment[]): string {
  return segments.map((segment) => segment.text).join('');
}
