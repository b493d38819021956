/**
 * Bounds and resolution of the built-in in-memory backend. Every cap, when hit, is counted (see
 * `InMemoryBackend.stats()`). Out-of-range values make the `InMemoryBackend` constructor throw a RangeError.
 *
 * Memory: spans and logs cost about 0.5–2 KB each. Window series keep, per time bucket, a count, an error
 * count, min/max and sparse log-scale bins (DDSketch's mapping) in typed arrays shared by the series: a
 * series observed without pause holds `retentionSeconds / bucketSeconds` buckets, about 13 KiB at the
 * defaults (measured by bench/src/alert-evaluation-benchmark.ts; more when latencies spread widely), so
 * 500 busy series stay near 7 MB. Longer horizons (SLO burn rates over hours) belong in Prometheus, not in
 * process memory.
 */
export interface InMemoryBackendOptions {
  /** Most recent ended spans kept; a positive integer. Past it the oldest is evicted and counted. Default 1 000. */
  readonly maxSpans?: number;
  /**
   * Successful spans stored per second (of span end time); a positive integer, or `Infinity` to store
   * every span. Failed spans (status ERROR or an `error.type` attribute) are always stored; past the
   * quota the rest of that second's successful spans are skipped and counted (`stats().spans.skipped`).
   * Default 100: below 100 requests per second every span is kept. Why a quota: under load a kept span
   * outlives young-generation collections and is promoted before the ring buffer drops it, which cost
   * about 0.5 to 1 µs of GC per request at tens of thousands of requests per second (bench/). Only the
   * recent-spans view is sampled: window series and metrics see every request, exporters every span.
   */
  readonly maxOkSpansPerSecond?: number;
  /** Most recent log records kept; a positive integer. Past it the oldest is evicted and counted. Default 1 000. */
  readonly maxLogs?: number;
  /**
   * Distinct window series kept; a positive integer. Observations past it fold into the name's `_OTHER`
   * series (same label keys, every value `_OTHER`), which does not count against the cap; each such
   * observation is counted. Default 500.
   */
  readonly maxSeries?: number;
  /**
   * How far back window queries reach, in seconds; at least `bucketSeconds`. Longer windows are cut to it.
   * Default 900 (15 minutes: the longest alert window the in-process engine evaluates).
   */
  readonly retentionSeconds?: number;
  /**
   * Width of one time bucket in the sliding windows, in seconds; > 0. Windows are aligned to buckets: a
   * window of N s (N a multiple of this) covers between N and N + `bucketSeconds` seconds. Default 10.
   */
  readonly bucketSeconds?: number;
  /**
   * Relative accuracy of the quantile sketch (DDSketch's logarithmic mapping), strictly between 0 and 1: 0.01 means within 1 % of
   * the true value. For any quantile q the reported value v satisfies |v - x_q| <= relativeAccuracy * x_q,
   * x_q being the exact q-quantile of the observed values, which are clamped to [1e-9, 1e9] seconds first
   * (zero, negative and NaN durations count as 1 ns). Smaller values cost more memory per bucket.
   * Default 0.01.
   */
  readonly relativeAccuracy?: number;
}
