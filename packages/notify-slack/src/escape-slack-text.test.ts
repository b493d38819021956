import { describe, expect, it } from 'vitest';

const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

import { escapeMrkdwn, mrkdwn, mrkdwnLink, plain } from './escape-slack-text.js';

describe('escapeMrkdwn', () => {
  it('escapes exactly & < > (Slack decodes nothing else)', () => {
    expect(escapeMrkdwn(`<!channel> & <@U123> <http://x|y> "'`)).toBe(
      `&lt;!channel&gt; &amp; &lt;@U123&gt; &lt;http://x|y&gt; "'`,
    );
  });
});

describe('truncation', () => {
  it('leaves text inside the limit untouched', () => {
    expect(mrkdwn('a < b', 9)).toBe('a &lt; b');
  });

  it('never cuts an entity in half and marks the cut with …', () => {
    const text = mrkdwn('<<<<<<<<<<', 10);
    expect(text).toBe('&lt;&lt;…');
    expect(text.length).toBeLessThanOrEqual(10);
  });

  it('keeps surrogate pairs and emoji ZWJ sequences whole', () => {
    const raw = 'ab👩🏽‍💻👩🏽‍💻👩🏽‍💻';
    for (let max = 3; max < raw.length; max++) {
      const text = plain(raw, max);
      expect(text.length).toBeLessThanOrEqual(max);
      expect(text).not.toMatch(loneSurrogate);
      // What is kept is a prefix made of whole graphemes.
      expect(raw.startsWith(text.slice(0, -1))).toBe(true);
    }
  });

  it('does not escape plain_text', () => {
    expect(plain('<b>&', 150)).toBe('<b>&');
  });
});

describe('mrkdwnLink', () => {
  it('makes a link for http(s) URLs and escapes the label and control characters', () => {
    expect(mrkdwnLink('https://x.example/a?b=1&c=<2>|3', 'Run<book>')).toBe(
      '<https://x.example/a?b=1&amp;c=%3C2%3E%7C3|Run&lt;book&gt;>',
    );
  });

  it('refuses other schemes, unparsable URLs and URLs over the length budget', () => {
    expect(mrkdwnLink('javascript:alert(1)', 'x')).toBeUndefined();
    expect(mrkdwnLink('not a url', 'x')).toBeUndefined();
    expect(mrkdwnLink(undefined, 'x')).toBeUndefined();
    expect(mrkdwnLink(`https://x.example/${'a'.repeat(100)}`, 'x', 50)).toBeUndefined();
  });
});
