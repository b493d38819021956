import { describe, expect, it } from 'vitest';
import { formatSummaryTable, type ToolSummaryRow } from '../src/summary-table.ts';

const rows: ToolSummaryRow[] = [
  { tool: 'summarize_url', calls: 12, errors: 0, p50Seconds: 0.3771, p95Seconds: 0.5882, ratePerSecond: 0.2 },
  {
    tool: 'get_weather',
    calls: 40,
    errors: 4,
    p50Seconds: 0.0521,
    p95Seconds: 0.0849,
    ratePerSecond: 0.6667,
  },
  {
    tool: 'search_docs',
    calls: 1234,
    errors: 0,
    p50Seconds: 0.00912,
    p95Seconds: 0.0146,
    ratePerSecond: 20.5667,
  },
];

describe('formatSummaryTable', () => {
  it('renders a title, a header, one aligned line per tool sorted by name, and a total', () => {
    expect(formatSummaryTable({ title: 'live | last 60 s', rows })).toBe(
      [
        'mcp-o11y demo | live | last 60 s',
        'tool           calls  errors  error %  p50 ms  p95 ms  rate/s',
        'get_weather       40       4    10.0%    52.1    84.9    0.67',
        'search_docs     1234       0     0.0%     9.1    14.6   20.57',
        'summarize_url     12       0     0.0%   377.1   588.2    0.20',
        'all tools       1286       4     0.3%       -       -   21.43',
      ].join('\n'),
    );
  });

  it('shows dashes for a tool without calls in the window instead of 0 ms or NaN %', () => {
    const table = formatSummaryTable({
      title: 'idle',
      rows: [
        {
          tool: 'get_weather',
          calls: 0,
          errors: 0,
          p50Seconds: undefined,
          p95Seconds: undefined,
          ratePerSecond: 0,
        },
      ],
    });
    expect(table.split('\n')[2]).toBe('get_weather      0       0        -       -       -    0.00');
    expect(table).not.toContain('NaN');
  });

  it('says so when no tool was called yet', () => {
    expect(formatSummaryTable({ title: 'live', rows: [] })).toBe('mcp-o11y demo | live\n(no tool calls yet)');
  });

  it('widens the tool column to the longest name', () => {
    const long = 'a_tool_with_a_rather_long_name';
    const lines = formatSummaryTable({
      title: 't',
      rows: [{ tool: long, calls: 1, errors: 1, p50Seconds: 0.001, p95Seconds: 0.001, ratePerSecond: 1 }],
    }).split('\n');
    expect(lines[1]).toBe(
      `tool${' '.repeat(long.length - 4)}  calls  errors  error %  p50 ms  p95 ms  rate/s`,
    );
    expect(lines[2]).toBe(`${long}      1       1   100.0%     1.0     1.0    1.00`);
  });
});
