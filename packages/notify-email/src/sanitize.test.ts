import { describe, expect, it } from 'vitest';
import { escapeHtml, safeHttpUrl, sanitizeHeaderValue, truncate } from './sanitize.js';

describe('sanitizeHeaderValue', () => {
  it('turns CR, LF, NUL, other controls and line separators into single spaces', () => {
    expect(sanitizeHeaderValue('a\r\nBcc: x\u0000\u0085\u2028\u2029\tb  c')).toBe('a Bcc: x b c');
  });

  it('caps the length without splitting a surrogate pair', () => {
    expect(sanitizeHeaderValue('ab🔥cd', 4)).toBe('ab…');
  });
});

describe('escapeHtml', () => {
  it('escapes the five HTML-significant characters', () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&amp;</a>`)).toBe(
      '&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;',
    );
  });
});

describe('safeHttpUrl', () => {
  it('accepts http(s) and refuses other schemes and garbage', () => {
    expect(safeHttpUrl('https://x.example/a b')).toBe('https://x.example/a%20b');
    expect(safeHttpUrl('http://x.example')).toBe('http://x.example/');
    expect(safeHttpUrl('javascript:alert(1)')).toBeUndefined();
    expect(safeHttpUrl('data:text/html,x')).toBeUndefined();
    expect(safeHttpUrl('not a url')).toBeUndefined();
    expect(safeHttpUrl(undefined)).toBeUndefined();
  });
});

describe('truncate', () => {
  it('keeps short values and marks cut ones', () => {
    expect(truncate('abc', 3)).toBe('abc');
    expect(truncate('abcdef', 4)).toBe('abc…');
  });
});
