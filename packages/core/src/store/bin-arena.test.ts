import { describe, expect, it } from 'vitest';
import { BinAccumulator } from './bin-accumulator.js';
import { BinArena } from './bin-arena.js';

function binsOf(arena: BinArena, bucket: number): [number, number][] {
  const bins: [number, number][] = [];
  arena.forEachBin(bucket, (key, count) => bins.push([key, count]));
  return bins;
}

describe('BinArena', () => {
  it('keeps each bucket sorted and separate through relocations and compactions', () => {
    const arena = new BinArena(3);
    const expected = [new Map<number, number>(), new Map<number, number>(), new Map<number, number>()];
    // Interleaved growth: every bucket outgrows its segment several times, forcing moves and rebuilds.
    for (let step = 0; step < 600; step += 1) {
      const bucket = step % 3;
      const key = ((step * 7919) % 211) - 100;
      arena.add(bucket, key, 1 + bucket);
      expected[bucket]!.set(key, (expected[bucket]!.get(key) ?? 0) + 1 + bucket);
    }
    for (const [bucket, map] of expected.entries()) {
      expect(binsOf(arena, bucket)).toEqual([...map].sort((a, b) => a[0] - b[0]));
      expect(arena.keyCount(bucket)).toBe(map.size);
    }
  });

  it('clears a bucket without touching the others, and reuses its room', () => {
    const arena = new BinArena(2);
    for (let key = 0; key < 10; key += 1) {
      arena.add(0, key, 1);
      arena.add(1, -key, 2);
    }
    arena.clear(0);
    expect(arena.keyCount(0)).toBe(0);
    arena.add(0, 5, 3);
    expect(binsOf(arena, 0)).toEqual([[5, 3]]);
    expect(binsOf(arena, 1)).toHaveLength(10);
    expect(binsOf(arena, 1)[0]).toEqual([-9, 2]);
  });

  it('reads the key at a rank as DDSketch does: first running count above the rank', () => {
    const arena = new BinArena(1);
    arena.add(0, 10, 2);
    arena.add(0, 20, 3);
    expect(arena.keyAtRank(0, 0)).toBe(10);
    expect(arena.keyAtRank(0, 1.99)).toBe(10);
    expect(arena.keyAtRank(0, 2)).toBe(20);
    expect(arena.keyAtRank(0, 99)).toBe(20);
  });

  it('saturates a bin count instead of wrapping to a negative number', () => {
    const arena = new BinArena(1);
    arena.add(0, 1, 0x7fffffff);
    arena.add(0, 1, 5);
    expect(binsOf(arena, 0)).toEqual([[1, 0x7fffffff]]);
  });
});

describe('BinAccumulator', () => {
  function merged(lowKey: number, highKey: number, quantiles: number[]): number[] {
    const arena = new BinArena(2);
    arena.add(0, lowKey, 1);
    arena.add(0, 0, 2);
    arena.add(1, 0, 1);
    arena.add(1, highKey, 1);
    const accumulator = new BinAccumulator();
    accumulator.begin(lowKey, highKey);
    arena.addTo(0, accumulator);
    arena.addTo(1, accumulator);
    const keys: number[] = [];
    accumulator.keysAtQuantiles(quantiles, 5, keys);
    return keys;
  }

  it('adds counts across buckets and answers every quantile in one scan, densely or sparsely', () => {
    // Ranks 0, 2 and 4 of [low, 0, 0, 0, high].
    expect(merged(-50, 50, [0, 0.5, 1])).toEqual([-50, 0, 50]);
    // A key range too wide for the dense scratch takes the map path and must agree.
    expect(merged(-5_000_000, 5_000_000, [0, 0.5, 1])).toEqual([-5_000_000, 0, 5_000_000]);
  });

  it('leaves the scratch empty for the next merge', () => {
    expect(merged(-50, 50, [0.5])).toEqual([0]);
    const accumulator = new BinAccumulator();
    const arena = new BinArena(1);
    arena.add(0, 3, 1);
    for (let round = 0; round < 3; round += 1) {
      accumulator.begin(-10, 10);
      arena.addTo(0, accumulator);
      const keys: number[] = [];
      accumulator.keysAtQuantiles([0, 1], 1, keys);
      expect(keys).toEqual([3, 3]);
    }
  });
});
