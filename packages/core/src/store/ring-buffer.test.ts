import { describe, expect, it } from 'vitest';
import { RingBuffer } from './ring-buffer.js';

describe('RingBuffer', () => {
  it('returns the newest items first and overwrites the oldest when full, counting each eviction', () => {
    const buffer = new RingBuffer<number>(3);
    expect(buffer.newestFirst()).toEqual([]);
    expect(buffer.push(1)).toBe(false);
    expect(buffer.push(2)).toBe(false);
    expect(buffer.newestFirst()).toEqual([2, 1]);
    buffer.push(3);
    expect(buffer.push(4)).toBe(true);
    expect(buffer.push(5)).toBe(true);
    expect(buffer.newestFirst()).toEqual([5, 4, 3]);
    expect(buffer.size).toBe(3);
    expect(buffer.evicted).toBe(2);
  });

  it('treats the limit as a cap, with nonsense limits giving nothing', () => {
    const buffer = new RingBuffer<string>(4);
    for (const item of ['a', 'b', 'c']) buffer.push(item);
    expect(buffer.newestFirst(2)).toEqual(['c', 'b']);
    expect(buffer.newestFirst(10)).toEqual(['c', 'b', 'a']);
    expect(buffer.newestFirst(1.9)).toEqual(['c']);
    expect(buffer.newestFirst(-1)).toEqual([]);
    expect(buffer.newestFirst(Number.NaN)).toEqual([]);
  });

  it('rejects a capacity that is not a positive integer', () => {
    expect(() => new RingBuffer(0)).toThrow(/positive integer/);
    expect(() => new RingBuffer(2.5)).toThrow(/positive integer/);
  });
});
