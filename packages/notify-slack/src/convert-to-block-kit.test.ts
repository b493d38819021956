import type { NotificationAlertV1, NotificationV1 } from '@mcp-o11y/core';
import { canonicalNotifications } from '@mcp-o11y/testkit';
import { describe, expect, it } from 'vitest';

const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

import { validateSlackMessage } from '../test/slack-block-kit-validator.js';
import {
  convertToBlockKit,
  type SlackBlock,
  type SlackTextObject,
  slackLimits,
} from './convert-to-block-kit.js';

function texts(blocks: readonly SlackBlock[]): SlackTextObject[] {
  return blocks.flatMap((block) => {
    if (block.type === 'header') return [block.text];
    if (block.type === 'section') return [block.text, ...(block.fields ?? [])];
    if (block.type === 'context') return [...block.elements];
    return [];
  });
}

function allTexts(notification: NotificationV1, maxAlerts?: number): SlackTextObject[] {
  const message = convertToBlockKit(notification, maxAlerts === undefined ? {} : { maxAlerts });
  return [...texts(message.blocks), ...texts(message.attachments[0].blocks)];
}

const base = canonicalNotifications.criticalFiring;
const baseAlert = base.alerts[0]!;

function group(count: number, overrides: Partial<NotificationAlertV1> = {}): NotificationV1 {
  return {
    ...base,
    alerts: Array.from({ length: count }, (_, index) => ({
      ...baseAlert,
      fingerprint: `f${index}`,
      labels: { ...baseAlert.labels, tool: `tool_${index}` },
      ...overrides,
    })),
  };
}

describe('convertToBlockKit', () => {
  it.each(Object.entries(canonicalNotifications))(
    'renders %s inside every Block Kit limit',
    (_, notification) => {
      expect(validateSlackMessage(convertToBlockKit(notification), 'webhook')).toEqual({ problems: [] });
    },
  );

  it('colours the attachment by severity, and green once resolved', () => {
    const color = (notification: NotificationV1) => convertToBlockKit(notification).attachments[0].color;
    expect(color(canonicalNotifications.criticalFiring)).toBe('#D50000');
    expect(color(canonicalNotifications.highFiring)).toBe('#F57C00');
    expect(color(canonicalNotifications.mediumFiring)).toBe('#FBC02D');
    expect(color(canonicalNotifications.lowFiring)).toBe('#1E88E5');
    for (const name of ['lowResolved', 'criticalResolved'] as const) {
      expect(color(canonicalNotifications[name])).toBe('#2EB67D');
    }
  });

  it('always sends the top-level text fallback with the title', () => {
    const message = convertToBlockKit(canonicalNotifications.highFiring);
    expect(message.text).toContain('[FIRING] CircuitBreakerOpen on weather-mcp');
    expect(message.blocks[0]).toMatchObject({ type: 'header' });
  });

  it('shows 20 of a group of 30 and a visible "… 10 more alerts" line', () => {
    const details = convertToBlockKit(canonicalNotifications.groupOfThirty).attachments[0].blocks;
    const alertSections = details.filter((block) => block.type === 'section').length - 1;
    expect(alertSections).toBe(20);
    expect(JSON.stringify(details)).toContain('… 10 more alerts (7 firing, 3 resolved) not shown');
  });

  it('stays at or under 50 blocks with the largest maxAlerts and a huge group', () => {
    const message = convertToBlockKit(group(200), { maxAlerts: 40 });
    const total = message.blocks.length + message.attachments[0].blocks.length;
    expect(total).toBeLessThanOrEqual(slackLimits.blocks);
    expect(JSON.stringify(message)).toContain('… 160 more alerts');
    expect(validateSlackMessage(message, 'webhook').problems).toEqual([]);
  });

  it('cuts over-long text to 3000 per section, 150 per header and 2000 per field, with …', () => {
    const huge = 'x'.repeat(10_000);
    const notification: NotificationV1 = {
      ...base,
      title: `T${huge}`,
      alerts: [
        {
          ...baseAlert,
          name: `N${huge}`,
          annotations: { summary: `S${huge}`, description: `D${huge}` },
          labels: Object.fromEntries(
            Array.from({ length: 30 }, (_, index) => [`label_${index}`, `<${huge}>`]),
          ),
        },
      ],
    };
    const message = convertToBlockKit(notification);
    const header = message.blocks[0] as { text: SlackTextObject };
    expect(header.text.text).toHaveLength(150);
    expect(header.text.text.endsWith('…')).toBe(true);
    const section = message.attachments[0].blocks[0] as unknown as {
      text: SlackTextObject;
      fields: SlackTextObject[];
    };
    expect(section.text.text.length).toBeLessThanOrEqual(3000);
    expect(section.fields).toHaveLength(10);
    expect(section.fields.at(-1)?.text).toMatch(/more labels$/);
    for (const field of section.fields) expect(field.text.length).toBeLessThanOrEqual(2000);
    expect(validateSlackMessage(message, 'webhook').problems).toEqual([]);
  });

  it('cuts the long-text fixture visibly instead of dropping it', () => {
    const section = convertToBlockKit(canonicalNotifications.longText).attachments[0].blocks[0] as {
      text: SlackTextObject;
    };
    expect(section.text.text).toContain('Line 1: get_forecast failed');
    expect(section.text.text).toMatch(/…/);
  });

  it('keeps non-Latin text and emoji whole', () => {
    const json = JSON.stringify(convertToBlockKit(canonicalNotifications.nonLatin));
    expect(json).toContain('工具调用失败率过高');
    expect(json).toContain('👩🏽‍💻');
    expect(json).not.toMatch(loneSurrogate);
  });

  it('sets verbatim on every mrkdwn text so Slack does not auto-parse mentions or channel names', () => {
    for (const name of Object.keys(canonicalNotifications) as (keyof typeof canonicalNotifications)[]) {
      for (const text of allTexts(canonicalNotifications[name])) {
        if (text.type === 'mrkdwn') expect(text.verbatim).toBe(true);
      }
    }
  });

  it('escapes a hostile label so it cannot mention @channel, a user or add a link', () => {
    const hostile = '<!channel> <!here> <@U123> <#C999> <http://evil.example|click here> & more';
    const notification: NotificationV1 = {
      ...group(3, { labels: { tool: hostile }, annotations: { summary: hostile } }),
      title: hostile,
      commonLabels: { owner: hostile },
    };
    for (const message of [
      convertToBlockKit(notification),
      convertToBlockKit({ ...notification, alerts: [notification.alerts[0]!] }),
    ]) {
      const json = JSON.stringify(message);
      for (const injected of ['<!channel>', '<!here>', '<@U123>', '<#C999>', '<http://evil']) {
        // The header is plain_text, which Slack never parses: the only place the raw text may appear.
        const outsideHeader = JSON.stringify({ ...message, blocks: [] });
        expect(outsideHeader).not.toContain(injected);
      }
      expect(json).toContain('&lt;!channel&gt;');
      expect(validateSlackMessage(message, 'webhook').problems).toEqual([]);
    }
  });

  it('drops links that are not http(s) rather than render them', () => {
    const notification: NotificationV1 = {
      ...base,
      alerts: [{ ...baseAlert, runbookUrl: 'javascript:alert(1)', dashboardUrl: 'https://ok.example/d' }],
    };
    const json = JSON.stringify(convertToBlockKit(notification));
    expect(json).not.toContain('javascript:');
    expect(json).toContain('<https://ok.example/d|Dashboard>');
  });
});
