import { describe, expect, it } from 'vitest';
import { signWebhookPayload, verifyWebhookSignature } from './webhook-signature.js';

const secret = 'whsec-0123456789abcdef';
const now = Date.UTC(2026, 0, 15, 10, 0, 0);
const timestamp = String(now / 1000);
const body = '{"version":"4","status":"firing"}';

describe('webhook signatures', () => {
  it('signs <timestamp>.<body> with HMAC-SHA256 as sha256=<hex>', () => {
    // Reference value from: printf '%s' '1768471200.{"version":"4","status":"firing"}' | openssl dgst -sha256 -hmac whsec-0123456789abcdef
    expect(signWebhookPayload(secret, timestamp, body)).toBe(
      'sha256=e549567c4195bbfaa00d60e3ca2cd8ffa336bae66fe00356af20238b83251d76',
    );
    expect(signWebhookPayload(secret, timestamp, body)).toBe(
      signWebhookPayload(secret, timestamp, Buffer.from(body)),
    );
  });

  it('accepts a fresh, untampered request', () => {
    const signature = signWebhookPayload(secret, timestamp, body);
    expect(verifyWebhookSignature({ secret, body, timestamp, signature, now })).toEqual({ ok: true });
  });

  it.each([
    ['a tampered body', { body: body.replace('firing', 'resolved') }, 'signature mismatch'],
    ['another secret', { secret: 'whsec-other-0123456789' }, 'signature mismatch'],
    ['a swapped timestamp', { timestamp: String(now / 1000 + 1) }, 'signature mismatch'],
    ['a replay 10 minutes later', { now: now + 600_000 }, 'timestamp outside tolerance'],
    ['no timestamp', { timestamp: undefined }, 'missing or malformed timestamp'],
    ['no signature', { signature: null }, 'missing or malformed signature'],
    ['a sha1 signature', { signature: `sha1=${'a'.repeat(40)}` }, 'missing or malformed signature'],
  ])('rejects %s', (_, override, reason) => {
    const signature = signWebhookPayload(secret, timestamp, body);
    expect(verifyWebhookSignature({ secret, body, timestamp, signature, now, ...override })).toEqual({
      ok: false,
      reason,
    });
  });
});
