/** What `run-all` passes to every benchmark. */
export interface BenchmarkOptions {
  /** Few rounds and iterations: a smoke run for CI that only checks the benchmark still works. */
  readonly quick: boolean;
  /** Where the report goes. */
  readonly write: (text: string) => void;
}

/** One benchmark file's entry point; `run-all` calls each in order. */
export type Benchmark = (options: BenchmarkOptions) => Promise<void>;

/** One thing to time. */
export interface Variant {
  /** Row label in the report. */
  readonly name: string;
  /**
   * Does `iterations` operations in its own loop and returns a number derived from all of them. Each
   * variant owns its loop so every call site inside stays monomorphic, as it would be in real code.
   */
  readonly run: (iterations: number) => number;
}

/** How {@link measureInterleaved} spends its time. */
export interface InterleavedOptions {
  /** Rounds; each runs every variant once, in an order rotated by one per round. */
  readonly rounds: number;
  /**
   * Wall time each variant's turn should last. Operations per turn are calibrated per variant during
   * warm-up so every turn lasts about this long: a cheap variant then gets as much exposure to a noisy
   * neighbour as an expensive one, instead of slipping between its bursts.
   */
  readonly turnMilliseconds: number;
  /** Untimed rounds of `warmupIterations` each first, so every variant is optimised before timing starts. */
  readonly warmupRounds: number;
  /** Operations per variant per warm-up round; the fastest warm-up turn calibrates the turn length. */
  readonly warmupIterations: number;
}

/** Per-variant result of {@link measureInterleaved}. */
export interface VariantSummary {
  readonly name: string;
  /** Operations per timed turn, as calibrated. */
  readonly iterations: number;
  /** Median over rounds of ns per operation. */
  readonly medianNanoseconds: number;
  /** Median over rounds of (this variant's ns/op ÷ the baseline's ns/op in the same round). */
  readonly medianRatio: number;
  /** 25th and 75th percentiles of the per-round ratios: how noisy the run was. */
  readonly ratioQuartiles: readonly [number, number];
  /** Median over rounds of (this variant's ns/op − the baseline's ns/op in the same round). */
  readonly medianAddedNanoseconds: number;
}

/** What {@link measureInterleaved} returns; the first variant is the baseline. */
export interface InterleavedResult {
  readonly variants: readonly VariantSummary[];
}

/**
 * Times `variants` interleaved: every round runs each once, so drift of a shared, noisy machine (other
 * tenants, CPU frequency, GC of earlier variants) hits all of them alike. Ratios are taken within a
 * round, then the median over rounds is reported, which ignores the rounds a neighbour disturbed.
 * @throws Error when a variant's result is not a finite number (its work was lost or broken).
 */
export function measureInterleaved(
  variants: readonly Variant[],
  options: InterleavedOptions,
): InterleavedResult {
  const baseline = variants[0];
  if (baseline === undefined) {
    throw new Error('[@mcp-o11y/bench] measureInterleaved needs at least one variant.');
  }
  // The fastest warm-up turn calibrates: the others were still compiling or were disturbed.
  const fastest = variants.map(() => Number.POSITIVE_INFINITY);
  for (let round = 0; round < Math.max(1, options.warmupRounds); round += 1) {
    variants.forEach((variant, index) => {
      const start = process.hrtime.bigint();
      consume(variant.run(options.warmupIterations), variant.name);
      const nanosecondsPerOperation = Number(process.hrtime.bigint() - start) / options.warmupIterations;
      fastest[index] = Math.min(fastest[index]!, nanosecondsPerOperation);
    });
  }
  const iterations = calibrate(fastest, options.turnMilliseconds);
  const nanoseconds = variants.map((): number[] => []);
  for (let round = 0; round < options.rounds; round += 1) {
    for (let offset = 0; offset < variants.length; offset += 1) {
      const index = (round + offset) % variants.length;
      const variant = variants[index]!;
      const count = iterations[index]!;
      collectYoungGarbage();
      const start = process.hrtime.bigint();
      const result = variant.run(count);
      const elapsed = process.hrtime.bigint() - start;
      consume(result, variant.name);
      nanoseconds[index]!.push(Number(elapsed) / count);
    }
  }
  return summarise(variants, iterations, nanoseconds);
}

/** One thing to time whose operations are asynchronous (an awaited request per operation). */
export interface AsyncVariant {
  /** Row label in the report. */
  readonly name: string;
  /** Does `iterations` operations, each awaited before the next starts, and resolves to a number derived from all of them. */
  readonly run: (iterations: number) => Promise<number>;
}

/**
 * {@link measureInterleaved} for asynchronous operations: same rounds, rotation, calibration, young-gen
 * collection and statistics. Each variant's loop awaits one operation at a time, so a turn measures
 * round trips, not concurrency.
 * @throws Error when a variant's result is not a finite number.
 */
