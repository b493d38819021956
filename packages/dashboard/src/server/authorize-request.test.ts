import { describe, expect, it } from 'vitest';
import {
  assertSafeBinding,
  authorize,
  isLoopbackHost,
  isSameOrigin,
  sessionCookie,
  sessionValue,
} from './authorize-request.js';

describe('isLoopbackHost and assertSafeBinding', () => {
  it('knows loopback addresses', () => {
    for (const host of ['127.0.0.1', '127.0.0.2', 'localhost', '::1', '[::1]', '::ffff:127.0.0.1']) {
      expect(isLoopbackHost(host), host).toBe(true);
    }
    for (const host of ['0.0.0.0', '::', '10.0.0.8', '192.168.1.2', 'example.com', '127.0.0.1.nip.io']) {
      expect(isLoopbackHost(host), host).toBe(false);
    }
  });

  it('needs a token beyond loopback, and with requireToken', () => {
    expect(() => assertSafeBinding('0.0.0.0', undefined)).toThrow(
      /^\[@mcp-o11y\/dashboard\] refusing to listen/,
    );
    expect(() => assertSafeBinding('0.0.0.0', '')).toThrow(/token/);
    expect(() => assertSafeBinding('0.0.0.0', 'secret')).not.toThrow();
    expect(() => assertSafeBinding('127.0.0.1', undefined)).not.toThrow();
    expect(() => assertSafeBinding('127.0.0.1', undefined, true)).toThrow(/requireToken/);
  });
});

describe('authorize', () => {
  const none = { authorization: undefined, cookie: undefined, queryToken: undefined };

  it('lets everything through without a token', () => {
    expect(authorize(none, undefined)).toBe('ok');
  });

  it('accepts the bearer token, the session cookie, and a query token once', () => {
    expect(authorize({ ...none, authorization: 'Bearer s3cret' }, 's3cret')).toBe('ok');
    expect(authorize({ ...none, authorization: 'bearer s3cret' }, 's3cret')).toBe('ok');
    expect(
      authorize({ ...none, cookie: `a=b; mcp_o11y_dashboard=${sessionValue('s3cret')}` }, 's3cret'),
    ).toBe('ok');
    expect(authorize({ ...none, queryToken: 's3cret' }, 's3cret')).toBe('set-cookie');
  });

  it('denies a missing or wrong credential', () => {
    expect(authorize(none, 's3cret')).toBe('denied');
    expect(authorize({ ...none, authorization: 'Bearer s3cre' }, 's3cret')).toBe('denied');
    expect(authorize({ ...none, authorization: 'Basic s3cret' }, 's3cret')).toBe('denied');
    expect(authorize({ ...none, cookie: 'mcp_o11y_dashboard=s3cret' }, 's3cret')).toBe('denied');
    expect(authorize({ ...none, queryToken: '' }, 's3cret')).toBe('denied');
  });

  it('sets an HttpOnly SameSite=Strict cookie that does not hold the token', () => {
    const cookie = sessionCookie('s3cret', '/dashboard');
    expect(cookie).toMatch(/; Path=\/dashboard; HttpOnly; SameSite=Strict$/);
    expect(cookie).not.toContain('s3cret');
  });
});

describe('isSameOrigin', () => {
  it('accepts same-origin browsers and non-browser clients, refuses other sites', () => {
    expect(
      isSameOrigin({ origin: 'http://127.0.0.1:9465', host: '127.0.0.1:9465', secFetchSite: 'same-origin' }),
    ).toBe(true);
    expect(isSameOrigin({ origin: undefined, host: '127.0.0.1:9465', secFetchSite: undefined })).toBe(true);
    expect(
      isSameOrigin({ origin: 'http://evil.example', host: '127.0.0.1:9465', secFetchSite: undefined }),
    ).toBe(false);
    expect(isSameOrigin({ origin: undefined, host: '127.0.0.1:9465', secFetchSite: 'cross-site' })).toBe(
      false,
    );
    expect(isSameOrigin({ origin: 'null', host: '127.0.0.1:9465', secFetchSite: undefined })).toBe(false);
  });
});
