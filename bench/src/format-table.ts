/** How a column's cells line up: text left, numbers right. */
export type ColumnAlignment = 'left' | 'right';

/** One column of a {@link formatTable} table. */
export interface TableColumn {
  /** Header text. */
  readonly header: string;
  /** Default: `left`. */
  readonly align?: ColumnAlignment;
}

/** Renders rows as a plain-text table with a header rule, every line ending in `\n`. */
export function formatTable(columns: readonly TableColumn[], rows: readonly (readonly string[])[]): string {
  const widths = columns.map((column, index) =>
    Math.max(column.header.length, ...rows.map((row) => (row[index] ?? '').length)),
  );
  const line = (cells: readonly string[]): string =>
    columns
      .map((column, index) => {
        const cell = cells[index] ?? '';
        const width = widths[index] ?? 0;
        return column.align === 'right' ? cell.padStart(width) : cell.padEnd(width);
      })
      .join('  ')
      .trimEnd();
  const rule = widths.map((width) => '-'.repeat(width)).join('  ');
  return `${[line(columns.map((column) => column.header)), rule, ...rows.map(line)].join('\n')}\n`;
}

/** `1234.5` → `1,235`; below 10, one decimal (`3.2`), so small costs keep their resolution. */
export function formatNanoseconds(nanoseconds: number): string {
  if (!Number.isFinite(nanoseconds)) return 'n/a';
  const digits = Math.abs(nanoseconds) < 10 ? 1 : 0;
  return nanoseconds.toLocaleString('en-US', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
}

/** `2.345` → `2.35x`. */
export function formatRatio(ratio: number): string {
  return Number.isFinite(ratio) ? `${ratio.toFixed(2)}x` : 'n/a';
}

/** Bytes as KiB or MiB with one decimal, signed when negative. */
export function formatBytes(bytes: number): string {
  const mebibyte = 1024 * 1024;
  if (Math.abs(bytes) >= mebibyte) return `${(bytes / mebibyte).toFixed(1)} MiB`;
  return `${(bytes / 1024).toFixed(1)} KiB`;
}

/** What {@link formatCallTable} reads of a measured variant (`VariantSummary` of measure.ts fits). */
export interface CallRow {
  readonly name: string;
  readonly iterations: number;
  readonly medianNanoseconds: number;
  readonly medianRatio: number;
  readonly ratioQuartiles: readonly [number, number];
  readonly medianAddedNanoseconds: number;
}

/**
 * The per-call table of the round-trip benchmarks: calls per turn, ns per call, ratio against the
 * baseline (`baseline` names it in the header), its spread, and the µs each call added.
 */
export function formatCallTable(rows: readonly CallRow[], baseline: string): string {
  return formatTable(
    [
      { header: 'variant' },
      { header: 'calls/turn', align: 'right' },
      { header: 'ns/call', align: 'right' },
      { header: `ratio vs ${baseline}`, align: 'right' },
      { header: 'ratio p25-p75', align: 'right' },
      { header: 'added µs/call', align: 'right' },
    ],
    rows.map((row) => [
      row.name,
      row.iterations.toLocaleString('en-US'),
      formatNanoseconds(row.medianNanoseconds),
      formatRatio(row.medianRatio),
      `${formatRatio(row.ratioQuartiles[0])}-${formatRatio(row.ratioQuartiles[1])}`,
      (row.medianAddedNanoseconds / 1000).toFixed(2),
    ]),
  );
}
