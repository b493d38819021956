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

/** The named colours a TextBlock accepts; Teams ignores hex values. */
export type AdaptiveCardColor = 'default' | 'dark' | 'light' | 'accent' | 'good' | 'warning' | 'attention';

/** A TextBlock. Text is the Teams markdown subset; HTML would show literally. */
export interface AdaptiveTextBlock {
  readonly type: 'TextBlock';
  readonly text: string;
  readonly wrap: true;
  readonly weight?: 'bolder';
  readonly size?: 'small' | 'medium' | 'large';
  readonly color?: AdaptiveCardColor;
  readonly isSubtle?: true;
  readonly spacing?: 'none' | 'small' | 'medium';
  readonly separator?: true;
}

/** A FactSet: title/value pairs. */
export interface AdaptiveFactSet {
  readonly type: 'FactSet';
  readonly facts: readonly { readonly title: string; readonly value: string }[];
}

/** A Container grouping one alert's elements. */
export interface AdaptiveContainer {
  readonly type: 'Container';
  readonly items: readonly AdaptiveElement[];
  readonly separator?: true;
  readonly spacing?: 'medium';
}

/** The body elements this notifier uses (all exist in Adaptive Cards 1.0). */
export type AdaptiveElement = AdaptiveTextBlock | AdaptiveFactSet | AdaptiveContainer;

/** A link button. */
export interface AdaptiveOpenUrlAction {
  readonly type: 'Action.OpenUrl';
  readonly title: string;
  readonly url: string;
}

/** The Adaptive Card itself, version 1.4 (the newest Teams renders everywhere). */
export interface AdaptiveCard {
  readonly $schema: 'http://adaptivecards.io/schemas/adaptive-card.json';
  readonly type: 'AdaptiveCard';
  readonly version: '1.4';
  readonly body: readonly AdaptiveElement[];
  readonly actions?: readonly AdaptiveOpenUrlAction[];
  readonly msteams: { readonly width: 'Full' };
}

/** The body a Workflows "when a webhook request is received" trigger expects. */
export interface TeamsWorkflowPayload {
  readonly type: 'message';
  readonly attachments: readonly [
    {
      readonly contentType: 'application/vnd.microsoft.card.adaptive';
      readonly contentUrl: null;
      readonly content: AdaptiveCard;
    },
  ];
}

const firingColor: Readonly<Record<SeverityV1, AdaptiveCardColor>> = {
  critical: 'attention',
  high: 'attention',
  medium: 'warning',
  low: 'accent',
};

/** The TextBlock colour for a status and severity: green when resolved. */
export function severityColor(status: NotificationV1['status'], severity: SeverityV1): AdaptiveCardColor {
  return status === 'resolved' ? 'good' : firingColor[severity];
}

const text = (
  value: string,
  extra: Omit<AdaptiveTextBlock, 'type' | 'text' | 'wrap'> = {},
): AdaptiveTextBlock => ({
  type: 'TextBlock',
  text: value,
  wrap: true,
  ...extra,
});

function alertContainer(alert: NotificationAlertV1, clip: (value: string) => string): AdaptiveContainer {
  const items: AdaptiveElement[] = [
    text(
      clip(
        `${statusIcon(alert.status, alert.severity)} **${alert.name}** · ${alert.severity} · ${alert.status}`,
      ),
      {
        weight: 'bolder',
        color: severityColor(alert.status, alert.severity),
      },
    ),
  ];
  const { summary, description, ...otherAnnotations } = alert.annotations;
  if (summary) items.push(text(clip(summary), { spacing: 'small' }));
  if (description && description !== summary)
    items.push(text(clip(description), { isSubtle: true, spacing: 'small' }));
  const facts: { title: string; value: string }[] = [];
  const labels = formatLabels(alert.labels);
  if (labels) facts.push({ title: 'Labels', value: clip(labels) });
  if (alert.value !== undefined) facts.push({ title: 'Value', value: formatMeasuredValue(alert.value) });
  facts.push({ title: 'Started', value: formatUtcTime(alert.startsAt) });
  if (alert.endsAt !== undefined) facts.push({ title: 'Resolved', value: formatUtcTime(alert.endsAt) });
  for (const key of Object.keys(otherAnnotations).sort()) {
    const value = otherAnnotations[key];
    if (value) facts.push({ title: clip(key), value: clip(value) });
  }
  facts.push({ title: 'Fingerprint', value: clip(alert.fingerprint) });
  items.push({ type: 'FactSet', facts });
  const links = [
    ['Runbook', safeHttpUrl(alert.runbookUrl)],
    ['Dashboard', safeHttpUrl(alert.dashboardUrl)],
  ].filter((link): link is [string, string] => link[1] !== undefined);
  if (links.length > 0) {
    // `(` and `)` end a markdown link target early; percent-encoded they mean the same URL.
    const target = (url: string) => url.replaceAll('(', '%28').replaceAll(')', '%29');
    items.push(
      text(links.map(([title, url]) => `[${title}](${target(url)})`).join(' · '), { spacing: 'small' }),
    );
  }
  return { type: 'Container', items, separator: true, spacing: 'medium' };
}

