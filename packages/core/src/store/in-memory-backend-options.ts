/** Bounds and resolution of the built-in in-memory backend. Every cap, when hit, is counted. */
export interface InMemoryBackendOptions {
  /** Most recent ended spans kept. Default 1 000. */
  readonly maxSpans?: number;
  /** Most recent log records kept. Default 1 000. */
  readonly maxLogs?: number;
  /** Distinct window series kept; observations past it fold into the name's `_OTHER` series. Default 1 000. */
  readonly maxSeries?: number;
  /** How far back window queries reach, in seconds. Default 3 600. */
  readonly retentionSeconds?: number;
  /** Width of one time bucket in the sliding windows, in seconds. Default 10. */
  readonly bucketSeconds?: number;
  /** Relative accuracy of the quantile sketch (DDSketch): 0.01 means within 1 % of the true value. Default 0.01. */
  readonly relativeAccuracy?: number;
}
