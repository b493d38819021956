import { describe, expect, it } from 'vitest';
import { isAuthorized, wantsOpenMetrics } from './scrape-response.js';

const basic = (user: string, password: string) =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

describe('isAuthorized', () => {
  it('is open without auth', () => expect(isAuthorized(undefined, undefined)).toBe(true));

  it('checks a bearer token', () => {
    const auth = { bearer: 's3cret' };
    expect(isAuthorized('Bearer s3cret', auth)).toBe(true);
    expect(isAuthorized('bearer s3cret', auth)).toBe(true);
    expect(isAuthorized('Bearer s3cre', auth)).toBe(false);
    expect(isAuthorized('Basic s3cret', auth)).toBe(false);
    expect(isAuthorized(undefined, auth)).toBe(false);
  });

  it('checks basic credentials', () => {
    const auth = { basic: { username: 'prom', password: 'pa:ss' } };
    expect(isAuthorized(basic('prom', 'pa:ss'), auth)).toBe(true);
    expect(isAuthorized(basic('prom', 'wrong'), auth)).toBe(false);
    expect(isAuthorized('Bearer pa:ss', auth)).toBe(false);
  });
});

describe('wantsOpenMetrics', () => {
  it("follows Prometheus's Accept header", () => {
    expect(
      wantsOpenMetrics(
        'application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1',
      ),
    ).toBe(true);
    expect(wantsOpenMetrics('text/plain;version=0.0.4')).toBe(false);
    expect(wantsOpenMetrics('application/openmetrics-text;q=0')).toBe(false);
    expect(wantsOpenMetrics(undefined)).toBe(false);
  });
});
