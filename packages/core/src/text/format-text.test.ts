import { describe, expect, it } from 'vitest';
import { formatMeasuredValue } from './format-measured-value.js';
import { formatUtcTime } from './format-utc-time.js';
import { safeHttpUrl } from './safe-http-url.js';

describe('formatUtcTime', () => {
  it('formats to the second, in UTC', () => {
    expect(formatUtcTime(Date.parse('2026-01-15T09:30:00.987Z'))).toBe('2026-01-15 09:30:00 UTC');
  });
});

describe('formatMeasuredValue', () => {
  it.each([
    [3, '3'],
    [0.1 + 0.2, '0.3'],
    [1234.56789, '1234.57'],
    [0.000123456789, '0.000123457'],
    [-2.5, '-2.5'],
  ])('%d reads %s', (value, expected) => {
    expect(formatMeasuredValue(value)).toBe(expected);
  });
});

describe('safeHttpUrl', () => {
  it('keeps absolute http(s) URLs, normalised', () => {
    expect(safeHttpUrl('https://grafana.example.test/d/abc?x=1')).toBe(
      'https://grafana.example.test/d/abc?x=1',
    );
    expect(safeHttpUrl('HTTP://Example.test')).toBe('http://example.test/');
  });

  it.each([
    undefined,
    '',
    '/relative/path',
    'not a url',
    'javascript:alert(1)',
    'file:///etc/passwd',
    'mailto:a@b.c',
  ])('drops %j', (url) => {
    expect(safeHttpUrl(url)).toBeUndefined();
  });
});
