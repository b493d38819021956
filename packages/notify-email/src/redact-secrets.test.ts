import { describe, expect, it } from 'vitest';
import { createSecretRedactor } from './redact-secrets.js';

describe('createSecretRedactor', () => {
  const redact = createSecretRedactor('user', 'p@ss wörd');

  it('redacts the password as typed, URL-encoded and base64-encoded, and the AUTH PLAIN token', () => {
    const plain = Buffer.from('\u0000user\u0000p@ss wörd').toString('base64');
    const text = `a p@ss wörd b ${encodeURIComponent('p@ss wörd')} c ${Buffer.from('p@ss wörd').toString('base64')} d ${plain}`;
    expect(redact(text)).toBe('a [REDACTED] b [REDACTED] c [REDACTED] d [REDACTED]');
  });

  it('leaves text alone without a password', () => {
    expect(createSecretRedactor(undefined, undefined)('nothing p@ss')).toBe('nothing p@ss');
  });
});
