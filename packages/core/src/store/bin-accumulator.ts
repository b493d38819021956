/**
 * Widest key range merged densely: 2^18 keys (2 MiB of scratch). Values are clamped to [1e-9, 1e9], so at
 * any relative accuracy of 1e-4 or more every window fits (1 % needs about 2 100 keys); finer accuracies
 * take a map instead (slower, same answers).
 */
const DENSE_LIMIT = 1 << 18;

/**
 * Scratch space that merges the sparse bins of many window buckets by adding counts, then reads quantile
 * keys in one cumulative scan. Dense (one counter per key of the mapping, about 2 100 at 1 %), so a merge
 * costs one addition per bucket key plus one pass over the keys between the lowest and highest one added,
 * with no allocation after the first use. Not re-entrant: {@link BinAccumulator.begin}, {@link BinAccumulator.add} and
 * {@link BinAccumulator.keysAtRanks} run back to back, synchronously.
 */
export class BinAccumulator {
  private dense = new Float64Array(0);
  private sparse: Map<number, number> | undefined = undefined;
  private low = 0;
  private span = 0;
  /** Offsets of the lowest and highest key added since {@link BinAccumulator.begin}: the range to scan. */
  private touchedLow = 0;
  private touchedHigh = -1;

  /** Starts a merge of bins whose keys all lie in [lowKey, highKey] (for a mapping: its whole key range). */
  begin(lowKey: number, highKey: number): void {
    this.low = lowKey;
    this.span = highKey - lowKey + 1;
    this.touchedLow = this.span;
    this.touchedHigh = -1;
    if (this.span > DENSE_LIMIT) {
      this.sparse = new Map();
      return;
    }
    this.sparse = undefined;
    if (this.dense.length < this.span) this.dense = new Float64Array(this.span);
  }

  /** Adds `used` `[key, count]` pairs of `pairs`, from pair index `start`. */
  add(pairs: Int32Array, start: number, used: number): void {
    const end = 2 * (start + used);
    const sparse = this.sparse;
    if (sparse !== undefined) {
      for (let index = 2 * start; index < end; index += 2) {
        const key = pairs[index]!;
        sparse.set(key, (sparse.get(key) ?? 0) + pairs[index + 1]!);
      }
      return;
    }
    if (used === 0) return;
    const dense = this.dense;
    const low = this.low;
    // Keys ascend within a segment, so its ends bound the range the scan has to cover.
    this.touchedLow = Math.min(this.touchedLow, pairs[2 * start]! - low);
    this.touchedHigh = Math.max(this.touchedHigh, pairs[end - 2]! - low);
    for (let index = 2 * start; index < end; index += 2) dense[pairs[index]! - low]! += pairs[index + 1]!;
  }

  /**
   * Ends the merge: for each `quantiles[i]` (ascending, in [0, 1]) writes into `keys[i]` the key at rank
   * `quantiles[i] * (total - 1)`, the first key whose running count exceeds that rank (DDSketch's
   * `keyAtRank`), then clears the scratch for the next merge. `total` is the count of everything added.
   */
  keysAtQuantiles(quantiles: readonly number[], total: number, keys: number[]): void {
    const ranks = quantiles.length;
    if (this.sparse !== undefined) {
      this.scanSparse(this.sparse, quantiles, total, keys);
      this.sparse = undefined;
      return;
    }
    const dense = this.dense;
    const from = this.touchedLow;
    const to = this.touchedHigh;
    let running = 0;
    let next = 0;
    let rank = ranks === 0 ? 0 : quantiles[0]! * (total - 1);
    for (let offset = from; offset <= to && next < ranks; offset += 1) {
      running += dense[offset]!;
      while (next < ranks && running > rank) {
        keys[next] = offset + this.low;
        next += 1;
        if (next < ranks) rank = quantiles[next]! * (total - 1);
      }
    }
    // Only reachable through float noise in a rank: the highest key, as DDSketch.
    for (; next < ranks; next += 1) keys[next] = to + this.low;
    if (to >= from) dense.fill(0, from, to + 1);
  }

  private scanSparse(
    sparse: Map<number, number>,
    quantiles: readonly number[],
    total: number,
    keys: number[],
  ): void {
    const sorted = [...sparse.keys()].sort((a, b) => a - b);
    let running = 0;
    let next = 0;
    for (const key of sorted) {
      running += sparse.get(key)!;
      while (next < quantiles.length && running > quantiles[next]! * (total - 1)) {
        keys[next] = key;
        next += 1;
      }
      if (next === quantiles.length) return;
    }
    for (; next < quantiles.length; next += 1) keys[next] = sorted[sorted.length - 1]!;
  }
}

let shared: BinAccumulator | undefined;

/** The process-wide accumulator: merges are synchronous and never nested, so one scratch serves all series. */
export function sharedBinAccumulator(): BinAccumulator {
  shared ??= new BinAccumulator();
  return shared;
}
