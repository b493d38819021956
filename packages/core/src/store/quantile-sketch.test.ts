import { describe, expect, it } from 'vitest';
import { MAX_SKETCH_VALUE, MIN_SKETCH_VALUE, QuantileSketch } from './quantile-sketch.js';
import { SlidingWindow } from './sliding-window.js';

/** Mulberry32: a tiny seeded PRNG, so every run checks the same values. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function normal(random: () => number): number {
  // Box-Muller; 1 - random() keeps the logarithm's argument in (0, 1].
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

const SAMPLES = 100_000;
const distributions: Record<string, (random: () => number) => number> = {
  uniform: (random) => 0.001 + random() * 2,
  logNormal: (random) => Math.exp(-3 + 1.5 * normal(random)),
  bimodal: (random) =>
    random() < 0.8 ? Math.abs(0.01 + 0.002 * normal(random)) : Math.abs(1.5 + 0.3 * normal(random)),
};

function sample(name: string, seed: number): number[] {
  const draw = distributions[name]!;
  const random = seededRandom(seed);
  return Array.from({ length: SAMPLES }, () => draw(random));
}

/** The exact lower quantile, the definition the sketch's guarantee is stated with. */
function exactQuantile(sorted: readonly number[], q: number): number {
  return sorted[Math.floor(q * (sorted.length - 1))]!;
}

const QUANTILES = [0.001, 0.25, 0.5, 0.75, 0.95, 0.99, 0.999];

function expectWithinRelativeError(
  actual: number | undefined,
  exact: number,
  relativeAccuracy: number,
): void {
  expect(actual).toBeDefined();
  // The epsilon only absorbs floating-point rounding at the exact edge of a bin.
  expect(Math.abs(actual! - exact)).toBeLessThanOrEqual(relativeAccuracy * exact * (1 + 1e-9) + 1e-15);
}

describe('QuantileSketch', () => {
  for (const [index, name] of Object.keys(distributions).entries()) {
    it(`keeps every quantile of a ${name} sample within the relative accuracy`, () => {
      const values = sample(name, 42 + index);
      const sketch = new QuantileSketch(0.01);
      for (const value of values) sketch.add(value);
      const sorted = [...values].sort((a, b) => a - b);

      expect(sketch.count).toBe(SAMPLES);
      expect(sketch.min).toBe(sorted[0]);
      expect(sketch.max).toBe(sorted[SAMPLES - 1]);
      for (const q of QUANTILES)
        expectWithinRelativeError(sketch.quantile(q), exactQuantile(sorted, q), 0.01);
    });
  }

  it('is no more accurate than promised, so the bound above is what the tests check', () => {
    const values = sample('logNormal', 7);
    const sorted = [...values].sort((a, b) => a - b);
    const coarse = new QuantileSketch(0.05);
    for (const value of values) coarse.add(value);
    const errors = QUANTILES.map((q) => {
      const exact = exactQuantile(sorted, q);
      return Math.abs(coarse.quantile(q)! - exact) / exact;
    });
    expect(Math.max(...errors)).toBeLessThanOrEqual(0.05 * (1 + 1e-9));
    expect(Math.max(...errors)).toBeGreaterThan(0.01);
  });

  it('keeps the guarantee across merges', () => {
    const values = sample('bimodal', 99);
    const parts = [new QuantileSketch(), new QuantileSketch(), new QuantileSketch()];
    for (const [index, value] of values.entries()) parts[index % 3]!.add(value);
    const merged = new QuantileSketch();
    for (const part of parts) merged.merge(part);
    const sorted = [...values].sort((a, b) => a - b);

    expect(merged.count).toBe(SAMPLES);
    for (const q of QUANTILES) expectWithinRelativeError(merged.quantile(q), exactQuantile(sorted, q), 0.01);
    expect(parts[0]!.count).toBe(Math.ceil(SAMPLES / 3));
  });

  it('clamps zero, negative, NaN and huge values into the supported range', () => {
    const sketch = new QuantileSketch();
    for (const value of [0, -5, Number.NaN, Number.POSITIVE_INFINITY, 1e12]) sketch.add(value);
    expect(sketch.min).toBe(MIN_SKETCH_VALUE);
    expect(sketch.max).toBe(MAX_SKETCH_VALUE);
    expect(sketch.quantile(0)).toBe(MIN_SKETCH_VALUE);
    expect(sketch.quantile(1)).toBe(MAX_SKETCH_VALUE);
    expect(sketch.sum).toBe(3 * MIN_SKETCH_VALUE + 2 * MAX_SKETCH_VALUE);
  });

  it('answers undefined when empty or for a quantile outside [0, 1]', () => {
    const sketch = new QuantileSketch();
    expect(sketch.quantile(0.5)).toBeUndefined();
    expect(sketch.min).toBeUndefined();
    sketch.add(1);
    expect(sketch.quantile(1.5)).toBeUndefined();
    expect(sketch.quantile(0.5)).toBe(1);
  });

  it('forgets everything on reset and works again afterwards', () => {
    const sketch = new QuantileSketch();
    for (let value = 1; value <= 1000; value += 1) sketch.add(value);
    sketch.reset();
    expect(sketch.count).toBe(0);
    expect(sketch.quantile(0.5)).toBeUndefined();
    sketch.add(0.002);
    sketch.add(0.004);
    expect(sketch.count).toBe(2);
    expect(sketch.max).toBe(0.004);
    expectWithinRelativeError(sketch.quantile(1), 0.004, 0.01);
    expectWithinRelativeError(sketch.quantile(0), 0.002, 0.01);
  });

  it('rejects a relative accuracy outside (0, 1)', () => {
    expect(() => new QuantileSketch(0)).toThrow(/relativeAccuracy/);
    expect(() => new QuantileSketch(1)).toThrow(/relativeAccuracy/);
    expect(() => new QuantileSketch(Number.NaN)).toThrow(/relativeAccuracy/);
  });
});

