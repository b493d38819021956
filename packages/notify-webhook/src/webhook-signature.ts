import { createHmac } from 'node:crypto';
import { sameSecret } from '@mcp-o11y/core';

/** Header carrying `sha256=<hex>`: HMAC-SHA256 over `<timestamp>.<raw body>`. */
export const signatureHeader = 'X-MCP-O11y-Signature';
/** Header carrying the signing time, in Unix seconds; part of the signed string, so it cannot be swapped. */
export const timestampHeader = 'X-MCP-O11y-Timestamp';

/** The signature header value for a body sent with the timestamp header `timestamp` (Unix seconds). */
export function signWebhookPayload(
  secret: string,
  timestamp: string | number,
  body: string | Uint8Array,
): string {
  const hmac = createHmac('sha256', secret);
  hmac.update(`${timestamp}.`);
  hmac.update(body);
  return `sha256=${hmac.digest('hex')}`;
}

/** What {@link verifyWebhookSignature} needs from the request. */
export interface VerifyWebhookSignatureInput {
  /** The shared secret (`signingSecret`). */
  readonly secret: string;
  /** The raw body exactly as received: never a re-serialized JSON object. */
  readonly body: string | Uint8Array;
  /** The `X-MCP-O11y-Timestamp` header. */
  readonly timestamp: string | null | undefined;
  /** The `X-MCP-O11y-Signature` header. */
  readonly signature: string | null | undefined;
  /** Largest accepted clock difference, in seconds; older requests are replays. Default 300. */
  readonly toleranceSeconds?: number;
  /** Current time in ms. Default `Date.now()`. */
  readonly now?: number;
}

/** The outcome of a verification; `reason` says which check failed. */
export type VerifyWebhookSignatureResult =
  | { readonly ok: true }
  | { readonly ok: false; readonly reason: string };

/**
 * Verifies a signed delivery on the receiving side: the timestamp is recent (replay protection) and the
 * HMAC-SHA256 of `<timestamp>.<raw body>` under the shared secret matches, compared in constant time.
 */
export function verifyWebhookSignature(input: VerifyWebhookSignatureInput): VerifyWebhookSignatureResult {
  const timestamp = input.timestamp?.trim() ?? '';
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: 'missing or malformed timestamp' };
  const ageSeconds = Math.abs((input.now ?? Date.now()) / 1000 - Number(timestamp));
  if (ageSeconds > (input.toleranceSeconds ?? 300))
    return { ok: false, reason: 'timestamp outside tolerance' };
  const given = input.signature?.trim() ?? '';
  if (!/^sha256=[0-9a-f]{64}$/.test(given)) return { ok: false, reason: 'missing or malformed signature' };
  const expected = signWebhookPayload(input.secret, timestamp, input.body);
  // Core's one constant-time comparison (SHA-256 digests, so equal lengths whatever was sent).
  return sameSecret(given, expected) ? { ok: true } : { ok: false, reason: 'signature mismatch' };
}
