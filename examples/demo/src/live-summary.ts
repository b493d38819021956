import type { Observability } from '@mcp-o11y/core';
import { formatSummaryTable, type ToolSummaryRow } from './summary-table.ts';

type Store = NonNullable<Observability['store']>;

/**
 * The in-memory series core's `instrument()` observes every request a server handles into, labelled
 * `mcp.method.name` and, for `tools/call`, `gen_ai.tool.name` (core's `SERIES_SERVER_OPERATION`).
 */
export const SERVER_OPERATION_SERIES = 'mcp.server.operation';

/** The method whose rows the table shows; `initialize`, `tools/list`, `resources/read`… are left out. */
const TOOLS_CALL = 'tools/call';

/**
 * One row per tool, read only from the in-memory backend's `mcp.server.operation` series, `tools/call`
 * rows only. Errors are what the instrumentation counts: an `isError: true` result, which is also what
 * the SDK makes of a handler that throws.
 * @param windowSeconds - Trailing window asked of the store.
 * @param elapsedSeconds - Time since traffic started: while shorter than the window, the rate divides by
 *   it instead, or the first minute would show rates far too low.
 */
export function readToolSummary(
  store: Store,
  windowSeconds: number,
  elapsedSeconds: number,
): ToolSummaryRow[] {
  const coveredSeconds = Math.max(Math.min(windowSeconds, elapsedSeconds), 1e-3);
  return store.listSeries(SERVER_OPERATION_SERIES).flatMap((series) => {
    const tool = series.labels['gen_ai.tool.name'];
    if (series.labels['mcp.method.name'] !== TOOLS_CALL || tool === undefined) return [];
    const stats = series.window(windowSeconds);
    return {
      tool,
      calls: stats.count,
      errors: stats.errors,
      p50Seconds: stats.p50,
      p95Seconds: stats.p95,
      ratePerSecond: stats.count / coveredSeconds,
    };
  });
}

/** Options of {@link startLiveSummary}. */
export interface LiveSummaryOptions {
  readonly store: Store;
  /** Where the table goes; the demo passes stderr (stdout is never written). */
  readonly stream: NodeJS.WriteStream;
  /** `performance.now()` when traffic started. */
  readonly startedAt: number;
  /** Trailing window of the live table, in seconds. */
  readonly windowSeconds: number;
  /** Redraw period, in milliseconds. */
  readonly intervalMs: number;
}

/**
 * Prints the summary table every `intervalMs`. On a terminal it redraws in place (ANSI cursor movement);
 * otherwise, as in CI logs and tests, it prints one plain block after another, separated by a blank line.
 * Returns the stop function.
 */
export function startLiveSummary(options: LiveSummaryOptions): () => void {
  const { store, stream, startedAt, windowSeconds, intervalMs } = options;
  const redraw = stream.isTTY === true;
  let previousLines = 0;
  const print = (): void => {
    const elapsedSeconds = (performance.now() - startedAt) / 1000;
    const table = formatSummaryTable({
      title: `live | tools/call, last ${windowSeconds} s | ${elapsedSeconds.toFixed(1)} s of traffic | Ctrl-C to stop`,
      rows: readToolSummary(store, windowSeconds, elapsedSeconds),
    });
    if (redraw) {
      // Back to the start of the previous block, clear to the end of the screen, draw the new one.
      const rewind = previousLines > 0 ? `\x1b[${previousLines}F\x1b[0J` : '';
      stream.write(`${rewind}${table}\n`);
      previousLines = table.split('\n').length;
    } else {
      stream.write(`${table}\n\n`);
    }
  };
  const timer = setInterval(print, intervalMs);
  return () => clearInterval(timer);
}

/**
 * The closing table: every call of the run (up to the store's retention), rates over the whole run.
 * @param retentionSeconds - The store's retention; longer runs report their last `retentionSeconds`.
 */
export function formatFinalSummary(store: Store, elapsedSeconds: number, retentionSeconds: number): string {
  // One second more than elapsed, so the bucket traffic started in is surely covered.
  const windowSeconds = Math.min(Math.ceil(elapsedSeconds) + 1, retentionSeconds);
  return formatSummaryTable({
    title: `final summary | tools/call, whole run | ${elapsedSeconds.toFixed(1)} s of traffic`,
    rows: readToolSummary(store, windowSeconds, elapsedSeconds),
  });
}
