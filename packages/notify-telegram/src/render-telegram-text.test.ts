import { describe, expect, it } from 'vitest';
import { parseTelegramHtml } from '../test/parse-telegram-html.js';
import { parseTelegramMarkdownV2 } from '../test/parse-telegram-markdown-v2.js';
import type { Segment } from './message-segments.js';
import {
  escapeHtml,
  escapeMarkdownV2,
  renderHtml,
  renderMarkdownV2,
  renderPlain,
} from './render-telegram-text.js';

// Every ASCII character 1–126 (the ones MarkdownV2 lets you escape), plus HTML look-alikes and emoji.
const everyAscii = Array.from({ length: 126 }, (_, index) => String.fromCharCode(index + 1)).join('');
const hostile = [
  everyAscii,
  '<b>&*_[]()~`>#+-=|{}.!',
  '&lt; &amp;amp; &nbsp; </b> <a href="x">',
  '\\\\`\\`',
  '🔥 👩🏽‍💻 工具 ошибка',
  '__x__ **y** ||z||',
];

const parsers = {
  HTML: { render: renderHtml, parse: parseTelegramHtml },
  MarkdownV2: { render: renderMarkdownV2, parse: parseTelegramMarkdownV2 },
} as const;

describe.each(Object.entries(parsers))(
  '%s rendering round-trips through Telegram’s parser',
  (_, { render, parse }) => {
    it.each(hostile.map((text) => [text.slice(0, 24), text]))('text %j', (_label, text) => {
      const segments: Segment[] = [
        { kind: 'text', text, style: 'plain' },
        { kind: 'text', text, style: 'bold' },
        { kind: 'text', text, style: 'italic' },
        { kind: 'text', text, style: 'code' },
        { kind: 'link', text, url: 'https://example.com/a_(b)?c=1&d=<e>\\' },
      ];
      const parsed = parse(render(segments));
      expect(parsed.text).toBe(text.repeat(5));
      expect(parsed.entities.map((entity) => [entity.type, entity.offset, entity.length])).toEqual([
        ['bold', text.length, text.length],
        ['italic', text.length * 2, text.length],
        ['code', text.length * 3, text.length],
        ['text_link', text.length * 4, text.length],
      ]);
      expect(parsed.entities[3]?.url).toBe(new URL('https://example.com/a_(b)?c=1&d=<e>\\').href);
    });

    it('skips empty styled runs (an empty entity would be refused)', () => {
      const rendered = render([
        { kind: 'text', text: '', style: 'bold' },
        { kind: 'text', text: 'x', style: 'plain' },
      ]);
      expect(parse(rendered).text).toBe('x');
    });
  },
);

describe('escapers', () => {
  it('HTML escapes exactly < > &', () => {
    expect(escapeHtml(`<>&"'*_`)).toBe(`&lt;&gt;&amp;"'*_`);
  });

  it('MarkdownV2 escapes the 18 reserved characters and the backslash, nothing else', () => {
    const escaped = escapeMarkdownV2(everyAscii);
    const needing = new Set('_*[]()~`>#+-=|{}.!\\');
    for (const char of everyAscii) expect(escaped.includes(`\\${char}`), char).toBe(needing.has(char));
  });

  it('a naive escaper is caught by the parser: unescaped "." in a value fails', () => {
    expect(() => parseTelegramMarkdownV2(`*${'10.0.0.1:9100'}*`)).toThrow(/Character '\.' is reserved/);
  });

  it('plain rendering shows links as "text: url"', () => {
    expect(renderPlain([{ kind: 'link', text: 'Runbook', url: 'https://r.example' }])).toBe(
      'Runbook: https://r.example',
    );
  });
});
