import { DDSketch } from '@datadog/sketches-js';

/** Default relative accuracy of {@link QuantileSketch}: 1 %. */
export const DEFAULT_RELATIVE_ACCURACY = 0.01;

/**
 * Smallest value a {@link QuantileSketch} records (1 ns when values are seconds). Zero, negative and NaN
 * values are recorded as this: DDSketch's relative error is meaningless at 0, and a duration is never
 * below a nanosecond in practice.
 */
export const MIN_SKETCH_VALUE = 1e-9;

/**
 * Largest value a {@link QuantileSketch} records (about 31.7 years in seconds); larger values and +Infinity
 * are recorded as this. The bound also caps how many bins one sketch can ever hold.
 */
export const MAX_SKETCH_VALUE = 1e9;

/**
 * DDSketch grows its dense bin array by this many bins (the library's default is 128). Most window
 * buckets hold a narrow range of latencies, so smaller chunks cut idle memory about four times.
 */
const BIN_CHUNK_SIZE = 32;

/**
 * A mergeable quantile sketch with a relative-error guarantee: a thin wrapper around DDSketch
 * (`@datadog/sketches-js`, logarithmic mapping, unbounded dense store).
 *
 * Guarantee: for any quantile `q`, {@link QuantileSketch.quantile} returns `v` with
 * `|v - x_q| <= relativeAccuracy * x_q`, where `x_q` is the exact lower `q`-quantile of the recorded
 * values, i.e. the element at index `floor(q * (count - 1))` of the values sorted ascending. It holds for
 * values in [{@link MIN_SKETCH_VALUE}, {@link MAX_SKETCH_VALUE}], the range every value is clamped to,
 * and survives {@link QuantileSketch.merge}. `min`, `max`, `count` and `sum` are exact (of the clamped
 * values).
 *
 * Memory: one bin per factor `(1 + a) / (1 - a)` between the smallest and largest value seen, about 2 %
 * at `a` = 0.01: ~230 bins (~2 KB) for a 100× spread, never more than ~2 100 bins.
 */
export class QuantileSketch {
  /** The `relativeAccuracy` the guarantee above is stated with. */
  readonly relativeAccuracy: number;
  private readonly sketch: DDSketch;

  /** @throws RangeError when `relativeAccuracy` is not strictly between 0 and 1. */
  constructor(relativeAccuracy: number = DEFAULT_RELATIVE_ACCURACY) {
    assertRelativeAccuracy(relativeAccuracy);
    this.relativeAccuracy = relativeAccuracy;
    this.sketch = new DDSketch({ relativeAccuracy });
    this.sketch.store.chunkSize = BIN_CHUNK_SIZE;
  }

  /** Values recorded. */
  get count(): number {
    return this.sketch.count;
  }

  /** Sum of the recorded (clamped) values. */
  get sum(): number {
    return this.sketch.sum;
  }

  /** Smallest recorded (clamped) value, exact; undefined when empty. */
  get min(): number | undefined {
    return this.sketch.count === 0 ? undefined : this.sketch.min;
  }

  /** Largest recorded (clamped) value, exact; undefined when empty. */
  get max(): number | undefined {
    return this.sketch.count === 0 ? undefined : this.sketch.max;
  }

  /**
   * Records one value, clamped to [{@link MIN_SKETCH_VALUE}, {@link MAX_SKETCH_VALUE}] (NaN counts as the
   * minimum). Allocates only when the value falls outside the bin range seen so far.
   */
  add(value: number): void {
    // `!(value >= MIN)` also catches NaN, which DDSketch would otherwise fold into its sum.
    this.sketch.accept(!(value >= MIN_SKETCH_VALUE) ? MIN_SKETCH_VALUE : Math.min(value, MAX_SKETCH_VALUE));
  }

  /**
   * Adds every value of `other` into this sketch; `other` is unchanged.
   * @throws Error when the two sketches have different relative accuracies.
   */
  merge(other: QuantileSketch): void {
    // DDSketch 2.1 merges only the positive store; clamping keeps every value there, so nothing is lost.
    this.sketch.merge(other.sketch);
  }

  /**
   * The `q`-quantile within the stated relative error, clamped to the exact [min, max] (which only
   * moves it closer to the true value); undefined when empty.
   * @param q - Between 0 and 1 inclusive; outside that range the result is undefined.
   */
  quantile(q: number): number | undefined {
    if (this.sketch.count === 0 || !(q >= 0 && q <= 1)) return undefined;
    const value = this.sketch.getValueAtQuantile(q);
    return Math.min(Math.max(value, this.sketch.min), this.sketch.max);
  }

  /** Empties the sketch for reuse, keeping its objects but dropping its bins (a recycled window bucket calls this). */
  reset(): void {
    const sketch = this.sketch;
    // The constructor's state, field by field: DDSketch has no reset of its own.
    const store = sketch.store;
    store.bins = [];
    store.count = 0;
    store.minKey = Number.POSITIVE_INFINITY;
    store.maxKey = Number.NEGATIVE_INFINITY;
    store.offset = 0;
    sketch.zeroCount = 0;
    sketch.count = 0;
    sketch.sum = 0;
    sketch.min = Number.POSITIVE_INFINITY;
    sketch.max = Number.NEGATIVE_INFINITY;
  }
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
