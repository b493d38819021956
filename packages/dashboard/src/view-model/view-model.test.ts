import { InMemoryBackend, type StoredMetric, type StoredSpan } from '@mcp-o11y/core';
import { describe, expect, it } from 'vitest';
import { buildClients } from './build-clients.js';
import { breakerStates, buildIntegrations } from './build-integrations.js';
import { buildOverview, statusOf } from './build-overview.js';
import { buildTimeseries, errorsByType } from './build-timeseries.js';
import { buildTools } from './build-tools.js';
import { LatencyHistory } from './latency-history.js';
import { mergeQuantiles } from './merge-quantiles.js';
import { steppedCounts } from './series-buckets.js';

/** A backend whose clock the test moves; starts on a bucket boundary. */
function backendAt(startMs = 1_700_000_000_000) {
  let now = startMs;
  const backend = new InMemoryBackend({ bucketSeconds: 10, retentionSeconds: 900 }, () => now);
  return {
    backend,
    now: () => now,
    advance(seconds: number) {
      now += seconds * 1000;
    },
  };
}

function span(overrides: Partial<StoredSpan> & { attributes?: StoredSpan['attributes'] }): StoredSpan {
  return {
    traceId: '0'.repeat(32),
    spanId: '0'.repeat(16),
    name: 'tools/call x',
    kind: 'server',
    startTimeMs: 1_700_000_000_000,
    durationMs: 5,
    status: 'unset',
    events: [],
    links: [],
    ...overrides,
    attributes: { 'mcp.method.name': 'tools/call', ...overrides.attributes },
  };
}

describe('mergeQuantiles', () => {
  it('returns one series as it is, and nulls without data', () => {
    expect(mergeQuantiles([{ count: 5, p50: 0.1, p95: 0.2, p99: 0.3, min: 0.05, max: 0.4 }])).toEqual({
      p50: 0.1,
      p95: 0.2,
      p99: 0.3,
    });
    expect(mergeQuantiles([{ count: 0, p50: undefined, p95: undefined, p99: undefined }])).toEqual({
      p50: null,
      p95: null,
      p99: null,
    });
  });

  it('weights series by count: a busy fast series dominates the median, a slow one the tail', () => {
    const fast = { count: 900, p50: 0.01, p95: 0.02, p99: 0.03, min: 0.005, max: 0.04 };
    const slow = { count: 100, p50: 1, p95: 2, p99: 3, min: 0.5, max: 4 };
    const merged = mergeQuantiles([fast, slow]);
    expect(merged.p50).toBeGreaterThan(0.005);
    expect(merged.p50).toBeLessThan(0.02);
    expect(merged.p99).toBeGreaterThan(1);
    expect(merged.p95).toBeLessThanOrEqual(merged.p99!);
  });
});

describe('steppedCounts and buildTimeseries', () => {
  it('isolates each step from the bucket-aligned windows, oldest first', () => {
    const clock = backendAt();
    const series = clock.backend.series('mcp.server.operation', { 'mcp.method.name': 'tools/call' });
    series.observe(0.01, false); // bucket 0
    clock.advance(10);
    series.observe(0.01, true); // bucket 1
    series.observe(0.01, false);
    clock.advance(10);
    series.observe(0.01, false); // bucket 2
    clock.advance(10); // now in bucket 3 (empty, running)
    const stepped = steppedCounts([series], 60, 10, 10, clock.now());
    expect(stepped.timestamps).toHaveLength(6);
    expect(stepped.counts).toEqual([0, 0, 0, 1, 2, 1]);
    expect(stepped.errors).toEqual([0, 0, 0, 0, 1, 0]);
    expect(stepped.timestamps[5]).toBe((clock.now() - 10_000) / 1000);
  });

  it('rounds the step up to whole buckets', () => {
    const clock = backendAt();
    const series = clock.backend.series('s', {});
    expect(steppedCounts([series], 120, 15, 10, clock.now()).stepSeconds).toBe(20);
  });

  it('builds throughput, error rate, sampled latency and errors by type', () => {
    const clock = backendAt();
    const series = clock.backend.series('mcp.server.operation', { 'mcp.method.name': 'tools/call' });
    const history = new LatencyHistory(10, 900);
    for (let index = 0; index < 10; index += 1) series.observe(0.1, index < 2);
    clock.advance(10);
    history.sample([series], clock.now()); // files the first bucket's latency
    clock.advance(10);
    const spans = [
      span({
        status: 'error',
        attributes: { 'error.type': 'tool_error' },
        startTimeMs: clock.now() - 15_000,
      }),
      span({ status: 'error', attributes: { 'error.type': '-32603' }, startTimeMs: clock.now() - 15_000 }),
      span({ status: 'error', kind: 'client', startTimeMs: clock.now() - 15_000 }),
    ];
    const view = buildTimeseries({
      series: [series],
      spans,
      spanKind: 'server',
      history,
      windowSeconds: 60,
      stepSeconds: 10,
      bucketSeconds: 10,
      nowMs: clock.now(),
    });
    expect(view.stepSeconds).toBe(10);
    expect(view.throughput[4]).toBe(1);
    expect(view.errorRate[4]).toBe(0.2);
    expect(view.latency.p50[4]).toBeCloseTo(0.1, 2);
    expect(view.latency.p50[0]).toBeNull();
    expect(Object.keys(view.errorsByType).sort()).toEqual(['-32603', 'tool_error']);
    expect(view.errorsByType.tool_error?.reduce((a, b) => a + b, 0)).toBe(1);
  });

  it('drops error spans older than the window', () => {
    expect(errorsByType([span({ status: 'error', startTimeMs: 0 })], 'server', [1_000_000], 10)).toEqual({});
  });
});

