import { InMemoryBackend } from '@mcp-o11y/core';
import { describe, expect, it } from 'vitest';
import { formatFinalSummary, readToolSummary, SERVER_OPERATION_SERIES } from '../src/live-summary.ts';

function backendAt(clock: { now: number }): InMemoryBackend {
  return new InMemoryBackend({ bucketSeconds: 1, retentionSeconds: 3_600 }, () => clock.now);
}

function toolSeries(store: InMemoryBackend, tool: string) {
  return store.series(SERVER_OPERATION_SERIES, { 'mcp.method.name': 'tools/call', 'gen_ai.tool.name': tool });
}

describe('readToolSummary', () => {
  it('reads one row per tool from the tools/call series, ignoring other methods and the client side', () => {
    const clock = { now: 1_700_000_000_000 };
    const store = backendAt(clock);
    const weather = toolSeries(store, 'get_weather');
    for (let call = 0; call < 10; call += 1) weather.observe(0.05, call === 3);
    // What instrument() records besides tool calls, and what instrumentClient() records on the client.
    store.series(SERVER_OPERATION_SERIES, { 'mcp.method.name': 'initialize' }).observe(0.001, false);
    store.series(SERVER_OPERATION_SERIES, { 'mcp.method.name': 'tools/list' }).observe(0.002, true);
    store
      .series('mcp.client.operation', { 'mcp.method.name': 'tools/call', 'gen_ai.tool.name': 'get_weather' })
      .observe(1, false);

    const rows = readToolSummary(store, 60, 5);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ tool: 'get_weather', calls: 10, errors: 1, ratePerSecond: 2 });
    expect(rows[0]?.p50Seconds).toBeCloseTo(0.05, 3);
  });

  it('divides the rate by the window once traffic has run longer than it', () => {
    const clock = { now: 1_700_000_000_000 };
    const store = backendAt(clock);
    const search = toolSeries(store, 'search_docs');
    for (let second = 0; second < 120; second += 1) {
      clock.now += 1000;
      search.observe(0.01, false);
      search.observe(0.01, false);
    }
    const [row] = readToolSummary(store, 60, 120);
    // 1 s buckets: the 60 s window spans the current bucket and the 60 before it.
    expect(row?.calls).toBe(122);
    expect(row?.ratePerSecond).toBeCloseTo(122 / 60, 5);
  });
});

describe('formatFinalSummary', () => {
  it('covers the whole run, not only the live window', () => {
    const clock = { now: 1_700_000_000_000 };
    const store = backendAt(clock);
    const summarize = toolSeries(store, 'summarize_url');
    for (let second = 0; second < 90; second += 1) {
      clock.now += 1000;
      summarize.observe(0.4, false);
    }
    const table = formatFinalSummary(store, 90, 3_600);
    expect(table).toContain('final summary | tools/call, whole run | 90.0 s of traffic');
    expect(table).toMatch(/summarize_url\s+90\s+0\s+0\.0%\s+400\.\d\s+400\.\d\s+1\.00/);
  });
});