function headerElements(notification: NotificationV1, clip: (value: string) => string): AdaptiveElement[] {
  const facts = [
    { title: 'Status', value: notification.status },
    { title: 'Severity', value: notification.severity },
    { title: 'Service', value: clip(notification.service) },
    { title: 'Alerts', value: countAlerts(notification.alerts) },
  ];
  const common = formatLabels(notification.commonLabels);
  if (common) facts.push({ title: 'Common labels', value: clip(common) });
  return [
    text(clip(`${statusIcon(notification.status, notification.severity)} ${notification.title}`), {
      weight: 'bolder',
      size: 'large',
      color: severityColor(notification.status, notification.severity),
    }),
    { type: 'FactSet', facts },
  ];
}

function cardActions(notification: NotificationV1): AdaptiveOpenUrlAction[] {
  const first = notification.alerts[0];
  const actions: AdaptiveOpenUrlAction[] = [];
  const runbook = safeHttpUrl(first?.runbookUrl);
  const dashboard = safeHttpUrl(first?.dashboardUrl);
  if (runbook) actions.push({ type: 'Action.OpenUrl', title: 'Open runbook', url: runbook });
  if (dashboard) actions.push({ type: 'Action.OpenUrl', title: 'Open dashboard', url: dashboard });
  return actions;
}

/** Builds the Workflows payload showing the first `shownAlerts` alerts, texts clipped to `textLimit`. */
export function buildAdaptiveCardPayload(
  notification: NotificationV1,
  shownAlerts: number,
  textLimit: number,
): TeamsWorkflowPayload {
  // Every clipped value is alert text; the renderer's own links are built outside `clip`.
  const clip = (value: string) => clipText(inertLinks(value), textLimit);
  const body: AdaptiveElement[] = headerElements(notification, clip);
  for (const alert of notification.alerts.slice(0, shownAlerts)) body.push(alertContainer(alert, clip));
  const omitted = notification.alerts.length - Math.min(shownAlerts, notification.alerts.length);
  if (omitted > 0) {
    const rest = countAlerts(notification.alerts.slice(shownAlerts));
    body.push(
      text(
        `…and ${omitted} more alert${omitted === 1 ? '' : 's'} (${rest}) not shown: Teams messages are limited to 28 KB.`,
        {
          isSubtle: true,
          separator: true,
        },
      ),
    );
  }
  const actions = cardActions(notification);
  return {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        contentUrl: null,
        content: {
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          type: 'AdaptiveCard',
          version: '1.4',
          body,
          ...(actions.length > 0 ? { actions } : {}),
          msteams: { width: 'Full' },
        },
      },
    ],
  };
}

/**
 * Renders a notification as a Workflows payload carrying an Adaptive Card 1.4 whose serialized body
 * is at most `maxBytes` UTF-8 bytes: trailing alerts give way to an "N more alerts" line first, then
 * long text is clipped.
 */
export function convertToAdaptiveCard(
  notification: NotificationV1,
  maxBytes: number,
): FittedPayload<TeamsWorkflowPayload> {
  return fitPayload(
    (shown, textLimit) => buildAdaptiveCardPayload(notification, shown, textLimit),
    notification.alerts.length,
    maxBytes,
  );
}
