import type { NotificationV1 } from '@mcp-o11y/core';
import { canonicalNotifications } from '@mcp-o11y/testkit';
import { describe, expect, it } from 'vitest';
import { validateWorkflowBody } from '../test/adaptive-card-validator.js';
import {
  type AdaptiveContainer,
  type AdaptiveTextBlock,
  buildAdaptiveCardPayload,
  convertToAdaptiveCard,
  severityColor,
} from './convert-to-adaptive-card.js';
import { convertToMessageCard } from './convert-to-message-card.js';
import { utf8Length } from './format-text.js';

const card = (notification: NotificationV1, maxBytes = 28_000) =>
  convertToAdaptiveCard(notification, maxBytes).payload.attachments[0].content;

const texts = (notification: NotificationV1, maxBytes?: number): string[] =>
  JSON.stringify(card(notification, maxBytes).body)
    .match(/"text":"(?:[^"\\]|\\.)*"/g)!
    .map((match) => JSON.parse(match.slice(7)) as string);

/** Many alerts in non-Latin script: several bytes per UTF-16 unit. */
function bigNonLatinGroup(count: number): NotificationV1 {
  const base = canonicalNotifications.nonLatin;
  const first = base.alerts[0]!;
  return {
    ...base,
    alerts: Array.from({ length: count }, (_, index) => ({
      ...first,
      fingerprint: `${first.fingerprint}:${index}`,
      labels: { ...first.labels, shard: `шард-${index}` },
    })),
  };
}

describe('convertToAdaptiveCard', () => {
  it.each(Object.entries(canonicalNotifications))(
    'renders %s as a valid Adaptive Card 1.4 envelope',
    (_, notification) => {
      const fitted = convertToAdaptiveCard(notification, 28_000);
      expect(validateWorkflowBody(new TextEncoder().encode(fitted.body))).toEqual([]);
      expect(fitted.payload).toMatchObject({
        type: 'message',
        attachments: [
          {
            contentType: 'application/vnd.microsoft.card.adaptive',
            contentUrl: null,
            content: { type: 'AdaptiveCard', version: '1.4' },
          },
        ],
      });
      expect(fitted.bytes).toBe(utf8Length(fitted.body));
    },
  );

  it('uses only named colours, by severity, and good when resolved', () => {
    expect(severityColor('firing', 'critical')).toBe('attention');
    expect(severityColor('firing', 'high')).toBe('attention');
    expect(severityColor('firing', 'medium')).toBe('warning');
    expect(severityColor('firing', 'low')).toBe('accent');
    expect(severityColor('resolved', 'critical')).toBe('good');
    for (const notification of Object.values(canonicalNotifications)) {
      const colors = JSON.stringify(card(notification)).match(/"color":"[^"]*"/g) ?? [];
      for (const color of colors)
        expect(color).toMatch(/"color":"(default|dark|light|accent|good|warning|attention)"/);
    }
    const header = card(canonicalNotifications.criticalResolved).body[0] as AdaptiveTextBlock;
    expect(header.color).toBe('good');
  });

  it('puts the label set, value and times in a FactSet and links to runbook and dashboard', () => {
    const content = card(canonicalNotifications.highResolved);
    const alert = content.body[2] as AdaptiveContainer;
    expect(alert.items.find((item) => item.type === 'FactSet')).toEqual({
      type: 'FactSet',
      facts: [
        { title: 'Labels', value: 'service=weather-mcp, tool=get_forecast' },
        { title: 'Value', value: '2' },
        { title: 'Started', value: '2026-01-15 09:30:00 UTC' },
        { title: 'Resolved', value: '2026-01-15 09:50:00 UTC' },
        { title: 'Fingerprint', value: 'CircuitBreakerOpen:get_forecast' },
      ],
    });
    expect(content.actions).toEqual([
      {
        type: 'Action.OpenUrl',
        title: 'Open runbook',
        url: 'https://runbooks.example.com/mcp/CircuitBreakerOpen',
      },
      {
        type: 'Action.OpenUrl',
        title: 'Open dashboard',
        url: 'https://dashboard.example.com/alerts/CircuitBreakerOpen',
      },
    ]);
  });

  it('drops a link that is not an absolute http(s) URL instead of breaking the card', () => {
    const base = canonicalNotifications.lowFiring;
    const notification = {
      ...base,
      alerts: [{ ...base.alerts[0]!, runbookUrl: 'javascript:alert(1)', dashboardUrl: 'not a url' }],
    };
    const content = card(notification);
    expect(content.actions).toBeUndefined();
    expect(JSON.stringify(content)).not.toContain('javascript:');
  });

  it('passes markup through as text: no HTML conversion (Teams would show HTML literally)', () => {
    expect(texts(canonicalNotifications.markup)).toContain('Summary <b>&*_[]\u200B()~`>#+-=|{}.!');
  });

  it('never lets alert text become a markdown link, in the card or the MessageCard', () => {
    // Found by the reliability suite: a label `[Reset password](https://evil.example)` rendered as a link.
    const base = canonicalNotifications.lowFiring;
    const injected = '[Reset password](https://evil.example) ![x](https://evil.example/x.png)';
    const notification: NotificationV1 = {
      ...base,
      title: injected,
      commonLabels: { tool: injected },
      alerts: [
        {
          ...base.alerts[0]!,
          name: injected,
          labels: { tool: injected },
          annotations: { summary: injected, description: `${injected}!`, note: injected },
        },
      ],
    };
    const rendered = [
      JSON.stringify(card(notification).body),
      JSON.stringify(convertToMessageCard(notification, 28_000).payload.sections),
    ];
    for (const json of rendered) {
      const withoutOwnLinks = json.replace(/\[(?:Runbook|Dashboard)\]\(https:[^)]*\)/g, '');
      expect(withoutOwnLinks).not.toMatch(/\]\(/);
      expect(withoutOwnLinks).toContain('[Reset password]\u200B(https://evil.example)');
    }
    // A runbook URL with parentheses keeps the whole URL inside the link target.
    const wiki = {
      ...notification,
      alerts: [{ ...notification.alerts[0]!, runbookUrl: 'https://wiki.example/Outage_(database)' }],
    };
    expect(texts(wiki)).toContain(
      '[Runbook](https://wiki.example/Outage_%28database%29) · [Dashboard](https://dashboard.example.com/alerts/ToolLatencyRising)',
    );
    // The renderer's own links still work.
    expect(texts(notification)).toContain(
      '[Runbook](https://runbooks.example.com/mcp/ToolLatencyRising) · [Dashboard](https://dashboard.example.com/alerts/ToolLatencyRising)',
    );
  });
});