describe('buildTools', () => {
  it('has one row per tool, busiest first, with counts, quantiles and a sparkline', () => {
    const clock = backendAt();
    const search = clock.backend.series('mcp.server.operation', {
      'mcp.method.name': 'tools/call',
      'gen_ai.tool.name': 'search',
    });
    const flaky = clock.backend.series('mcp.server.operation', {
      'mcp.method.name': 'tools/call',
      'gen_ai.tool.name': 'flaky',
    });
    clock.backend.series('mcp.server.operation', { 'mcp.method.name': 'tools/list' }).observe(0.001, false);
    clock.backend.series('mcp.server.operation', { 'mcp.method.name': 'tools/call' });
    for (let index = 0; index < 4; index += 1) search.observe(0.02, false);
    flaky.observe(0.5, true);
    flaky.observe(0.5, false);
    clock.advance(40);
    const view = buildTools(clock.backend.listSeries('mcp.server.operation'), 300, 10, clock.now());
    expect(view.tools.map((tool) => tool.name)).toEqual(['search', 'flaky']);
    expect(view.tools[1]).toMatchObject({ requests: 2, errors: 1, errorRatio: 0.5, consecutiveFailures: 0 });
    expect(view.tools[0]?.p50).toBeCloseTo(0.02, 3);
    expect(view.tools[0]?.sparkline.reduce((a, b) => a + b, 0)).toBe(4);
    expect(view.sparklineTimestamps).toHaveLength(view.tools[0]!.sparkline.length);
  });
});

describe('buildOverview', () => {
  const alert = (state: 'firing' | 'pending', severity: 'high' | 'critical') =>
    ({ state, severity, fingerprint: state, silencedBy: [], labels: {}, annotations: {} }) as never;

  it('sums requests and errors, counts alerts and derives the status', () => {
    const view = buildOverview({
      service: 'svc',
      windowSeconds: 300,
      stats: [
        {
          count: 90,
          errors: 0,
          errorRatio: 0,
          ratePerSecond: 0.3,
          p50: 0.01,
          p95: 0.02,
          p99: 0.03,
          consecutiveFailures: 0,
        },
        {
          count: 10,
          errors: 10,
          errorRatio: 1,
          ratePerSecond: 0.03,
          p50: 0.01,
          p95: 0.02,
          p99: 0.03,
          consecutiveFailures: 10,
        },
      ],
      alerts: [alert('firing', 'high'), alert('pending', 'high')],
      inFlight: 2,
      nowMs: 1,
    });
    expect(view).toMatchObject({
      requests: 100,
      errors: 10,
      errorRatio: 0.1,
      status: 'degraded',
      activeAlerts: 1,
    });
    expect(view.alerts).toEqual({ firing: 1, pending: 1, acknowledged: 0 });
  });

  it('is failing on a critical alert or half the requests failing, ok on low traffic', () => {
    expect(statusOf([alert('firing', 'critical')], 0, 0)).toBe('failing');
    expect(statusOf([], 0.6, 100)).toBe('failing');
    expect(statusOf([], 1, 3)).toBe('ok');
    expect(statusOf([], 0.01, 100)).toBe('ok');
  });
});

describe('buildClients', () => {
  it('groups server spans by mcp.client.name with their tools', () => {
    const view = buildClients([
      span({
        attributes: { 'mcp.client.name': 'cursor', 'mcp.client.version': '1.2', 'gen_ai.tool.name': 'a' },
      }),
      span({ status: 'error', attributes: { 'mcp.client.name': 'cursor', 'gen_ai.tool.name': 'a' } }),
      span({ attributes: { 'gen_ai.tool.name': 'b' } }),
      span({ kind: 'client', attributes: { 'mcp.client.name': 'cursor' } }),
    ]);
    expect(view.spansExamined).toBe(3);
    expect(view.clients[0]).toMatchObject({ name: 'cursor', version: '1.2', requests: 2, errors: 1 });
    expect(view.clients[0]?.tools).toEqual([{ name: 'a', calls: 2 }]);
    expect(view.clients[1]?.name).toBe('(unknown)');
  });
});

describe('buildIntegrations', () => {
  const gauge = (points: [string, number][]): StoredMetric => ({
    name: 'mcp_o11y.circuit_breaker.state',
    description: '',
    unit: '',
    scope: 'core',
    overflowed: false,
    type: 'gauge',
    points: points.map(([name, value]) => ({
      attributes: { 'integration.name': name },
      value,
      startTimeMs: 0,
      endTimeMs: 0,
    })),
  });

  it('maps the breaker gauge to states, the worst one per integration', () => {
    expect(
      Object.fromEntries(
        breakerStates([
          gauge([
            ['db', 0],
            ['db', 2],
            ['api', 1],
          ]),
        ]),
      ),
    ).toEqual({
      db: 'open',
      api: 'half-open',
    });
  });

  it('lists integrations from the series and the gauge', () => {
    const view = buildIntegrations(
      [
        {
          labels: { 'integration.name': 'db', operation: 'query' },
          stats: {
            count: 4,
            errors: 1,
            errorRatio: 0.25,
            ratePerSecond: 0,
            p50: 0.1,
            p95: 0.2,
            p99: 0.3,
            consecutiveFailures: 1,
          },
        },
      ],
      [gauge([['payments', 2]])],
      300,
    );
    expect(view.integrations.map((row) => [row.name, row.breaker, row.requests])).toEqual([
      ['db', 'unknown', 4],
      ['payments', 'open', 0],
    ]);
  });
});
