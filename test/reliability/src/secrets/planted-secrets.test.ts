import { describe, expect, it } from 'vitest';
import { formsOf, plantSecrets, scanForSecrets } from './planted-secrets.ts';

describe('scanForSecrets', () => {
  const secrets = { token: 'tok_Zq81ha0PbX7mWcE3uYd2', password: 'p@ss word/+=' };

  it('finds a secret as is, URL-encoded and base64 at any alignment, in text and in bytes', () => {
    const basic = `Basic ${Buffer.from(`user:${secrets.password}`).toString('base64')}`;
    const texts = [
      { where: 'log', text: `failed with ${secrets.token} in it` },
      { where: 'url', text: `https://x/?p=${encodeURIComponent(secrets.password)}` },
      { where: 'header', text: basic },
      { where: 'protobuf', text: Buffer.concat([Buffer.from([0x0a, 0x1f]), Buffer.from(secrets.token)]) },
      ...[0, 1, 2].map((offset) => ({
        where: `base64 +${offset}`,
        text: Buffer.from(`${'x'.repeat(offset)}${secrets.token}!`).toString('base64url'),
      })),
    ];
    const hits = scanForSecrets(texts, secrets);
    expect(hits.map((hit) => `${hit.where}:${hit.secret}:${hit.form}`)).toEqual([
      'log:token:as is',
      'url:password:URL-encoded',
      'header:password:base64',
      'protobuf:token:as is',
      'base64 +0:token:base64',
      'base64 +1:token:base64',
      'base64 +2:token:base64',
    ]);
    expect(hits[0]?.context).toBe('failed with <token> in it');
  });

  it('finds nothing in redacted text, and skips the places a secret is allowed', () => {
    expect(scanForSecrets([{ where: 'log', text: 'Bearer [REDACTED] tok_Zq81' }], secrets)).toEqual([]);
    expect(
      scanForSecrets(
        [{ where: 'auth header', text: `Bearer ${secrets.token}`, allowed: ['token'] }],
        secrets,
      ),
    ).toEqual([]);
  });

  it('plants distinct secrets each run, each with several forms', () => {
    const first = plantSecrets();
    const second = plantSecrets();
    for (const [name, value] of Object.entries(first)) {
      expect(value, name).not.toBe(second[name as keyof typeof second]);
      expect(formsOf(value).length, name).toBeGreaterThanOrEqual(4);
    }
  });
});
