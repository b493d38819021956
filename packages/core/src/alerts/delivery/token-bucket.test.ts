import { describe, expect, it } from 'vitest';
import { TokenBucket } from './token-bucket.js';

describe('TokenBucket', () => {
  it('allows the burst back to back, then one token per 60000/rate ms', () => {
    const bucket = new TokenBucket(20, 2, 0);
    expect(bucket.take(0)).toBe(0);
    expect(bucket.take(0)).toBe(0);
    expect(bucket.take(0)).toBe(3_000);
    expect(bucket.take(2_999)).toBe(3_000);
    expect(bucket.take(3_000)).toBe(3_000);
    expect(bucket.take(3_000)).toBe(6_000);
  });

  it('refills no further than the burst after a quiet period', () => {
    const bucket = new TokenBucket(60, 3, 0);
    for (let index = 0; index < 3; index += 1) bucket.take(0);
    expect([0, 0, 0, 0].map(() => bucket.take(600_000))).toEqual([600_000, 600_000, 600_000, 601_000]);
  });

  it('never limits at an infinite rate', () => {
    const bucket = new TokenBucket(Number.POSITIVE_INFINITY, 1, 0);
    expect([0, 0, 0].map(() => bucket.take(5))).toEqual([5, 5, 5]);
  });
});
