import type { NotificationAlertV1, NotificationV1, SeverityV1 } from '@mcp-o11y/core';
import { mrkdwn, mrkdwnLink, plain } from './escape-slack-text.js';

/** Slack's documented Block Kit limits (`@slack/types` doc comments) that this renderer stays inside. */
export const slackLimits = {
  /** Blocks per message (top-level and attachment blocks together, to be safe). */
  blocks: 50,
  /** Characters of a section's `text`, of a context element and of any mrkdwn text object. */
  sectionText: 3000,
  /** Characters of a header block's plain text. */
  headerText: 150,
  /** Fields per section. */
  fields: 10,
  /** Characters per section field. */
  fieldText: 2000,
  /** Elements per context block. */
  contextElements: 10,
} as const;

/** A Block Kit text object. */
export interface SlackTextObject {
  readonly type: 'plain_text' | 'mrkdwn';
  readonly text: string;
  /** plain_text only: turn `:emoji:` codes into emoji. */
  readonly emoji?: boolean;
  /** mrkdwn only: `true` stops Slack from auto-linking names and parsing mentions in the text. */
  readonly verbatim?: boolean;
}

/** The Block Kit blocks this renderer emits. */
export type SlackBlock =
  | { readonly type: 'header'; readonly text: SlackTextObject }
  | { readonly type: 'section'; readonly text: SlackTextObject; readonly fields?: readonly SlackTextObject[] }
  | { readonly type: 'context'; readonly elements: readonly SlackTextObject[] }
  | { readonly type: 'divider' };

/** The message body shared by incoming webhooks and `chat.postMessage`. */
export interface SlackMessage {
  /** mrkdwn fallback for notifications, screen readers and clients without Block Kit. */
  readonly text: string;
  /** The header: the one line that is visible even when the attachment is collapsed. */
  readonly blocks: readonly SlackBlock[];
  /** One attachment whose `color` is the severity bar and whose blocks hold the details. */
  readonly attachments: readonly [{ readonly color: string; readonly blocks: readonly SlackBlock[] }];
  readonly unfurl_links: false;
  readonly unfurl_media: false;
}

/** Rendering options. */
export interface BlockKitOptions {
  /** Alerts rendered before the "… N more alerts" line. Default 20. */
  readonly maxAlerts?: number;
}

const severityColor: Readonly<Record<SeverityV1, string>> = {
  critical: '#D50000',
  high: '#F57C00',
  medium: '#FBC02D',
  low: '#1E88E5',
};
const resolvedColor = '#2EB67D';
const severityEmoji: Readonly<Record<SeverityV1, string>> = {
  critical: ':red_circle:',
  high: ':large_orange_circle:',
  medium: ':large_yellow_circle:',
  low: ':large_blue_circle:',
};
const resolvedEmoji = ':white_check_mark:';

function statusEmoji(status: NotificationV1['status'], severity: SeverityV1): string {
  return status === 'resolved' ? resolvedEmoji : severityEmoji[severity];
}

function md(text: string): SlackTextObject {
  return { type: 'mrkdwn', text, verbatim: true };
}