describe('SlidingWindow quantiles', () => {
  it('keeps the guarantee at a fine accuracy whose key range needs the sparse merge', () => {
    const window = new SlidingWindow({ bucketSeconds: 10, retentionSeconds: 60, relativeAccuracy: 1e-5 });
    const values = sample('bimodal', 5).slice(0, 5000);
    values.push(1e-9, 1e9);
    const start = 1_700_000_000_000;
    for (const [index, value] of values.entries()) window.record(value, false, start + (index % 6) * 10_000);
    const { count, quantiles } = window.summarize(60, start + 5 * 10_000, QUANTILES);
    const sorted = [...values].sort((a, b) => a - b);
    expect(count).toBe(values.length);
    for (const [index, q] of QUANTILES.entries()) {
      expectWithinRelativeError(quantiles[index], exactQuantile(sorted, q), 1e-5);
    }
  });

  it('keeps the guarantee for a window merged from many buckets', () => {
    const window = new SlidingWindow({ bucketSeconds: 10, retentionSeconds: 3600, relativeAccuracy: 0.01 });
    const values = sample('logNormal', 2024);
    const start = 1_700_000_000_000;
    // Spread over 100 buckets, the last one being the current bucket at query time.
    for (const [index, value] of values.entries()) {
      window.record(value, false, start + Math.floor(index / 1000) * 10_000);
    }
    const now = start + 99 * 10_000;
    const { count, quantiles } = window.summarize(1000, now, QUANTILES);
    const sorted = [...values].sort((a, b) => a - b);

    expect(count).toBe(SAMPLES);
    for (const [index, q] of QUANTILES.entries()) {
      expectWithinRelativeError(quantiles[index], exactQuantile(sorted, q), 0.01);
    }

    const recent = values.slice(90_000);
    const recentSorted = [...recent].sort((a, b) => a - b);
    // The window's dense merge answers exactly what one sketch of the same values answers.
    const reference = new QuantileSketch(0.01);
    for (const value of values) reference.add(value);
    expect(quantiles).toEqual(QUANTILES.map((q) => reference.quantile(q)));

    const lastTen = window.summarize(90, now, QUANTILES);
    expect(lastTen.count).toBe(recent.length);
    for (const [index, q] of QUANTILES.entries()) {
      expectWithinRelativeError(lastTen.quantiles[index], exactQuantile(recentSorted, q), 0.01);
    }
  });
});
