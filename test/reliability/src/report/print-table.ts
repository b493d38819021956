/**
 * Prints the closing table of the reliability suite: every row the scenarios recorded in .results/*.jsonl
 * (see suite-result.ts), one table, on stdout. A script run after vitest by the package's `test` and
 * `full` scripts: `node src/report/print-table.ts`. It never fails the run; an empty .results says so.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RESULTS_DIR, type SuiteResult } from './suite-result.ts';

const COLUMNS: readonly {
  readonly header: string;
  readonly cell: (row: SuiteResult) => string;
  readonly right?: true;
}[] = [
  { header: 'area', cell: (row) => row.area },
  { header: 'scenario', cell: (row) => row.scenario },
  { header: 'faults injected', cell: (row) => count(row.faults), right: true },
  { header: 'requests served', cell: (row) => count(row.requests), right: true },
  { header: 'dropped', cell: (row) => count(row.dropped), right: true },
  { header: 'counted', cell: (row) => count(row.counted), right: true },
  {
    header: 'heap peak MiB',
    cell: (row) => (row.heapPeakMiB === undefined ? '' : row.heapPeakMiB.toFixed(1)),
    right: true,
  },
  { header: 'secrets found', cell: (row) => count(row.secretsFound), right: true },
  { header: 'note', cell: (row) => row.note ?? '' },
];

function count(value: number | undefined): string {
  return value === undefined ? '' : value.toLocaleString('en-US');
}

/** Rows of every .jsonl file, in file-name order then recording order; a bad line becomes a visible row. */
export function readResults(directory: string = RESULTS_DIR): SuiteResult[] {
  if (!existsSync(directory)) return [];
  const rows: SuiteResult[] = [];
  for (const file of readdirSync(directory)
    .filter((name) => name.endsWith('.jsonl'))
    .sort()) {
    for (const line of readFileSync(join(directory, file), 'utf8').split('\n')) {
      if (line.trim() === '') continue;
      try {
        rows.push(JSON.parse(line) as SuiteResult);
      } catch {
        rows.push({
          area: file.replace(/\.jsonl$/, ''),
          scenario: '(unreadable row)',
          faults: 0,
          note: line.slice(0, 80),
        });
      }
    }
  }
  return rows;
}

/** The rows as one plain-text table (markdown pipes, so it pastes into an issue). Pure. */
export function formatTable(rows: readonly SuiteResult[]): string {
  const cells = rows.map((row) => COLUMNS.map((column) => column.cell(row).replaceAll('|', '/')));
  const widths = COLUMNS.map((column, index) =>
    Math.max(column.header.length, ...cells.map((row) => row[index]!.length)),
  );
  const line = (values: readonly string[]) =>
    `| ${values.map((value, index) => (COLUMNS[index]!.right ? value.padStart(widths[index]!) : value.padEnd(widths[index]!))).join(' | ')} |`;
  const rule = `|${widths.map((width, index) => (COLUMNS[index]!.right ? `${'-'.repeat(width + 1)}:` : '-'.repeat(width + 2))).join('|')}|`;
  return [line(COLUMNS.map((column) => column.header)), rule, ...cells.map(line)].join('\n');
}

const rows = readResults();
process.stdout.write(
  rows.length === 0
    ? '\nreliability suite: no results recorded (did every scenario fail or get skipped?)\n'
    : `\nreliability suite: ${rows.length} scenarios\n\n${formatTable(rows)}\n`,
);
