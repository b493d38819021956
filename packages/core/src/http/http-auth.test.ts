import * as crypto from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { authChallenge, isAuthorized } from './http-auth.js';

vi.mock('node:crypto', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:crypto')>();
  return { ...actual, timingSafeEqual: vi.fn(actual.timingSafeEqual) };
});

const basic = (user: string, password: string) =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

describe('isAuthorized', () => {
  it('lets everything through without auth', () => {
    expect(isAuthorized(undefined, undefined)).toBe(true);
  });

  it('checks a bearer token, scheme case-insensitively', () => {
    const auth = { bearer: 'scrape-token-123' };
    expect(isAuthorized('Bearer scrape-token-123', auth)).toBe(true);
    expect(isAuthorized('bearer scrape-token-123', auth)).toBe(true);
    for (const header of [
      undefined,
      null,
      '',
      'Bearer',
      'Bearer wrong',
      'Basic scrape-token-123',
      'scrape-token-123',
    ]) {
      expect(isAuthorized(header, auth), String(header)).toBe(false);
    }
  });

  it('checks basic credentials', () => {
    const auth = { basic: { username: 'prom', password: 'pässword:with:colons' } };
    expect(isAuthorized(basic('prom', 'pässword:with:colons'), auth)).toBe(true);
    expect(isAuthorized(basic('prom', 'wrong'), auth)).toBe(false);
    expect(isAuthorized(basic('other', 'pässword:with:colons'), auth)).toBe(false);
    expect(isAuthorized('Bearer pässword:with:colons', auth)).toBe(false);
  });

  it('compares credentials through the constant-time helper, also for a wrong length', () => {
    const compare = vi.mocked(crypto.timingSafeEqual);
    compare.mockClear();
    isAuthorized('Bearer x', { bearer: 'a-much-longer-token' });
    isAuthorized(basic('u', 'p'), { basic: { username: 'user', password: 'longer password' } });
    expect(compare).toHaveBeenCalledTimes(2);
    for (const [left, right] of compare.mock.calls as [Buffer, Buffer][]) {
      expect([left.length, right.length]).toEqual([32, 32]);
    }
  });
});

it('authChallenge names the scheme and a clean realm', () => {
  expect(authChallenge({ bearer: 't' }, 'metrics')).toBe('Bearer realm="metrics"');
  expect(authChallenge({ basic: { username: 'u', password: 'p' } }, 'he"alth')).toBe('Basic realm="health"');
});
