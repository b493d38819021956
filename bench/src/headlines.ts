import { appendFileSync } from 'node:fs';
import { formatTable } from './format-table.ts';

/**
 * One row of the summary `run-all` prints after every benchmark: the number a reader checks for a
 * regression, next to the goal it is held to. Benchmarks print their full tables as before; a
 * headline repeats only the measure that matters.
 */
export interface Headline {
  /** Benchmark name as `run-all` knows it (`mcp-round-trip`, `prometheus-record-path`, …). */
  readonly benchmark: string;
  /** What was measured and against what: `full pipeline vs uninstrumented`. */
  readonly measure: string;
  /** The measured value, formatted: `1.37x`, `+3.57 µs/call`, `612.0 KiB`. */
  readonly value: string;
  /** The goal it is held to, when it has one: `≤ 1.3x`. */
  readonly goal?: string;
  /** Whether the goal was met in this run; absent for rows that are information only. */
  readonly met?: boolean;
}

/**
 * The file headlines are appended to, one JSON object per line. `run-all` sets it for itself and for
 * the package benchmarks it starts as child processes, so one file gathers every benchmark's rows
 * whichever process measured them. Unset (a benchmark run on its own), headlines are only printed.
 */
export const HEADLINES_FILE_VARIABLE = 'MCP_O11Y_BENCH_HEADLINES';

/**
 * Records headlines for the summary and prints them under the benchmark's own report, so a benchmark
 * run on its own shows the same lines.
 */
export function reportHeadlines(headlines: readonly Headline[], write: (text: string) => void): void {
  write(`\nheadlines (information only; a benchmark never fails a run):\n${formatHeadlines(headlines)}`);
  const file = process.env[HEADLINES_FILE_VARIABLE];
  if (file === undefined || file === '') return;
  appendFileSync(file, headlines.map((headline) => `${JSON.stringify(headline)}\n`).join(''));
}

/** Reads a headlines file; a line that is not a headline is an error, never skipped. */
export function parseHeadlines(text: string): Headline[] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, index) => {
      const value: unknown = JSON.parse(line);
      if (!isHeadline(value)) {
        throw new Error(`[@mcp-o11y/bench] headline ${index + 1} is malformed: ${line.slice(0, 200)}`);
      }
      return value;
    });
}

function isHeadline(value: unknown): value is Headline {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return (
    typeof record.benchmark === 'string' &&
    typeof record.measure === 'string' &&
    typeof record.value === 'string' &&
    (record.goal === undefined || typeof record.goal === 'string') &&
    (record.met === undefined || typeof record.met === 'boolean')
  );
}

/** `met` / `MISSED` for a goal, blank for information. */
function verdictOf(headline: Headline): string {
  if (headline.met === undefined) return '';
  return headline.met ? 'met' : 'MISSED';
}

/** The summary table: one line per headline, grouped by benchmark in the order they were reported. */
export function formatHeadlines(headlines: readonly Headline[]): string {
  return formatTable(
    [
      { header: 'benchmark' },
      { header: 'measure' },
      { header: 'value', align: 'right' },
      { header: 'goal' },
      { header: 'verdict' },
    ],
    headlines.map((headline) => [
      headline.benchmark,
      headline.measure,
      headline.value,
      headline.goal ?? '',
      verdictOf(headline),
    ]),
  );
}
