import {
  clipText,
  formatMeasuredValue,
  formatUtcTime,
  type NotificationAlertV1,
  type NotificationV1,
  type SeverityV1,
  safeHttpUrl,
} from '@mcp-o11y/core';
import { type FittedPayload, fitPayload } from './fit-payload.js';
import { countAlerts, formatLabels, inertLinks, statusIcon } from './format-text.js';

/**
 * The legacy Office 365 connector MessageCard. RETIRED: Microsoft shut the connectors down, and a
 * Workflows URL answers 202 to this body while the flow fails and nothing appears in the channel. Only
 * rendered on explicit `format: 'messagecard'`, for self-hosted relays that still translate it.
 */
export interface MessageCardPayload {
  readonly '@type': 'MessageCard';
  readonly '@context': 'http://schema.org/extensions';
  readonly themeColor: string;
  readonly summary: string;
  readonly title: string;
  readonly sections: readonly {
    readonly activityTitle: string;
    readonly activitySubtitle?: string;
    readonly text?: string;
    readonly facts: readonly { readonly name: string; readonly value: string }[];
  }[];
  readonly potentialAction?: readonly {
    readonly '@type': 'OpenUri';
    readonly name: string;
    readonly targets: readonly { readonly os: 'default'; readonly uri: string }[];
  }[];
}

// MessageCard took hex theme colours (Adaptive Cards do not).
const themeColors: Readonly<Record<SeverityV1, string>> = {
  critical: 'D13438',
  high: 'E8590C',
  medium: 'FFB900',
  low: '0078D4',
};

function section(
  alert: NotificationAlertV1,
  clip: (value: string) => string,
): MessageCardPayload['sections'][number] {
  const facts = [
    { name: 'Labels', value: clip(formatLabels(alert.labels)) },
    ...(alert.value === undefined ? [] : [{ name: 'Value', value: formatMeasuredValue(alert.value) }]),
    { name: 'Started', value: formatUtcTime(alert.startsAt) },
    ...(alert.endsAt === undefined ? [] : [{ name: 'Resolved', value: formatUtcTime(alert.endsAt) }]),
  ];
  const body = [alert.annotations.summary, alert.annotations.description].filter(Boolean).join('\n\n');
  return {
    activityTitle: clip(`${statusIcon(alert.status, alert.severity)} ${alert.name}`),
    activitySubtitle: `${alert.severity} · ${alert.status}`,
    ...(body ? { text: clip(body) } : {}),
    facts,
  };
}

/** Builds the MessageCard showing the first `shownAlerts` alerts, texts clipped to `textLimit`. */
export function buildMessageCardPayload(
  notification: NotificationV1,
  shownAlerts: number,
  textLimit: number,
): MessageCardPayload {
  // Every clipped value is alert text; the renderer's own links are built outside `clip`.
  const clip = (value: string) => clipText(inertLinks(value), textLimit);
  const sections = notification.alerts.slice(0, shownAlerts).map((alert) => section(alert, clip));
  const omitted = notification.alerts.length - sections.length;
  if (omitted > 0) {
    sections.push({
      activityTitle: `…and ${omitted} more alert${omitted === 1 ? '' : 's'} not shown`,
      facts: [],
    });
  }
  const first = notification.alerts[0];
  const links = [
    ['Open runbook', safeHttpUrl(first?.runbookUrl)],
    ['Open dashboard', safeHttpUrl(first?.dashboardUrl)],
  ].filter((link): link is [string, string] => link[1] !== undefined);
  return {
    '@type': 'MessageCard',
    '@context': 'http://schema.org/extensions',
    themeColor: notification.status === 'resolved' ? '107C10' : themeColors[notification.severity],
    summary: clip(notification.title),
    title: clip(`${statusIcon(notification.status, notification.severity)} ${notification.title}`),
    sections: [
      {
        activityTitle: clip(notification.service),
        activitySubtitle: countAlerts(notification.alerts),
        facts: [{ name: 'Common labels', value: clip(formatLabels(notification.commonLabels)) }],
      },
      ...sections,
    ],
    ...(links.length > 0
      ? {
          potentialAction: links.map(([name, uri]) => ({
            '@type': 'OpenUri' as const,
            name,
            targets: [{ os: 'default' as const, uri }],
          })),
        }
      : {}),
  };
}

/** Renders the retired MessageCard format, fitted under `maxBytes` like the Adaptive Card. */
export function convertToMessageCard(
  notification: NotificationV1,
  maxBytes: number,
): FittedPayload<MessageCardPayload> {
  return fitPayload(
    (shown, textLimit) => buildMessageCardPayload(notification, shown, textLimit),
    notification.alerts.length,
    maxBytes,
  );
}
