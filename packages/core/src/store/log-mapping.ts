/** Default relative accuracy of the quantile sketches: 1 %. */
export const DEFAULT_RELATIVE_ACCURACY = 0.01;

/**
 * Smallest value a quantile sketch records (1 ns when values are seconds). Zero, negative and NaN values are
 * recorded as this: a relative error is meaningless at 0, and a duration is never below a nanosecond in
 * practice.
 */
export const MIN_SKETCH_VALUE = 1e-9;

/**
 * Largest value a quantile sketch records (about 31.7 years in seconds); larger values and +Infinity are
 * recorded as this. With {@link MIN_SKETCH_VALUE} it bounds the keys: about 2 100 at 1 % accuracy.
 */
export const MAX_SKETCH_VALUE = 1e9;

/**
 * DDSketch's logarithmic mapping (the same formulas as `@datadog/sketches-js`' `LogarithmicMapping`, so a
 * value gets the same key): with `gamma = (1 + a) / (1 - a)`, value `v` goes to key `k = ceil(log_gamma(v))`,
 * the bin `(gamma^(k-1), gamma^k]`, and key `k` reads back as `2 gamma^k / (1 + gamma)`, which is within
 * `a * v` of every `v` in the bin. Every value is first clamped to
 * [{@link MIN_SKETCH_VALUE}, {@link MAX_SKETCH_VALUE}], so keys lie in [{@link LogarithmicMapping.minKey},
 * {@link LogarithmicMapping.maxKey}].
 */
export class LogarithmicMapping {
  /** The relative accuracy `a`, strictly between 0 and 1. */
  readonly relativeAccuracy: number;
  /** `(1 + a) / (1 - a)`: the ratio between a bin's upper and lower bounds. */
  readonly gamma: number;
  /** Key of {@link MIN_SKETCH_VALUE}, the smallest key this mapping produces. */
  readonly minKey: number;
  /** Key of {@link MAX_SKETCH_VALUE}, the largest key this mapping produces. */
  readonly maxKey: number;
  /** `1 / log2(gamma)`: key = ceil(log2(v) * multiplier). */
  private readonly multiplier: number;
  private readonly valueFactor: number;

  /** @throws RangeError when `relativeAccuracy` is not strictly between 0 and 1. */
  constructor(relativeAccuracy: number) {
    assertRelativeAccuracy(relativeAccuracy);
    this.relativeAccuracy = relativeAccuracy;
    const gammaMantissa = (2 * relativeAccuracy) / (1 - relativeAccuracy);
    this.gamma = 1 + gammaMantissa;
    this.multiplier = Math.LN2 / Math.log1p(gammaMantissa);
    this.valueFactor = 2 / (1 + this.gamma);
    this.minKey = this.key(MIN_SKETCH_VALUE);
    this.maxKey = this.key(MAX_SKETCH_VALUE);
  }

  /** The key of `value` after clamping (NaN counts as the minimum). No allocation. */
  key(value: number): number {
    return Math.ceil(Math.log2(clampSketchValue(value)) * this.multiplier);
  }

  /** The value key `key` stands for: within `relativeAccuracy` of every value mapped to it. */
  value(key: number): number {
    return 2 ** (key / this.multiplier) * this.valueFactor;
  }
}

/** Clamps a value into [{@link MIN_SKETCH_VALUE}, {@link MAX_SKETCH_VALUE}]; NaN becomes the minimum. */
export function clampSketchValue(value: number): number {
  // `!(value >= MIN)` also catches NaN.
  return !(value >= MIN_SKETCH_VALUE) ? MIN_SKETCH_VALUE : Math.min(value, MAX_SKETCH_VALUE);
}

let mappings: Map<number, LogarithmicMapping> | undefined;

/**
 * The shared mapping for `relativeAccuracy` (a mapping is immutable, so every series of a backend uses one).
 * @throws RangeError when `relativeAccuracy` is not strictly between 0 and 1.
 */
export function logarithmicMapping(relativeAccuracy: number): LogarithmicMapping {
  mappings ??= new Map();
  let mapping = mappings.get(relativeAccuracy);
  if (mapping === undefined) {
    mapping = new LogarithmicMapping(relativeAccuracy);
    mappings.set(relativeAccuracy, mapping);
  }
  return mapping;
}

/**
 * Checks a relative accuracy before any sketch is built, so a bad option fails at startup.
 * @throws RangeError when `relativeAccuracy` is not strictly between 0 and 1.
 */
export function assertRelativeAccuracy(relativeAccuracy: number): void {
  if (!(relativeAccuracy > 0 && relativeAccuracy < 1)) {
    throw new RangeError(
      `[@mcp-o11y/core] relativeAccuracy must be > 0 and < 1 (e.g. 0.01 for 1 %), got ${relativeAccuracy}.`,
    );
  }
}
