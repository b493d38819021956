import { SlidingWindow, type SlidingWindowOptions } from './sliding-window.js';

/** The quantiles {@link WindowStats} reports, ascending: p50, p95, p99. */
const WINDOW_QUANTILES: readonly number[] = [0.5, 0.95, 0.99];

/** Statistics of one {@link WindowSeries} over a trailing time window. */
export interface WindowStats {
  /** Observations in the window. */
  readonly count: number;
  /** Observations recorded with `isError: true`. */
  readonly errors: number;
  /** `errors / count`; 0 when `count` is 0. */
  readonly errorRatio: number;
  /** `count / seconds`, with the `seconds` asked for (not the slightly longer span actually covered). */
  readonly ratePerSecond: number;
  /** Median value, in seconds, within `relativeAccuracy` of the exact lower quantile; undefined when `count` is 0. */
  readonly p50: number | undefined;
  /** 95th percentile, in seconds, within `relativeAccuracy` of the exact lower quantile; undefined when `count` is 0. */
  readonly p95: number | undefined;
  /** 99th percentile, in seconds, within `relativeAccuracy` of the exact lower quantile; undefined when `count` is 0. */
  readonly p99: number | undefined;
  /** Smallest value, in seconds, exact (after clamping); absent when `count` is 0. */
  readonly min?: number;
  /** Largest value, in seconds, exact (after clamping); absent when `count` is 0. */
  readonly max?: number;
  /** Errors since the series' last success, whatever the window (see {@link WindowSeries.consecutiveFailures}). */
  readonly consecutiveFailures: number;
}

/** Counts of one {@link WindowSeries} over a trailing time window: {@link WindowStats} without the values. */
export type WindowCounts = Pick<
  WindowStats,
  'count' | 'errors' | 'errorRatio' | 'ratePerSecond' | 'consecutiveFailures'
>;

/**
 * One labelled stream of timed outcomes (e.g. one MCP method against one target) with sliding-window
 * statistics. Get it from `InMemoryBackend.series()` once per label set and keep the handle: `observe`
 * is then a few arithmetic operations and no allocation.
 */
export class WindowSeries {
  /** The series name, e.g. `mcp.server.request`. */
  readonly name: string;
  /** The label set, frozen; in an overflow series every value is `_OTHER`. */
  readonly labels: Readonly<Record<string, string>>;
  /** True for the `_OTHER` series that absorbs label sets past the `maxSeries` cap. */
  readonly isOverflow: boolean;
  private readonly buckets: SlidingWindow;
  private readonly clock: () => number;
  private failures = 0;
  private lastMs: number | undefined = undefined;
  private observations = 0;

  /** @internal Created by the backend's series registry; call `InMemoryBackend.series()` instead. */
  constructor(
    name: string,
    labels: Readonly<Record<string, string>>,
    options: SlidingWindowOptions,
    clock: () => number,
    isOverflow = false,
  ) {
    this.name = name;
    this.labels = labels;
    this.isOverflow = isOverflow;
    this.buckets = new SlidingWindow(options);
    this.clock = clock;
  }

  /** Errors observed since the last success (0 after a success or before any observation). */
  get consecutiveFailures(): number {
    return this.failures;
  }

  /** Clock reading, in epoch milliseconds, of the latest observation; undefined before the first. */
  get lastObservedMs(): number | undefined {
    return this.lastMs;
  }

  /** Observations since creation, whatever their age. */
  get observationCount(): number {
    return this.observations;
  }

  /** The backend clock's current time, epoch ms: read once, it can time several observations alike. */
  now(): number {
    return this.clock();
  }

  /**
   * Records one outcome at the backend clock's current time, or at `atMs`.
   * @param valueSeconds - Duration in seconds; zero, negative and NaN count as 1 ns, above 1e9 s as 1e9 s.
   * @param isError - Whether the outcome was a failure; a success resets `consecutiveFailures`.
   * @param atMs - When it happened, from {@link WindowSeries.now} of a series of the same backend: the
   *   request path reads the clock once for the three or four series one request observes.
   */
  observe(valueSeconds: number, isError: boolean, atMs?: number): void {
    const now = atMs ?? this.clock();
    this.buckets.record(valueSeconds, isError, now);
    this.failures = isError ? this.failures + 1 : 0;
    this.lastMs = now;
    this.observations += 1;
  }

  /**
   * Statistics over the trailing `seconds`. Windows are aligned to bucket boundaries: the result covers the
   * current, partly elapsed bucket plus the `ceil(seconds / bucketSeconds)` whole buckets before it, so a
   * window of N s (N a multiple of `bucketSeconds`) covers between N and N + `bucketSeconds` seconds.
   * Windows longer than the retention are cut to it. Quantiles merge the buckets' sparse bins in a shared
   * scratch (one addition per key held, one pass over the key range), allocating only the result.
   * @throws RangeError when `seconds` is not a positive finite number.
   */
  window(seconds: number): WindowStats {
    assertWindowSeconds(seconds);
    const { count, errors, min, max, quantiles } = this.buckets.summarize(
      seconds,
      this.clock(),
      WINDOW_QUANTILES,
    );
    const errorRatio = count === 0 ? 0 : errors / count;
    const ratePerSecond = count / seconds;
    const consecutiveFailures = this.failures;
    if (count === 0) {
      return {
        count,
        errors,
        errorRatio,
        ratePerSecond,
        p50: undefined,
        p95: undefined,
        p99: undefined,
        consecutiveFailures,
      };
    }
    const [p50, p95, p99] = quantiles;
    return { count, errors, errorRatio, ratePerSecond, p50, p95, p99, min, max, consecutiveFailures };
  }

  /**
   * Count, errors, error ratio, rate and failure streak over the trailing `seconds`, covering exactly the
   * buckets {@link WindowSeries.window} covers, but without reading the quantile bins: cheap enough to ask
   * for every series at every alert evaluation. Allocates only the result.
   * @throws RangeError when `seconds` is not a positive finite number.
   */
  counts(seconds: number): WindowCounts {
    assertWindowSeconds(seconds);
    const { count, errors } = this.buckets.counts(seconds, this.clock());
    return {
      count,
      errors,
      errorRatio: count === 0 ? 0 : errors / count,
      ratePerSecond: count / seconds,
      consecutiveFailures: this.failures,
    };
  }
}

function assertWindowSeconds(seconds: number): void {
  if (!(seconds > 0 && Number.isFinite(seconds))) {
    throw new RangeError(`[@mcp-o11y/core] window seconds must be a positive number, got ${seconds}.`);
  }
}
