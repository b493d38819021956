import { describe, expect, it } from 'vitest';
import { MIN_SKETCH_VALUE } from './quantile-sketch.js';
import { WindowSeries } from './window-series.js';

/** A bucket boundary, so slot arithmetic in the tests is easy to follow. */
const T0 = 1_700_000_000_000;
const BUCKET_MS = 10_000;

function makeSeries(retentionSeconds = 3600): { series: WindowSeries; clock: { now: number } } {
  const clock = { now: T0 };
  const series = new WindowSeries(
    'mcp.server.request',
    Object.freeze({ method: 'tools/call' }),
    { bucketSeconds: 10, retentionSeconds, relativeAccuracy: 0.01 },
    () => clock.now,
  );
  return { series, clock };
}

function observeMany(series: WindowSeries, count: number, value: number, isError = false): void {
  for (let index = 0; index < count; index += 1) series.observe(value, isError);
}

describe('WindowSeries', () => {
  it('drops observations older than the window from its stats', () => {
    const { series, clock } = makeSeries();
    observeMany(series, 10, 0.1);
    clock.now = T0 + 3 * BUCKET_MS;
    observeMany(series, 5, 0.2);

    expect(series.window(10).count).toBe(5);
    expect(series.window(30).count).toBe(15);
    expect(series.window(3600).count).toBe(15);

    // One full retention later the first bucket has left the longest window, the second has not.
    clock.now = T0 + 361 * BUCKET_MS;
    expect(series.window(3600).count).toBe(5);
    expect(series.window(3600).p50).toBeCloseTo(0.2, 2);
    clock.now = T0 + 364 * BUCKET_MS;
    const empty = series.window(3600);
    expect(empty).toEqual({
      count: 0,
      errors: 0,
      errorRatio: 0,
      ratePerSecond: 0,
      p50: undefined,
      p95: undefined,
      p99: undefined,
      consecutiveFailures: 0,
    });
    expect('min' in empty).toBe(false);
  });

  it('covers between N and N + bucketSeconds seconds, whatever the phase within a bucket', () => {
    for (let phase = 0; phase < BUCKET_MS; phase += 1_250) {
      const { series, clock } = makeSeries();
      clock.now = T0 + phase;
      series.observe(1, false);
      clock.now = T0 + phase + 59_999;
      expect(series.window(60).count, `age 59.999 s, phase ${phase}`).toBe(1);
      clock.now = T0 + phase + 70_000;
      expect(series.window(60).count, `age 70 s, phase ${phase}`).toBe(0);
    }
  });

  it('resets a recycled bucket before reusing it for a newer slot', () => {
    const { series, clock } = makeSeries(60);
    observeMany(series, 50, 100, true);
    // 60 s of retention is 6 + 1 buckets, so 7 buckets later the same ring position is reused.
    clock.now = T0 + 7 * BUCKET_MS;
    series.observe(0.01, false);

    const stats = series.window(60);
    expect(stats.count).toBe(1);
    expect(stats.errors).toBe(0);
    expect(stats.max).toBe(0.01);
    expect(stats.p99).toBeCloseTo(0.01, 4);
  });

  it('computes rate and error ratio exactly', () => {
    const { series, clock } = makeSeries();
    for (let second = 0; second < 60; second += 1) {
      clock.now = T0 + second * 1000;
      series.observe(0.05, second % 4 === 0);
    }
    clock.now = T0 + 59_000;
    const stats = series.window(60);
    expect(stats.count).toBe(60);
    expect(stats.errors).toBe(15);
    expect(stats.errorRatio).toBe(0.25);
    expect(stats.ratePerSecond).toBe(1);
    expect(series.window(120).ratePerSecond).toBe(0.5);
  });

  it('counts consecutive failures until the next success', () => {
    const { series, clock } = makeSeries();
    expect(series.consecutiveFailures).toBe(0);
    observeMany(series, 3, 1, true);
    expect(series.consecutiveFailures).toBe(3);
    expect(series.window(10).consecutiveFailures).toBe(3);
    series.observe(0.1, false);
    expect(series.consecutiveFailures).toBe(0);
    series.observe(1, true);
    expect(series.window(10).consecutiveFailures).toBe(1);
    // Not a windowed quantity: an hour of silence does not reset it.
    clock.now = T0 + 2 * 3600_000;
    expect(series.window(10)).toMatchObject({ count: 0, consecutiveFailures: 1 });
  });

  it('tracks when it was last observed and how often', () => {
    const { series, clock } = makeSeries();
    expect(series.lastObservedMs).toBeUndefined();
    series.observe(1, false);
    clock.now = T0 + 1234;
    series.observe(1, false);
    expect(series.lastObservedMs).toBe(T0 + 1234);
    expect(series.observationCount).toBe(2);
  });

  it('reports exact min and max and clamps non-positive values to 1 ns', () => {
    const { series } = makeSeries();
    series.observe(0.25, false);
    series.observe(0, false);
    series.observe(-3, false);
    series.observe(4, false);
    const stats = series.window(10);
    expect(stats.min).toBe(MIN_SKETCH_VALUE);
    expect(stats.max).toBe(4);
    expect(stats.p50).toBe(MIN_SKETCH_VALUE);
  });

  it('ignores buckets from the future when the clock goes back', () => {
    const { series, clock } = makeSeries();
    clock.now = T0 + 5 * BUCKET_MS;
    series.observe(1, false);
    clock.now = T0;
    expect(series.window(3600).count).toBe(0);
  });

  it('rejects a non-positive or non-finite window', () => {
    const { series } = makeSeries();
    expect(() => series.window(0)).toThrow(/window seconds/);
    expect(() => series.window(Number.POSITIVE_INFINITY)).toThrow(/window seconds/);
  });

  describe('counts', () => {
    it('agrees with window() on count, errors, ratio, rate and streak at every window and phase', () => {
      const { series, clock } = makeSeries(300);
      for (let step = 0; step < 60; step += 1) {
        clock.now = T0 + step * 7_300;
        series.observe(0.01 * (step + 1), step % 4 === 0);
        if (step % 3 === 0) series.observe(0.5, step % 5 === 0);
        for (const seconds of [5, 10, 60, 95, 300, 3_600]) {
          const { count, errors, errorRatio, ratePerSecond, consecutiveFailures } = series.window(seconds);
          expect(series.counts(seconds), `step ${step}, ${seconds} s`).toEqual({
            count,
            errors,
            errorRatio,
            ratePerSecond,
            consecutiveFailures,
          });
        }
      }
    });

    it('drops old buckets and ignores future ones like window()', () => {
      const { series, clock } = makeSeries();
      observeMany(series, 4, 0.1, true);
      clock.now = T0 + 3 * BUCKET_MS;
      observeMany(series, 6, 0.2);
      expect(series.counts(10)).toEqual({
        count: 6,
        errors: 0,
        errorRatio: 0,
        ratePerSecond: 0.6,
        consecutiveFailures: 0,
      });
      expect(series.counts(30)).toMatchObject({ count: 10, errors: 4, errorRatio: 0.4 });
      clock.now = T0;
      expect(series.counts(3600).count).toBe(4);
      clock.now = T0 + 364 * BUCKET_MS;
      expect(series.counts(3600)).toMatchObject({ count: 0, errors: 0, errorRatio: 0, ratePerSecond: 0 });
    });

    it('rejects a non-positive or non-finite window', () => {
      const { series } = makeSeries();
      expect(() => series.counts(-1)).toThrow(/window seconds/);
      expect(() => series.counts(Number.NaN)).toThrow(/window seconds/);
    });
  });
});
