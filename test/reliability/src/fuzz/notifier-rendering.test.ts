import type { NotificationV1 } from '@mcp-o11y/core';
import { convertToEmail } from '@mcp-o11y/notify-email';
import {
  convertToBlockKit,
  type SlackBlock,
  type SlackTextObject,
  slackLimits,
} from '@mcp-o11y/notify-slack';
import { type AdaptiveElement, convertToAdaptiveCard, convertToMessageCard } from '@mcp-o11y/notify-teams';
import { convertToTelegramMessage, telegramMaxTextLength } from '@mcp-o11y/notify-telegram';
import { convertToAlertmanagerPayload } from '@mcp-o11y/notify-webhook';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FULL_RUN, recordSuiteResult } from '../report/suite-result.js';
import {
  emailHtmlProblems,
  headerValueProblems,
  isHttpUrl,
  parseTelegramHtml,
  parseTelegramMarkdownV2,
  slackMrkdwnProblems,
  teamsMarkdownProblems,
} from './channel-markup.js';
import { fuzzRuns } from './fuzz-runs.js';
import {
  hostileNotification,
  INJECTED_TOOL_NAMES,
  notificationsFromEngine,
} from './hostile-notifications.js';
import { prototypeChanges, snapshotPrototypes } from './prototype-guard.js';

// Label values, names and annotations that try to inject Slack mrkdwn, Telegram HTML / MarkdownV2, Teams
// markdown, HTML and email headers, rendered by each notifier package's own formatting functions. Every
// rendering is read back the way the channel reads it: no mention, link, tag or header the renderer did not
// put there itself, every link an http(s) URL, every channel limit respected, no exception.

const TEAMS_MAX_BYTES = 28_000;
/** Largest rendered email accepted (characters of text + HTML), whatever the labels: below the 25 MB most SMTP servers take. */
const EMAIL_MAX_LENGTH = 16 * 1024 * 1024;

function slackProblems(notification: NotificationV1): string[] {
  const message = convertToBlockKit(notification);
  const problems = slackMrkdwnProblems(message.text).map((problem) => `text: ${problem}`);
  const blocks: SlackBlock[] = [...message.blocks, ...(message.attachments[0]?.blocks ?? [])];
  if (blocks.length > slackLimits.blocks) problems.push(`${blocks.length} blocks`);
  const mrkdwn = (where: string, object: SlackTextObject, max: number) => {
    if (object.text.length > max) problems.push(`${where}: ${object.text.length} characters`);
    if (object.type === 'mrkdwn')
      problems.push(...slackMrkdwnProblems(object.text).map((problem) => `${where}: ${problem}`));
  };
  for (const block of blocks) {
    if (block.type === 'header') mrkdwn('header', block.text, slackLimits.headerText);
    if (block.type === 'section') {
      mrkdwn('section', block.text, slackLimits.sectionText);
      if ((block.fields?.length ?? 0) > slackLimits.fields) problems.push('too many fields');
      for (const field of block.fields ?? []) mrkdwn('field', field, slackLimits.fieldText);
    }
    if (block.type === 'context') {
      if (block.elements.length > slackLimits.contextElements) problems.push('too many context elements');
      for (const element of block.elements) mrkdwn('context', element, slackLimits.sectionText);
    }
  }
  return problems;
}

/** Link targets a notification may show: its alerts' URLs that are absolute http(s). */
function allowedLinks(notification: NotificationV1): Set<string> {
  return new Set(
    notification.alerts
      .flatMap((alert) => [alert.runbookUrl, alert.dashboardUrl])
      .filter((url): url is string => url !== undefined && isHttpUrl(url))
      .map((url) => new URL(url).href),
  );
}

function telegramProblems(notification: NotificationV1): string[] {
  const problems: string[] = [];
  const allowed = allowedLinks(notification);
  const options = { chatId: '-1001234567890', silentSeverities: new Set<never>() };
  for (const parseMode of ['HTML', 'MarkdownV2'] as const) {
    const body = convertToTelegramMessage(notification, { ...options, parseMode });
    const parsed = parseMode === 'HTML' ? parseTelegramHtml(body.text) : parseTelegramMarkdownV2(body.text);
    problems.push(...parsed.problems.map((problem) => `${parseMode}: ${problem}`));
    if (parsed.visible.length > telegramMaxTextLength)
      problems.push(`${parseMode}: ${parsed.visible.length} visible characters`);
    for (const link of parsed.links)
      if (!allowed.has(link)) problems.push(`${parseMode}: link to ${JSON.stringify(link)}`);
  }
  const plain = convertToTelegramMessage(notification, { ...options, parseMode: 'plain' });
  if (plain.text.length > telegramMaxTextLength) problems.push(`plain: ${plain.text.length} characters`);
  if ('parse_mode' in plain) problems.push('plain: has a parse_mode');
  return problems;
}

function teamsTexts(elements: readonly AdaptiveElement[]): string[] {
  return elements.flatMap((element) => {
    if (element.type === 'TextBlock') return [element.text];
    if (element.type === 'FactSet') return element.facts.flatMap((fact) => [fact.title, fact.value]);
    return teamsTexts(element.items);
  });
}