describe('the 28 KB limit (UTF-8 bytes of the whole body)', () => {
  it('keeps everything when it fits: groupOfThirty, longText and nonLatin under 28 000 bytes', () => {
    for (const name of ['groupOfThirty', 'longText', 'nonLatin'] as const) {
      const fitted = convertToAdaptiveCard(canonicalNotifications[name], 28_000);
      expect(fitted.omittedAlerts, name).toBe(0);
      expect(fitted.textLimit, name).toBeUndefined();
      expect(fitted.bytes, name).toBeLessThanOrEqual(28_000);
    }
  });

  it('drops trailing alerts of groupOfThirty and says how many with an "N more alerts" TextBlock', () => {
    const fitted = convertToAdaptiveCard(canonicalNotifications.groupOfThirty, 8_000);
    expect(fitted.bytes).toBeLessThanOrEqual(8_000);
    expect(fitted.omittedAlerts).toBeGreaterThan(0);
    const body = fitted.payload.attachments[0].content.body;
    const shown = body.filter((element) => element.type === 'Container');
    expect(shown).toHaveLength(30 - fitted.omittedAlerts);
    const last = body.at(-1) as AdaptiveTextBlock;
    expect(last.text).toMatch(
      new RegExp(`^…and ${fitted.omittedAlerts} more alerts \\(\\d+ firing, 3 resolved\\) not shown`),
    );
    // The first alerts are kept, in order: only trailing detail goes.
    expect(JSON.stringify(shown[0])).toContain('tool=tool_01');
    // Bisection found the largest count: one more alert would not fit.
    const oneMore = buildAdaptiveCardPayload(
      canonicalNotifications.groupOfThirty,
      31 - fitted.omittedAlerts,
      Number.POSITIVE_INFINITY,
    );
    expect(utf8Length(JSON.stringify(oneMore))).toBeGreaterThan(8_000);
  });

  it('clips long text of a single alert at a grapheme boundary when the alert alone is too big', () => {
    const fitted = convertToAdaptiveCard(canonicalNotifications.longText, 3_000);
    expect(fitted.bytes).toBeLessThanOrEqual(3_000);
    expect(fitted.omittedAlerts).toBe(0);
    expect(fitted.textLimit).toBeGreaterThan(100);
    expect(
      texts(canonicalNotifications.longText, 3_000).some(
        (text) => text.startsWith('Line 1:') && text.endsWith('…'),
      ),
    ).toBe(true);
  });

  it('counts bytes, not characters: a nonLatin group that fits in characters is still trimmed', () => {
    // The smallest group whose body is over 28 000 bytes is still under 28 000 characters.
    let count = 1;
    const whole = (size: number) =>
      JSON.stringify(buildAdaptiveCardPayload(bigNonLatinGroup(size), size, Number.POSITIVE_INFINITY));
    while (utf8Length(whole(count)) <= 28_000) count += 1;
    expect(whole(count).length).toBeLessThanOrEqual(28_000);
    const group = bigNonLatinGroup(count);
    const fitted = convertToAdaptiveCard(group, 28_000);
    expect(fitted.omittedAlerts).toBeGreaterThan(0);
    expect(fitted.bytes).toBeLessThanOrEqual(28_000);
    expect(validateWorkflowBody(new TextEncoder().encode(fitted.body))).toEqual([]);
  });

  it('never splits a surrogate pair or an emoji sequence when clipping multi-byte text', () => {
    const base = canonicalNotifications.nonLatin;
    const alert = base.alerts[0]!;
    const description = '👩🏽‍💻🔥工具'.repeat(2_000);
    const notification = {
      ...base,
      alerts: [{ ...alert, annotations: { ...alert.annotations, description } }],
    };
    for (const maxBytes of [2_000, 2_001, 2_003, 5_000, 9_999]) {
      const fitted = convertToAdaptiveCard(notification, maxBytes);
      expect(fitted.bytes).toBeLessThanOrEqual(maxBytes);
      expect(fitted.body).not.toMatch(
        /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/,
      );
      const clipped = texts(notification, maxBytes).find((text) => text.startsWith('👩'));
      if (clipped) expect(clipped).toMatch(/^(👩🏽‍💻🔥工具)*(👩🏽‍💻|👩🏽‍💻🔥|👩🏽‍💻🔥工)?…$/u);
    }
  });

  it('fits a pathological notification (huge title and labels) under the cap', () => {
    const base = canonicalNotifications.criticalFiring;
    const huge = 'Ж'.repeat(50_000);
    const notification = {
      ...base,
      title: huge,
      commonLabels: { big: huge },
      alerts: [{ ...base.alerts[0]!, name: huge }],
    };
    const fitted = convertToAdaptiveCard(notification, 2_000);
    expect(fitted.bytes).toBeLessThanOrEqual(2_000);
    expect(validateWorkflowBody(new TextEncoder().encode(fitted.body))).toEqual([]);
  });
});

describe('convertToMessageCard (retired format, explicit request only)', () => {
  it('renders the legacy MessageCard shape, which the Workflows validator refuses', () => {
    const fitted = convertToMessageCard(canonicalNotifications.criticalFiring, 28_000);
    expect(fitted.payload).toMatchObject({
      '@type': 'MessageCard',
      '@context': 'http://schema.org/extensions',
      themeColor: 'D13438',
    });
    expect(validateWorkflowBody(new TextEncoder().encode(fitted.body))[0]).toMatch(
      /body.type must be "message"/,
    );
  });

  it('applies the same byte cap', () => {
    const fitted = convertToMessageCard(canonicalNotifications.groupOfThirty, 6_000);
    expect(fitted.bytes).toBeLessThanOrEqual(6_000);
    expect(fitted.payload.sections.at(-1)?.activityTitle).toBe(
      `…and ${fitted.omittedAlerts} more alerts not shown`,
    );
  });
});
