import type { BinAccumulator } from './bin-accumulator.js';

/** Keys a bucket gets room for on its first key; capacity then doubles. */
const INITIAL_CAPACITY = 4;

/** Largest count one bin holds; further additions saturate (over 2 billion values in one bin and bucket). */
const MAX_BIN_COUNT = 0x7fffffff;

/**
 * Sparse log-histogram bins of many buckets in one `Int32Array`: each bucket owns a segment of
 * `[key, count]` pairs, keys strictly ascending, holding only the keys its values hit (a few dozen for a
 * typical 10 s of latencies, where a dense range would hold every key in between).
 *
 * Why one array per window and not one per bucket: a window query reads 31 or more buckets, and separate
 * small arrays sit scattered in memory, one cache miss each; segments of one array are read in a few
 * sequential passes. A cleared bucket keeps its capacity, so steady-state recording never allocates. A
 * bucket that outgrows its segment moves to the end of the array with twice the room; when there is no room
 * left the array is rebuilt without the holes, with 50 % spare, so memory stays within about twice the
 * capacity in use.
 */
export class BinArena {
  /** Per bucket: start (in pairs), capacity (in pairs), keys in use. */
  private readonly segments: Int32Array;
  /** `[key, count]` pairs. */
  private pairs = new Int32Array(0);
  /** Pairs handed out from the start of {@link BinArena.pairs}, holes included. */
  private end = 0;
  /** Sum of the buckets' capacities, in pairs. */
  private capacity = 0;

  constructor(bucketCount: number) {
    this.segments = new Int32Array(bucketCount * 3);
  }

  /** Distinct keys held by `bucket`. */
  keyCount(bucket: number): number {
    return this.segments[bucket * 3 + 2]!;
  }

  /** Forgets `bucket`'s keys, keeping its capacity. */
  clear(bucket: number): void {
    this.segments[bucket * 3 + 2] = 0;
  }

  /**
   * Adds `count` to `key`'s bin in `bucket`: a binary search, then a shift only for a new key. Allocates
   * only when a new key does not fit the bucket's capacity.
   */
  add(bucket: number, key: number, count: number): void {
    const segments = this.segments;
    const at = bucket * 3;
    let start = segments[at]!;
    const used = segments[at + 2]!;
    let pairs = this.pairs;
    let low = 0;
    let high = used;
    if (used > 0) {
      // Keys are distinct integers, ascending: `key` sits at most `key - first` places in. When the bucket's
      // keys are contiguous (the common case for latencies) that is exactly its place, found without a search.
      const guess = key - pairs[2 * start]!;
      if (guess >= 0 && guess < used && pairs[2 * (start + guess)] === key) {
        const slot = 2 * (start + guess) + 1;
        pairs[slot] = Math.min(pairs[slot]! + count, MAX_BIN_COUNT);
        return;
      }
      if (guess < 0) high = 0;
      else if (guess < used) high = guess + 1;
    }
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (pairs[2 * (start + middle)]! < key) low = middle + 1;
      else high = middle;
    }
    if (low < used && pairs[2 * (start + low)] === key) {
      const slot = 2 * (start + low) + 1;
      pairs[slot] = Math.min(pairs[slot]! + count, MAX_BIN_COUNT);
      return;
    }
    if (used === segments[at + 1]) {
      this.relocate(bucket);
      start = segments[at]!;
      pairs = this.pairs;
    }
    const position = 2 * (start + low);
    if (low < used) pairs.copyWithin(position + 2, position, 2 * (start + used));
    pairs[position] = key;
    pairs[position + 1] = Math.min(count, MAX_BIN_COUNT);
    segments[at + 2] = used + 1;
  }

  /** Adds every bin of `bucket` into `accumulator`. */
  addTo(bucket: number, accumulator: BinAccumulator): void {
    const at = bucket * 3;
    accumulator.add(this.pairs, this.segments[at]!, this.segments[at + 2]!);
  }

  /** Calls `visit` with each key of `bucket` and its count, keys ascending. */
  forEachBin(bucket: number, visit: (key: number, count: number) => void): void {
    const start = this.segments[bucket * 3]!;
    const end = start + this.segments[bucket * 3 + 2]!;
    // Read through `this.pairs` each time: `visit` may add to this very arena and move it.
    for (let index = start; index < end; index += 1)
      visit(this.pairs[2 * index]!, this.pairs[2 * index + 1]!);
  }

  /**
   * The key at `rank` (0-based, may be fractional) of `bucket`'s bins: the first key whose running count
   * exceeds `rank`, as DDSketch's `keyAtRank(rank, lower = true)`; the highest key when `rank` is at or past
   * the total. Only meaningful when the bucket holds a key.
   */
  keyAtRank(bucket: number, rank: number): number {
    const pairs = this.pairs;
    const start = this.segments[bucket * 3]!;
    const used = this.segments[bucket * 3 + 2]!;
    let running = 0;
    for (let index = start; index < start + used; index += 1) {
      running += pairs[2 * index + 1]!;
      if (running > rank) return pairs[2 * index]!;
    }
    return pairs[2 * (start + used - 1)]!;
  }

  /** Gives `bucket` twice its capacity at the end of the array, rebuilding the array when full. */
  private relocate(bucket: number): void {
    const segments = this.segments;
    const at = bucket * 3;
    const oldCapacity = segments[at + 1]!;
    const newCapacity = Math.max(INITIAL_CAPACITY, oldCapacity * 2);
    this.capacity += newCapacity - oldCapacity;
    if (2 * (this.end + newCapacity) > this.pairs.length) this.compact();
    const start = segments[at]!;
    const used = segments[at + 2]!;
    this.pairs.copyWithin(2 * this.end, 2 * start, 2 * (start + used));
    segments[at] = this.end;
    segments[at + 1] = newCapacity;
    this.end += newCapacity;
  }

  /**
   * Copies every segment, holes dropped, into a new array with 50 % spare: enough for the relocating
   * bucket's new segment, since `capacity` already counts it and it is at least twice its old one.
   */
  private compact(): void {
    const segments = this.segments;
    const next = new Int32Array(2 * Math.ceil(this.capacity * 1.5 + INITIAL_CAPACITY));
    let end = 0;
    for (let at = 0; at < segments.length; at += 3) {
      const capacity = segments[at + 1]!;
      if (capacity === 0) continue;
      const start = segments[at]!;
      next.set(this.pairs.subarray(2 * start, 2 * (start + segments[at + 2]!)), 2 * end);
      segments[at] = end;
      end += capacity;
    }
    this.pairs = next;
    this.end = end;
  }
}
