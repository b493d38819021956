import { describe, expect, it } from 'vitest';
import { redactDeliveryResult, redactKnownSecrets } from './redact-known-secrets.js';

describe('redactKnownSecrets', () => {
  const url = 'https://hooks.example.test/services/T0/B0/abc?x=1&y=2';

  it('replaces each secret as given and URL-encoded', () => {
    const text = `posting to ${url} failed; proxy saw ${encodeURIComponent(url)}`;
    expect(redactKnownSecrets(text, [url])).toBe('posting to [REDACTED] failed; proxy saw [REDACTED]');
  });

  it('replaces a secret that contains another one whole', () => {
    expect(redactKnownSecrets('token abc123xyz', ['abc', 'abc123xyz'])).toBe('token [REDACTED]');
  });

  it('replaces every occurrence', () => {
    expect(redactKnownSecrets('s3cret and s3cret', ['s3cret'])).toBe('[REDACTED] and [REDACTED]');
  });

  it('ignores empty secrets and leaves other text alone', () => {
    expect(redactKnownSecrets('nothing secret here', ['', 'absent'])).toBe('nothing secret here');
    expect(redactKnownSecrets('abc', [])).toBe('abc');
  });
});

describe('redactDeliveryResult', () => {
  it('redacts the reason of a retryable or failed result and keeps the rest', () => {
    expect(
      redactDeliveryResult({ status: 'retryable', reason: 'HTTP 429 from s3cret', retryAfterMs: 1_000 }, [
        's3cret',
      ]),
    ).toEqual({ status: 'retryable', reason: 'HTTP 429 from [REDACTED]', retryAfterMs: 1_000 });
    expect(redactDeliveryResult({ status: 'failed', reason: 's3cret rejected' }, ['s3cret'])).toEqual({
      status: 'failed',
      reason: '[REDACTED] rejected',
    });
  });

  it('returns a delivered result as is', () => {
    const delivered = { status: 'delivered', id: 's3cret' } as const;
    expect(redactDeliveryResult(delivered, ['s3cret'])).toBe(delivered);
  });
});
