import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff-delay.js';
import { DEFAULT_DELIVERY_SETTINGS } from './delivery-options.js';

const backoff = DEFAULT_DELIVERY_SETTINGS.backoff;

describe('backoffDelay', () => {
  it('grows by the multiplier from initialMs and stops at maxMs', () => {
    const centre = () => 0.5;
    expect([0, 1, 2, 3, 4, 5, 6, 10].map((retry) => backoffDelay(retry, backoff, centre))).toEqual([
      500, 1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000,
    ]);
  });

  it('spreads each wait by ±jitter and never past maxMs', () => {
    expect(backoffDelay(0, backoff, () => 0)).toBe(400);
    expect(backoffDelay(0, backoff, () => 0.999_999)).toBe(600);
    expect(backoffDelay(9, backoff, () => 0)).toBe(24_000);
    expect(backoffDelay(9, backoff, () => 0.999_999)).toBe(30_000);
  });
});
