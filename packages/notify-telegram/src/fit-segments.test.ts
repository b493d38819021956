import type { NotificationV1 } from '@mcp-o11y/core';
import { canonicalNotifications } from '@mcp-o11y/testkit';
import { describe, expect, it } from 'vitest';
import { parseTelegramHtml } from '../test/parse-telegram-html.js';
import { parseTelegramMarkdownV2 } from '../test/parse-telegram-markdown-v2.js';
import { convertToTelegramMessage, fittedSegments } from './convert-to-telegram-message.js';
import { fitSegments, telegramMaxTextLength } from './fit-segments.js';
import { buildMessageSegments, type Segment, visibleText } from './message-segments.js';
import { renderHtml } from './render-telegram-text.js';

const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const options = { chatId: '-1001234567890123', silentSeverities: new Set(['low'] as const) };

function withDescription(
  description: string,
  base: NotificationV1 = canonicalNotifications.nonLatin,
): NotificationV1 {
  const alert = base.alerts[0]!;
  return { ...base, alerts: [{ ...alert, annotations: { ...alert.annotations, description } }] };
}

describe('the 4096-character budget, spent on plain text before markup', () => {
  it.each(['HTML', 'MarkdownV2'] as const)(
    '%s: every canonical notification parses to at most 4096 visible characters',
    (parseMode) => {
      const parse = parseMode === 'HTML' ? parseTelegramHtml : parseTelegramMarkdownV2;
      for (const [name, notification] of Object.entries(canonicalNotifications)) {
        const { text } = convertToTelegramMessage(notification, { ...options, parseMode });
        const parsed = parse(text);
        expect(parsed.text.length, name).toBeLessThanOrEqual(telegramMaxTextLength);
        expect(parsed.text, name).toBe(visibleText(fittedSegments(notification, parseMode)));
      }
    },
  );

  it('longText: the description is clipped with … and the markup stays intact', () => {
    const { text } = convertToTelegramMessage(canonicalNotifications.longText, {
      ...options,
      parseMode: 'HTML',
    });
    const parsed = parseTelegramHtml(text); // nothing was cut inside the markup
    expect(parsed.text.length).toBeLessThanOrEqual(telegramMaxTextLength);
    expect(parsed.text.length).toBeGreaterThan(telegramMaxTextLength - 60); // and the budget was used
    expect(parsed.text).toMatch(/\nLine \d+:[^\n]*…$/);
  });

  it('groupOfThirty: whole trailing alerts are dropped and counted in an "N more alerts" line', () => {
    const fitted = fitSegments(buildMessageSegments(canonicalNotifications.groupOfThirty), 30);
    const text = visibleText(fitted.segments);
    expect(fitted.omittedAlerts).toBeGreaterThan(0);
    expect(text.endsWith(`…and ${fitted.omittedAlerts} more alerts not shown`)).toBe(true);
    expect(text.length).toBeLessThanOrEqual(telegramMaxTextLength);
    // Every shown alert is named; the last shown one is the alert before the first omitted one.
    expect(text.match(/ServerDown \(critical/g)).toHaveLength(30 - fitted.omittedAlerts);
  });

  it('nonLatin fits untouched: the limit counts UTF-16 units, not bytes', () => {
    const fitted = fitSegments(buildMessageSegments(canonicalNotifications.nonLatin), 1);
    expect(fitted.truncated).toBe(false);
  });

  it('never splits a surrogate pair or emoji sequence at the boundary, whatever the offset', () => {
    for (let padding = 0; padding < 12; padding++) {
      const notification = withDescription(`${'x'.repeat(padding)}${'👩🏽‍💻🔥工'.repeat(1_000)}`);
      for (const parseMode of ['HTML', 'MarkdownV2'] as const) {
        const { text } = convertToTelegramMessage(notification, { ...options, parseMode });
        const visible = (parseMode === 'HTML' ? parseTelegramHtml : parseTelegramMarkdownV2)(text).text;
        expect(visible).not.toMatch(loneSurrogate);
        expect(visible.length).toBeLessThanOrEqual(telegramMaxTextLength);
        expect(visible).toMatch(/(👩🏽‍💻|🔥|工)…$/u);
      }
    }
  });

  it('uses the whole budget: exactly 4096 visible characters is not cut, 4097 is', () => {
    const segment = (length: number): Segment[] => [
      { kind: 'text', text: 'a'.repeat(length), style: 'bold', alert: 0 },
    ];
    expect(fitSegments(segment(4096), 1).truncated).toBe(false);
    const cut = fitSegments(segment(4097), 1);
    expect(cut.truncated).toBe(true);
    expect(visibleText(cut.segments).length).toBeLessThanOrEqual(4096);
  });

  it('cutting the rendered markup instead (the classic bug) is refused by the parser', () => {
    const html = renderHtml(buildMessageSegments(canonicalNotifications.groupOfThirty));
    let refused = 0;
    for (let cut = 4_000; cut < 4_300; cut++) {
      try {
        parseTelegramHtml(html.slice(0, cut));
      } catch {
        refused++;
      }
    }
    expect(refused).toBeGreaterThan(100);
  });
});
