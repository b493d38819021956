/** One tool's line in the summary, already reduced to numbers. */
export interface ToolSummaryRow {
  /** `gen_ai.tool.name`. */
  readonly tool: string;
  /** Calls completed in the window. */
  readonly calls: number;
  /** Of which failed (an `isError` result or a thrown exception). */
  readonly errors: number;
  /** Median duration in seconds; undefined without calls. */
  readonly p50Seconds: number | undefined;
  /** 95th percentile duration in seconds; undefined without calls. */
  readonly p95Seconds: number | undefined;
  /** Calls per second over the window. */
  readonly ratePerSecond: number;
}

/** The summary as the live view and the final report print it. */
export interface ToolSummary {
  /** First line, e.g. `live · last 60 s · 12 s of traffic`. */
  readonly title: string;
  /** One row per tool, in any order (the table sorts them by name). */
  readonly rows: readonly ToolSummaryRow[];
}

const HEADERS = ['tool', 'calls', 'errors', 'error %', 'p50 ms', 'p95 ms', 'rate/s'] as const;
const TOTAL_LABEL = 'all tools';
const EMPTY_CELL = '-';

/**
 * Renders the summary as a plain-text table: a title line, a header, one line per tool sorted by name,
 * and a total line. No colours and no cursor movement: the caller decides how to show it.
 * Pure, so the exact rendering is unit-tested.
 */
export function formatSummaryTable(summary: ToolSummary): string {
  const lines = [`mcp-o11y demo | ${summary.title}`];
  if (summary.rows.length === 0) {
    lines.push('(no tool calls yet)');
    return lines.join('\n');
  }
  const sorted = [...summary.rows].sort((left, right) =>
    left.tool < right.tool ? -1 : left.tool > right.tool ? 1 : 0,
  );
  const cells = sorted.map(toCells);
  cells.push(toCells(totalOf(sorted)));
  const table = [[...HEADERS], ...cells];
  const widths = HEADERS.map((_, column) => Math.max(...table.map((row) => (row[column] ?? '').length)));
  for (const row of table) {
    // The tool name is left-aligned, numbers right-aligned so their digits line up.
    const padded = row.map((cell, column) =>
      column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0),
    );
    lines.push(padded.join('  '));
  }
  return lines.join('\n');
}

function toCells(row: ToolSummaryRow): string[] {
  return [
    row.tool,
    String(row.calls),
    String(row.errors),
    row.calls === 0 ? EMPTY_CELL : `${((row.errors / row.calls) * 100).toFixed(1)}%`,
    formatMilliseconds(row.p50Seconds),
    formatMilliseconds(row.p95Seconds),
    row.ratePerSecond.toFixed(2),
  ];
}

/** Quantiles do not add up across series, so the total line leaves them empty. */
function totalOf(rows: readonly ToolSummaryRow[]): ToolSummaryRow {
  let calls = 0;
  let errors = 0;
  let ratePerSecond = 0;
  for (const row of rows) {
    calls += row.calls;
    errors += row.errors;
    ratePerSecond += row.ratePerSecond;
  }
  return { tool: TOTAL_LABEL, calls, errors, p50Seconds: undefined, p95Seconds: undefined, ratePerSecond };
}

function formatMilliseconds(seconds: number | undefined): string {
  return seconds === undefined ? EMPTY_CELL : (seconds * 1000).toFixed(1);
}
