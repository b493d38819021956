/** The part of a window's statistics that describes its distribution. */
export interface QuantileSummary {
  readonly count: number;
  readonly p50: number | undefined;
  readonly p95: number | undefined;
  readonly p99: number | undefined;
  readonly min?: number;
  readonly max?: number;
}

/** p50, p95 and p99 in seconds; null when there was no observation. */
export interface MergedQuantiles {
  readonly p50: number | null;
  readonly p95: number | null;
  readonly p99: number | null;
}

const levels = [0.5, 0.95, 0.99] as const;

/**
 * Quantiles of several series taken together. The store answers quantiles per series only, so each series
 * is read as a piecewise-linear distribution through (min, 0), (p50, 0.5), (p95, 0.95), (p99, 0.99),
 * (max, 1); the mixture weighted by count is then inverted by bisection. Exact for one series, close for
 * several (the error is bounded by the gap between neighbouring quantiles of each series).
 */
export function mergeQuantiles(summaries: readonly QuantileSummary[]): MergedQuantiles {
  const parts = summaries.filter((summary) => summary.count > 0 && summary.p50 !== undefined);
  if (parts.length === 0) return { p50: null, p95: null, p99: null };
  if (parts.length === 1) {
    const only = parts[0]!;
    return { p50: only.p50 ?? null, p95: only.p95 ?? null, p99: only.p99 ?? null };
  }
  const curves = parts.map(toCurve);
  const total = parts.reduce((sum, part) => sum + part.count, 0);
  const low = Math.min(...curves.map((curve) => curve.xs[0]!));
  const high = Math.max(...curves.map((curve) => curve.xs[curve.xs.length - 1]!));
  const cdf = (x: number): number =>
    curves.reduce((sum, curve, index) => sum + parts[index]!.count * curve.at(x), 0) / total;
  const [p50, p95, p99] = levels.map((level) => invert(cdf, level, low, high));
  return { p50: p50!, p95: p95!, p99: p99! };
}

interface Curve {
  readonly xs: readonly number[];
  at(x: number): number;
}

function toCurve(summary: QuantileSummary): Curve {
  const p50 = summary.p50!;
  const p95 = summary.p95 ?? p50;
  const p99 = summary.p99 ?? p95;
  const min = Math.min(summary.min ?? p50, p50);
  const max = Math.max(summary.max ?? p99, p99);
  const xs = [min, p50, p95, p99, max];
  const ys = [0, 0.5, 0.95, 0.99, 1];
  return {
    xs,
    at(x) {
      if (x < min) return 0;
      if (x >= max) return 1;
      for (let index = 1; index < xs.length; index += 1) {
        const right = xs[index]!;
        if (x < right) {
          const left = xs[index - 1]!;
          const share = right === left ? 1 : (x - left) / (right - left);
          return ys[index - 1]! + share * (ys[index]! - ys[index - 1]!);
        }
      }
      return 1;
    },
  };
}

function invert(cdf: (x: number) => number, level: number, low: number, high: number): number {
  let lo = low;
  let hi = high;
  for (let step = 0; step < 50 && hi - lo > 1e-12 * Math.max(1, hi); step += 1) {
    const middle = (lo + hi) / 2;
    if (cdf(middle) >= level) hi = middle;
    else lo = middle;
  }
  return hi;
}