function utc(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** Slack's date token: shown in the reader's time zone, with the UTC text as fallback. */
function slackDate(ms: number): string {
  return `<!date^${Math.floor(ms / 1000)}^{date_num} {time_secs}|${utc(ms)}>`;
}

function links(alert: NotificationAlertV1, maxUrlLength = 900): string[] {
  return [
    mrkdwnLink(alert.runbookUrl, 'Runbook', maxUrlLength),
    mrkdwnLink(alert.dashboardUrl, 'Dashboard', maxUrlLength),
  ].filter((link): link is string => link !== undefined);
}

function labelPairs(labels: Readonly<Record<string, string>>, skip: Readonly<Record<string, string>>) {
  return Object.entries(labels)
    .filter(([key, value]) => skip[key] !== value)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** One alert alone: its text, and fields for severity, status, times, value and labels (≤ 10). */
function singleAlertBlocks(notification: NotificationV1, alert: NotificationAlertV1): SlackBlock[] {
  const text = [
    `*${mrkdwn(alert.name, 150)}*`,
    alert.annotations.summary && mrkdwn(alert.annotations.summary, 700),
    alert.annotations.description && mrkdwn(alert.annotations.description, 2000),
  ].filter(Boolean);
  const fields: SlackTextObject[] = [
    md(`*Severity*\n${alert.severity}`),
    md(`*Status*\n${alert.status}`),
    md(`*Started*\n${slackDate(alert.startsAt)}`),
  ];
  if (alert.endsAt !== undefined) fields.push(md(`*Resolved*\n${slackDate(alert.endsAt)}`));
  if (alert.value !== undefined) fields.push(md(`*Value*\n${mrkdwn(String(alert.value), 100)}`));
  // The service is in the context line below; every other label gets a field.
  const labels = labelPairs(alert.labels, { service: notification.service });
  const room = slackLimits.fields - fields.length;
  const shown = labels.length > room ? labels.slice(0, room - 1) : labels;
  for (const [key, value] of shown) fields.push(md(`*${mrkdwn(key, 100)}*\n${mrkdwn(value, 1800)}`));
  if (shown.length < labels.length) fields.push(md(`*…*\n${labels.length - shown.length} more labels`));
  const blocks: SlackBlock[] = [{ type: 'section', text: md(text.join('\n')), fields }];
  const context = [md(`Service *${mrkdwn(notification.service, 200)}*`)];
  const alertLinks = links(alert);
  if (alertLinks.length > 0) context.push(md(alertLinks.join(' · ')));
  blocks.push({ type: 'context', elements: context });
  return blocks;
}

/** One line-group per alert; labels the group shares are shown once, in the summary. */
function groupAlertBlock(notification: NotificationV1, alert: NotificationAlertV1): SlackBlock {
  const own = labelPairs(alert.labels, notification.commonLabels)
    .map(([key, value]) => `${key}=${value}`)
    .join(', ');
  const lines = [
    `${statusEmoji(alert.status, alert.severity)} *${mrkdwn(alert.name, 150)}* · ${alert.severity} · ${alert.status}`,
    alert.annotations.summary && mrkdwn(alert.annotations.summary, 500),
    own && mrkdwn(own, 500),
    links(alert, 400).join(' · '),
  ].filter(Boolean);
  return { type: 'section', text: md(lines.join('\n')) };
}

function groupBlocks(notification: NotificationV1, maxAlerts: number): SlackBlock[] {
  const { alerts } = notification;
  const firing = alerts.filter((alert) => alert.status === 'firing').length;
  const common = labelPairs(notification.commonLabels, {})
    .map(([key, value]) => `${key}=${value}`)
    .join(', ');
  const summary = `*${firing} firing, ${alerts.length - firing} resolved*${common ? ` · ${mrkdwn(common, 2000)}` : ''}`;
  // Header, summary, "more" line and footer around the alerts: never more than 50 blocks in all.
  const shownCount = Math.min(alerts.length, maxAlerts, slackLimits.blocks - 4);
  const blocks: SlackBlock[] = [{ type: 'section', text: md(summary) }];
  for (const alert of alerts.slice(0, shownCount)) blocks.push(groupAlertBlock(notification, alert));
  const hidden = alerts.slice(shownCount);
  if (hidden.length > 0) {
    const hiddenFiring = hidden.filter((alert) => alert.status === 'firing').length;
    blocks.push({
      type: 'context',
      elements: [
        md(
          `… ${hidden.length} more alerts (${hiddenFiring} firing, ${hidden.length - hiddenFiring} resolved) not shown`,
        ),
      ],
    });
  }
  blocks.push({ type: 'context', elements: [md(`Service *${mrkdwn(notification.service, 200)}*`)] });
  return blocks;
}

function fallbackText(notification: NotificationV1): string {
  const first = notification.alerts[0];
  const more = notification.alerts.length > 1 ? ` (+${notification.alerts.length - 1} more)` : '';
  const summary = first?.annotations.summary ? ` — ${mrkdwn(first.annotations.summary, 500)}` : '';
  return `${statusEmoji(notification.status, notification.severity)} ${mrkdwn(notification.title, 300)}${summary}${more}`;
}

/**
 * Renders a notification as a Slack message: a header block with the title, then one attachment whose
 * `color` is the severity (green once resolved) holding the alert blocks, plus the top-level `text`
 * fallback. Every dynamic value is escaped (`& < >`) and cut to Slack's limits; groups larger than
 * `maxAlerts` end with a visible "… N more alerts" line. Pure: same input, same output.
 */
export function convertToBlockKit(notification: NotificationV1, options: BlockKitOptions = {}): SlackMessage {
  const maxAlerts = options.maxAlerts ?? 20;
  const header: SlackBlock = {
    type: 'header',
    text: {
      type: 'plain_text',
      text: plain(
        `${statusEmoji(notification.status, notification.severity)} ${notification.title}`,
        slackLimits.headerText,
      ),
      emoji: true,
    },
  };
  const [only] = notification.alerts;
  const details =
    notification.alerts.length === 1 && only
      ? singleAlertBlocks(notification, only)
      : groupBlocks(notification, maxAlerts);
  const color = notification.status === 'resolved' ? resolvedColor : severityColor[notification.severity];
  return {
    text: fallbackText(notification),
    blocks: [header],
    attachments: [{ color, blocks: details }],
    unfurl_links: false,
    unfurl_media: false,
  };
}
