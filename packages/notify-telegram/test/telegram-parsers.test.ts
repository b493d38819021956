import { describe, expect, it } from 'vitest';
import { parseTelegramHtml } from './parse-telegram-html.js';
import { parseTelegramMarkdownV2 } from './parse-telegram-markdown-v2.js';

// The fake Bot API is only worth something if it refuses what Telegram refuses.
describe('the fake Bot API’s HTML parser', () => {
  it('decodes the four named entities and numeric ones, keeps a bare &, and reports entities in UTF-16 offsets', () => {
    expect(
      parseTelegramHtml(
        '🔥 <b>a &lt;b&gt; &amp; &quot;x&quot; &#65;&#x42; & c</b> <a href="https://e.example/?a=1&amp;b=2">l</a>',
      ),
    ).toEqual({
      text: '🔥 a <b> & "x" AB & c l',
      entities: [
        { type: 'bold', offset: 3, length: 18 },
        { type: 'text_link', offset: 22, length: 1, url: 'https://e.example/?a=1&b=2' },
      ],
    });
  });

  it.each([
    ['rps < 50', /Unsupported start tag "" at byte offset 4/],
    ['<br/>line', /Unsupported start tag "br\/"/],
    ['<div>x</div>', /Unsupported start tag "div"/],
    ['<span>x</span>', /must have class "tg-spoiler"/],
    ['<b>bold', /Can't find end tag corresponding to start tag "b"/],
    ['<b><i>x</b></i>', /Unmatched end tag at byte offset 7, expected "<\/i>", found "<\/b>"/],
    ['x</b>', /Unexpected end tag/],
    ['<b', /Unclosed start tag/],
    ['a &nbsp; b', /Unsupported HTML entity "&nbsp;"/],
    ['<code><b>x</b></code>', /can't be nested in code/],
  ])('refuses %j', (input, description) => {
    expect(() => parseTelegramHtml(input)).toThrow(description);
  });

  it('accepts every supported tag, nested', () => {
    const input =
      '<b>b<i>i<u>u<s>s</s></u></i></b><strong>x</strong><em>x</em><ins>x</ins><strike>x</strike><del>x</del><tg-spoiler>x</tg-spoiler><span class="tg-spoiler">x</span><blockquote>q</blockquote><pre><code class="language-ts">c</code></pre>';
    expect(parseTelegramHtml(input).text).toBe('biusxxxxxxxqc');
  });
});

describe('the fake Bot API’s MarkdownV2 parser', () => {
  it('turns escapes into text and marks into entities', () => {
    expect(
      parseTelegramMarkdownV2(
        '*bold \\* star* _it_ __u__ ~s~ ||sp|| `c\\`o` [l\\]nk](https://e.example/a\\)b) 1\\.5\\!',
      ),
    ).toEqual({
      text: 'bold * star it u s sp c`o l]nk 1.5!',
      entities: [
        { type: 'bold', offset: 0, length: 11 },
        { type: 'italic', offset: 12, length: 2 },
        { type: 'underline', offset: 15, length: 1 },
        { type: 'strikethrough', offset: 17, length: 1 },
        { type: 'spoiler', offset: 19, length: 2 },
        { type: 'code', offset: 22, length: 3 },
        { type: 'text_link', offset: 26, length: 4, url: 'https://e.example/a)b' },
      ],
    });
  });

  it.each(['.', '!', '-', '=', '+', '#', '(', ')', '{', '}', ']', '|'])('refuses an unescaped %s', (char) => {
    expect(() => parseTelegramMarkdownV2(`value ${char} here`)).toThrow(
      `Character '${char}' is reserved and must be escaped with the preceding '\\'`,
    );
  });

  it.each([
    ['*bold', /Can't find end of bold entity/],
    ['_it', /Can't find end of italic entity/],
    ['`code', /Can't find end of code entity/],
    ['*a _b* c_', /Can't find end of italic entity/],
    ['trailing \\', /Character '\\' is reserved/],
    ['a > b', /Character '>' is reserved/],
    ['[text](https://e.example', /Can't find end of a URL/],
  ])('refuses %j', (input, description) => {
    expect(() => parseTelegramMarkdownV2(input)).toThrow(description);
  });

  it('treats only ` and \\ as special inside code', () => {
    expect(parseTelegramMarkdownV2('`a.b_c*d(e)!`').text).toBe('a.b_c*d(e)!');
  });
});
