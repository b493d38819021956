import { describe, expect, it } from 'vitest';
import { parseRetryAfter } from './parse-retry-after.js';

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-01-15T09:30:00Z');

  it.each([
    ['3', 3_000],
    ['0', 0],
    [' 120 ', 120_000],
    ['1.5', 1_500],
    ['0.0004', 1],
  ])('reads delay-seconds %j as %i ms', (value, expected) => {
    expect(parseRetryAfter(value, now)).toBe(expected);
  });

  it('reads an HTTP-date as the time left until it', () => {
    expect(parseRetryAfter('Thu, 15 Jan 2026 09:30:07 GMT', now)).toBe(7_000);
  });

  it('gives 0 for an HTTP-date in the past, never a negative delay', () => {
    expect(parseRetryAfter('Thu, 15 Jan 2026 09:29:00 GMT', now)).toBe(0);
  });

  it.each([null, undefined, '', 'soon', '3s'])('gives undefined for %j', (value) => {
    expect(parseRetryAfter(value, now)).toBeUndefined();
  });

  it('measures from Date.now() by default', () => {
    const inTenSeconds = new Date(Date.now() + 10_000).toUTCString();
    const delay = parseRetryAfter(inTenSeconds);
    expect(delay).toBeGreaterThan(8_000);
    expect(delay).toBeLessThanOrEqual(10_000);
  });
});
