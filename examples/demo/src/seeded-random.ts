/**
 * A small seeded pseudo-random source. The demo's failures and arguments are random-looking but
 * reproducible: the same seed gives the same sequence, so the tests cannot flake on an unlucky draw.
 */
export interface SeededRandom {
  /** A float in [0, 1). */
  next(): number;
  /** True with probability `probability`. */
  chance(probability: number): boolean;
  /** An integer in [min, max], both inclusive. */
  integer(min: number, max: number): number;
  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T;
}

/**
 * Mulberry32: 32 bits of state, good enough spread for a demo, not for anything secret.
 * @param seed - Any number; only its low 32 bits matter.
 */
export function seededRandom(seed: number): SeededRandom {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), state | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4_294_967_296;
  };
  return {
    next,
    chance: (probability) => next() < probability,
    integer: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => {
      if (items.length === 0) throw new RangeError('[@mcp-o11y/example-demo] pick() needs a non-empty list.');
      return items[Math.floor(next() * items.length)] as T;
    },
  };
}

/**
 * An independent stream per purpose (e.g. per tool), so how calls interleave under concurrency does not
 * change which call of a given tool fails: the n-th `get_weather` call always draws the n-th number.
 */
export function derivedRandom(seed: number, stream: string): SeededRandom {
  // FNV-1a over the stream name, mixed with the seed.
  let hash = 0x811c9dc5 ^ (seed >>> 0);
  for (let index = 0; index < stream.length; index += 1) {
    hash = Math.imul(hash ^ stream.charCodeAt(index), 0x01000193) >>> 0;
  }
  return seededRandom(hash);
}