function teamsProblems(notification: NotificationV1): string[] {
  const problems: string[] = [];
  const card = convertToAdaptiveCard(notification, TEAMS_MAX_BYTES);
  if (card.bytes > TEAMS_MAX_BYTES) problems.push(`card: ${card.bytes} bytes`);
  const content = card.payload.attachments[0].content;
  for (const text of teamsTexts(content.body))
    problems.push(...teamsMarkdownProblems(text).map((problem) => `card: ${problem}`));
  for (const action of content.actions ?? [])
    if (!isHttpUrl(action.url)) problems.push(`card: action to ${action.url}`);
  const legacy = convertToMessageCard(notification, TEAMS_MAX_BYTES);
  if (legacy.bytes > TEAMS_MAX_BYTES) problems.push(`messagecard: ${legacy.bytes} bytes`);
  for (const section of legacy.payload.sections) {
    const texts = [
      section.activityTitle,
      section.text ?? '',
      ...section.facts.flatMap((fact) => [fact.name, fact.value]),
    ];
    for (const text of texts)
      problems.push(...teamsMarkdownProblems(text).map((problem) => `messagecard: ${problem}`));
  }
  return problems;
}

function emailProblems(notification: NotificationV1): string[] {
  const email = convertToEmail(notification, { messageIdDomain: 'alerts.example.com' });
  const problems = [
    ...headerValueProblems('Subject', email.subject),
    ...headerValueProblems('thread id', email.threadId),
    ...Object.entries(email.headers).flatMap(([name, value]) => headerValueProblems(name, value)),
    ...emailHtmlProblems(email.html),
  ];
  if (email.subject.length > 200) problems.push(`subject of ${email.subject.length} characters`);
  const size = email.html.length + email.text.length;
  if (size > EMAIL_MAX_LENGTH) problems.push(`an email of ${size} characters`);
  return problems;
}

function webhookProblems(notification: NotificationV1): string[] {
  const payload = convertToAlertmanagerPayload(notification, { now: 0 });
  const body = JSON.stringify(payload);
  const parsed = JSON.parse(body) as typeof payload;
  // What a receiver parses back is what was sent: `__proto__` label keys stay keys, nothing is lost.
  return JSON.stringify(parsed) === body ? [] : ['the payload does not survive a JSON round trip'];
}

const CHANNELS = {
  slack: slackProblems,
  telegram: telegramProblems,
  teams: teamsProblems,
  email: emailProblems,
  webhook: webhookProblems,
} as const;

function allProblems(notification: NotificationV1): string[] {
  return Object.entries(CHANNELS).flatMap(([channel, check]) =>
    check(notification).map((problem) => `${channel}: ${problem}`),
  );
}

describe('notifier rendering of hostile notifications', () => {
  it('renders engine notifications whose labels carry every injection safely in every channel', async () => {
    const prototypes = snapshotPrototypes();
    const notifications = await notificationsFromEngine(INJECTED_TOOL_NAMES);
    expect(notifications.length).toBe(INJECTED_TOOL_NAMES.length);
    for (const notification of notifications) {
      expect(allProblems(notification), notification.alerts[0]?.labels['gen_ai.tool.name']).toEqual([]);
    }
    expect(prototypeChanges(prototypes)).toEqual([]);
    recordSuiteResult({
      area: 'fuzz',
      scenario: `notifiers: ${notifications.length} engine notifications with injected labels × 5 channels`,
      faults: notifications.length * Object.keys(CHANNELS).length,
      note: 'no mention, link, tag or header injected; channel limits held',
    });
  });

  it('keeps every channel within its limits for a group of alerts whose every field is 1 MB', async () => {
    const huge = `[x](https://evil.example) <!channel> <b>\r\nBcc: a@evil.example ${'\ud800'}`.repeat(16_000);
    const notifications = await notificationsFromEngine(
      Array.from({ length: 3 }, (_, index) => `${index}${huge}`),
    );
    const [first] = notifications;
    if (first === undefined) throw new Error('the engine sent nothing');
    const alert = first.alerts[0]!;
    const group: NotificationV1 = {
      ...first,
      title: huge,
      service: huge,
      commonLabels: { tool: huge },
      alerts: Array.from({ length: FULL_RUN ? 60 : 20 }, (_, index) => ({
        ...alert,
        name: huge,
        fingerprint: `${index}${huge}`,
        annotations: { summary: huge, description: huge, extra: huge },
      })),
    };
    expect(allProblems(group)).toEqual([]);
    recordSuiteResult({
      area: 'fuzz',
      scenario: `notifiers: ${group.alerts.length} alerts, every field 1 MB of injections × 5 channels`,
      faults: group.alerts.length * 5,
      note: 'Slack/Telegram/Teams within their limits, email under 16 MiB, no injection',
    });
  });

  it('renders fuzzed notifications (every free-text field hostile, up to 60 alerts) safely in every channel', () => {
    const prototypes = snapshotPrototypes();
    let runs = 0;
    fc.assert(
      fc.property(hostileNotification, (notification) => {
        runs += 1;
        expect(allProblems(notification)).toEqual([]);
        expect(prototypeChanges(prototypes)).toEqual([]);
      }),
      { ...fuzzRuns(60, 1_500), endOnFailure: true },
    );
    recordSuiteResult({
      area: 'fuzz',
      scenario: `notifiers: ${runs} fuzzed notifications × 5 channels`,
      faults: runs * Object.keys(CHANNELS).length,
      note: 'Slack, Telegram (HTML, MarkdownV2, plain), Teams (card, MessageCard), email, webhook',
    });
  });
});