export async function measureInterleavedAsync(
  variants: readonly AsyncVariant[],
  options: InterleavedOptions,
): Promise<InterleavedResult> {
  if (variants.length === 0) {
    throw new Error('[@mcp-o11y/bench] measureInterleavedAsync needs at least one variant.');
  }
  const fastest = variants.map(() => Number.POSITIVE_INFINITY);
  for (let round = 0; round < Math.max(1, options.warmupRounds); round += 1) {
    for (const [index, variant] of variants.entries()) {
      const start = process.hrtime.bigint();
      consume(await variant.run(options.warmupIterations), variant.name);
      const nanosecondsPerOperation = Number(process.hrtime.bigint() - start) / options.warmupIterations;
      fastest[index] = Math.min(fastest[index]!, nanosecondsPerOperation);
    }
  }
  const iterations = calibrate(fastest, options.turnMilliseconds);
  const nanoseconds = variants.map((): number[] => []);
  for (let round = 0; round < options.rounds; round += 1) {
    for (let offset = 0; offset < variants.length; offset += 1) {
      const index = (round + offset) % variants.length;
      const variant = variants[index]!;
      const count = iterations[index]!;
      collectYoungGarbage();
      const start = process.hrtime.bigint();
      const result = await variant.run(count);
      const elapsed = process.hrtime.bigint() - start;
      consume(result, variant.name);
      nanoseconds[index]!.push(Number(elapsed) / count);
    }
  }
  return summarise(variants, iterations, nanoseconds);
}

function calibrate(fastest: readonly number[], turnMilliseconds: number): number[] {
  return fastest.map((nanosecondsPerOperation) =>
    Math.max(100, Math.round((turnMilliseconds * 1e6) / nanosecondsPerOperation)),
  );
}

/** Medians and per-round ratios against the first variant, the baseline. */
function summarise(
  variants: readonly { readonly name: string }[],
  iterations: readonly number[],
  nanoseconds: readonly (readonly number[])[],
): InterleavedResult {
  const baselineRounds = nanoseconds[0]!;
  return {
    variants: variants.map((variant, index) => {
      const rounds = nanoseconds[index]!;
      const ratios = rounds.map((value, round) => value / baselineRounds[round]!);
      return {
        name: variant.name,
        iterations: iterations[index]!,
        medianNanoseconds: quantile(rounds, 0.5),
        medianRatio: quantile(ratios, 0.5),
        ratioQuartiles: [quantile(ratios, 0.25), quantile(ratios, 0.75)],
        medianAddedNanoseconds: quantile(
          rounds.map((value, round) => value - baselineRounds[round]!),
          0.5,
        ),
      };
    }),
  };
}

/**
 * Heap still in use after `run` has done each checkpoint's cumulative number of operations, after a full
 * GC, relative to the heap right before the first operation (so whatever `run` closes over and was set up
 * beforehand does not count). Undefined entries without `--expose-gc`: uncollected, it would be mostly garbage.
 */
export function measureRetainedHeap(
  run: (iterations: number) => number,
  checkpoints: readonly number[],
): (number | undefined)[] {
  if (!canCollectGarbage()) return checkpoints.map(() => undefined);
  collectGarbage();
  const before = process.memoryUsage().heapUsed;
  let done = 0;
  return checkpoints.map((checkpoint) => {
    consume(run(checkpoint - done), 'retained heap');
    done = checkpoint;
    collectGarbage();
    return process.memoryUsage().heapUsed - before;
  });
}

/** {@link measureRetainedHeap} for asynchronous operations. */
export async function measureRetainedHeapAsync(
  run: (iterations: number) => Promise<number>,
  checkpoints: readonly number[],
): Promise<(number | undefined)[]> {
  if (!canCollectGarbage()) return checkpoints.map(() => undefined);
  collectGarbage();
  const before = process.memoryUsage().heapUsed;
  let done = 0;
  const retained: number[] = [];
  for (const checkpoint of checkpoints) {
    consume(await run(checkpoint - done), 'retained heap');
    done = checkpoint;
    collectGarbage();
    retained.push(process.memoryUsage().heapUsed - before);
  }
  return retained;
}

/** Linear-interpolated quantile `q` (0..1) of `values`; NaN when empty. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((left, right) => left - right);
  const position = (sorted.length - 1) * q;
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  return sorted[lower]! + (sorted[upper]! - sorted[lower]!) * (position - lower);
}

/** Full collection, twice so objects freed by finalisers of the first pass go too. No-op without `--expose-gc`. */
export function collectGarbage(): void {
  const gc = gcFunction();
  if (gc === undefined) return;
  gc();
  gc();
}

/**
 * Scavenges the young generation, where the previous variant's short-lived garbage sits. Not a full
 * collection: that shrinks the heap, and with it the next allocating variant ran 1.5 to 3 times
 * slower for its whole turn on the 2-core machine these numbers come from, which measured V8 regrowing its heap rather than the variant.
 */
function collectYoungGarbage(): void {
  gcFunction()?.({ type: 'minor' });
}

/** Whether `node --expose-gc` is in effect. */
export function canCollectGarbage(): boolean {
  return gcFunction() !== undefined;
}

/** `gc` as exposed by `--expose-gc`; V8 takes an optional `{ type: 'minor' | 'major' }`. */
type GcFunction = (options?: { type: 'minor' | 'major' }) => void;

function gcFunction(): GcFunction | undefined {
  const gc: unknown = (globalThis as { gc?: unknown }).gc;
  return typeof gc === 'function' ? (gc as GcFunction) : undefined;
}

// A module-level sink the optimiser cannot see through: the loops' results must really be computed.
let sink = 0;

function consume(value: number, name: string): void {
  if (!Number.isFinite(value)) {
    throw new Error(
      `[@mcp-o11y/bench] variant "${name}" returned ${value}; its loop must return a finite sum.`,
    );
  }
  sink += value;
}

/** Sum of every result consumed so far; printing it keeps the sink observable. */
export function consumedTotal(): number {
  return sink;
}
