import { redactValue } from './redact-value.js';

/** Options of {@link preparePayload}. */
export interface PreparePayloadOptions {
  /** Most UTF-8 bytes of the result, the truncation marker included; a positive integer. */
  readonly maxBytes: number;
}

/** A payload ready to be recorded as one attribute. */
export interface PreparedPayload {
  /** Redacted JSON, possibly cut and then ending in `…[truncated N bytes]`. */
  readonly value: string;
  /** Whether bytes were cut. */
  readonly truncated: boolean;
}

/**
 * Turns a tool argument, result or prompt variable into a recordable string: redacts it (see
 * `redactValue`), serialises it as JSON (bigints as decimal strings, `undefined` as `null`) and caps it at
 * `maxBytes` UTF-8 bytes. A cut never splits a code point and ends in `…[truncated N bytes]`, N being the
 * bytes removed; the marker counts against the cap, except when the cap is too small to hold it, in
 * which case the value is cut without one. Redaction runs before the cut, so a cut cannot expose part
 * of a secret that a whole-value pattern would have caught.
 *
 * @throws RangeError when `maxBytes` is not a positive integer.
 */
export function preparePayload(value: unknown, options: PreparePayloadOptions): PreparedPayload {
  const { maxBytes } = options;
  if (!Number.isInteger(maxBytes) || maxBytes <= 0) {
    throw new RangeError(
      `[@mcp-o11y/core] preparePayload: maxBytes must be a positive integer, got ${maxBytes}.`,
    );
  }
  const json = serialise(redactValue(value));
  return truncateUtf8(json, maxBytes);
}

function serialise(value: unknown): string {
  try {
    return (
      JSON.stringify(value, (_key, item: unknown) => (typeof item === 'bigint' ? item.toString() : item)) ??
      'null'
    );
  } catch {
    return '"[Unserializable]"';
  }
}

/** Marker appended to a cut value; `dropped` counts UTF-8 bytes removed. */
export function truncationMarker(dropped: number): string {
  return `…[truncated ${dropped} bytes]`;
}

/**
 * Caps `text` at `maxBytes` UTF-8 bytes, marker included, cutting at a code point boundary. Pure.
 */
export function truncateUtf8(text: string, maxBytes: number): PreparedPayload {
  // Each UTF-16 unit encodes to at most 3 bytes, so short strings need no measuring.
  if (text.length * 3 <= maxBytes) return { value: text, truncated: false };
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length <= maxBytes) return { value: text, truncated: false };
  // The marker for the largest possible count is at least as long as the final one.
  const markerBudget = Buffer.byteLength(truncationMarker(bytes.length));
  const withMarker = maxBytes >= markerBudget;
  let cut = withMarker ? maxBytes - markerBudget : maxBytes;
  // Back up over UTF-8 continuation bytes (10xxxxxx) so the cut lands on the start of a code point.
  while (cut > 0 && ((bytes[cut] as number) & 0xc0) === 0x80) cut--;
  const kept = bytes.subarray(0, cut).toString('utf8');
  return { value: withMarker ? kept + truncationMarker(bytes.length - cut) : kept, truncated: true };
}
