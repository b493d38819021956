import type { WindowStats } from '@mcp-o11y/core';
import type { QuantileSeriesLike } from './latency-history.js';
import { mergeQuantiles } from './merge-quantiles.js';
import { type SeriesLike, steppedCounts } from './series-buckets.js';

/** Label keys of the MCP series (OpenTelemetry semantic conventions for MCP). */
export const METHOD_LABEL = 'mcp.method.name';
export const TOOL_LABEL = 'gen_ai.tool.name';

/** One row of `GET /api/tools`. */
export interface ToolRow {
  /** `gen_ai.tool.name`; `_OTHER` collects names past the instrumentation's cap. */
  readonly name: string;
  readonly requests: number;
  readonly ratePerSecond: number;
  readonly errors: number;
  /** 0–1. */
  readonly errorRatio: number;
  /** Seconds; null without requests in the window. */
  readonly p50: number | null;
  readonly p95: number | null;
  readonly p99: number | null;
  /** Failures since the last success, whatever the window. */
  readonly consecutiveFailures: number;
  /** Requests per sparkline step, oldest first. */
  readonly sparkline: number[];
  /** Errors per sparkline step, oldest first. */
  readonly sparklineErrors: number[];
}

/** `GET /api/tools`. */
export interface ToolsView {
  readonly windowSeconds: number;
  /** Start of each sparkline step, epoch seconds. */
  readonly sparklineTimestamps: number[];
  readonly sparklineStepSeconds: number;
  /** Busiest first. */
  readonly tools: ToolRow[];
}

type ToolSeries = SeriesLike & QuantileSeriesLike;

const UNNAMED = '(unnamed)';

/** Per-tool table from the `tools/call` series, with a 15-minute sparkline of 30 s steps. */
export function buildTools(
  series: readonly ToolSeries[],
  windowSeconds: number,
  bucketSeconds: number,
  nowMs: number,
): ToolsView {
  const byTool = new Map<string, ToolSeries[]>();
  for (const one of series) {
    if (one.labels[METHOD_LABEL] !== 'tools/call') continue;
    const name = one.labels[TOOL_LABEL] ?? UNNAMED;
    byTool.set(name, [...(byTool.get(name) ?? []), one]);
  }
  let timestamps: number[] = [];
  let sparklineStep = 30;
  const tools = [...byTool.entries()].map(([name, group]): ToolRow => {
    const stats: WindowStats[] = group.map((one) => one.window(windowSeconds));
    const requests = sum(stats.map((one) => one.count));
    const errors = sum(stats.map((one) => one.errors));
    const quantiles = mergeQuantiles(stats);
    const spark = steppedCounts(group, 900, 30, bucketSeconds, nowMs);
    timestamps = spark.timestamps;
    sparklineStep = spark.stepSeconds;
    return {
      name,
      requests,
      ratePerSecond: requests / windowSeconds,
      errors,
      errorRatio: requests === 0 ? 0 : errors / requests,
      ...quantiles,
      consecutiveFailures: Math.max(...stats.map((one) => one.consecutiveFailures)),
      sparkline: spark.counts,
      sparklineErrors: spark.errors,
    };
  });
  // The instrumentation may create a name-less series before it knows a tool name; shown only if used.
  const shown = tools.filter((row) => row.name !== UNNAMED || row.requests > 0);
  shown.sort((left, right) => right.requests - left.requests || left.name.localeCompare(right.name));
  return {
    windowSeconds,
    sparklineTimestamps: timestamps,
    sparklineStepSeconds: sparklineStep,
    tools: shown,
  };
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
