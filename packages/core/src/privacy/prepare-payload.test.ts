import { describe, expect, it } from 'vitest';
import { DEFAULT_CAPTURE_MAX_BYTES, shouldCapture } from './capture-options.js';
import { preparePayload, truncateUtf8 } from './prepare-payload.js';

const byteLength = (text: string): number => Buffer.byteLength(text, 'utf8');

describe('preparePayload', () => {
  it('redacts, then serialises as JSON', () => {
    expect(preparePayload({ city: 'Paris', token: 'abc', count: 10n }, { maxBytes: 100 })).toEqual({
      value: '{"city":"Paris","token":"[REDACTED]","count":"10"}',
      truncated: false,
    });
    expect(preparePayload(undefined, { maxBytes: 10 })).toEqual({ value: 'null', truncated: false });
  });

  it('caps at maxBytes including the marker and says how many bytes were cut', () => {
    const text = 'x'.repeat(10_000);
    const { value, truncated } = preparePayload(text, { maxBytes: 100 });
    expect(truncated).toBe(true);
    expect(byteLength(value)).toBeLessThanOrEqual(100);
    const match = /…\[truncated (\d+) bytes\]$/.exec(value);
    expect(match).not.toBeNull();
    const kept = value.slice(0, match?.index);
    // The JSON string is 10 002 bytes with its quotes; kept + cut must add up to it.
    expect(byteLength(kept) + Number(match?.[1])).toBe(10_002);
  });

  it('never splits a code point', () => {
    for (let maxBytes = 40; maxBytes < 60; maxBytes++) {
      // 4-byte emoji and 3-byte CJK characters, so every cut position is tried against a boundary.
      const { value } = preparePayload('😀漢'.repeat(100), { maxBytes });
      expect(byteLength(value)).toBeLessThanOrEqual(maxBytes);
      expect(value).not.toContain('\uFFFD');
      const kept = value.replace(/…\[truncated \d+ bytes\]$/, '');
      expect(Buffer.from(kept, 'utf8').toString('utf8')).toBe(kept);
      expect(/[\uD800-\uDBFF]$/.test(kept)).toBe(false);
    }
  });

  it('redacts before cutting, so a cut cannot reveal the start of a secret', () => {
    const { value } = preparePayload(
      { note: `x ${'y'.repeat(20)} Bearer abcdefgh12345678 ${'z'.repeat(50)}` },
      { maxBytes: 70 },
    );
    expect(value).not.toContain('abcdefgh');
  });

  it('leaves a value that fits untouched and rejects a bad cap', () => {
    expect(truncateUtf8('héllo', 6)).toEqual({ value: 'héllo', truncated: false });
    expect(truncateUtf8('héllo!', 6)).toEqual({ value: 'héllo', truncated: true });
    expect(truncateUtf8('héllo', 2)).toEqual({ value: 'h', truncated: true });
    expect(() => preparePayload('x', { maxBytes: 0 })).toThrow(RangeError);
    expect(() => preparePayload('x', { maxBytes: 1.5 })).toThrow(RangeError);
  });
});

describe('shouldCapture', () => {
  it('is off by default for every kind', () => {
    for (const kind of ['arguments', 'results', 'promptVariables'] as const) {
      expect(shouldCapture(undefined, kind, 'echo')).toBe(false);
      expect(shouldCapture({}, kind, 'echo')).toBe(false);
      expect(shouldCapture({ [kind]: false }, kind, 'echo')).toBe(false);
    }
    expect(DEFAULT_CAPTURE_MAX_BYTES).toBe(4096);
  });

  it('captures everything with true, and only the listed names with an allowlist', () => {
    const options = { arguments: true, results: ['search'], promptVariables: ['summarise'] } as const;
    expect(shouldCapture(options, 'arguments', 'anything')).toBe(true);
    expect(shouldCapture(options, 'results', 'search')).toBe(true);
    expect(shouldCapture(options, 'results', 'echo')).toBe(false);
    expect(shouldCapture(options, 'promptVariables', 'summarise')).toBe(true);
    expect(shouldCapture(options, 'promptVariables', 'search')).toBe(false);
    expect(shouldCapture({ results: [] }, 'results', 'search')).toBe(false);
  });
});
