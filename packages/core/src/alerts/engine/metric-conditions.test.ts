import { describe, expect, it } from 'vitest';
import type { MetricsSnapshot } from '../../store/in-memory-metric-reader.js';
import type { StoredMetric } from '../../store/stored-metric.js';
import { createHarness } from './engine-test-harness.test-helper.js';

function sum(
  name: string,
  points: { attributes: Record<string, string>; value: number }[],
  type: 'sum' | 'gauge' = 'sum',
): StoredMetric {
  const base = { name, description: '', unit: '', scope: 'test', overflowed: false };
  const stored = points.map((point) => ({ ...point, startTimeMs: 0, endTimeMs: 0 }));
  return type === 'sum'
    ? { ...base, type, monotonic: true, points: stored }
    : { ...base, type, points: stored };
}

function histogram(name: string, count: number, buckets: number[]): StoredMetric {
  return {
    name,
    description: '',
    unit: 's',
    scope: 'test',
    overflowed: false,
    type: 'histogram',
    points: [
      {
        attributes: { 'mcp.method.name': 'tools/call' },
        startTimeMs: 0,
        endTimeMs: 0,
        count,
        sum: count * 0.1,
        boundaries: [0.1, 0.2, 0.5],
        bucketCounts: buckets,
      },
    ],
  };
}

describe('metric conditions and the default pack', () => {
  it('fires the default pack on auth failures, an open breaker, in-flight requests and a latency SLO burn (60 % slower than 200 ms, none over 500 ms)', async () => {
    let snapshot: MetricsSnapshot = { metrics: [], errors: [] };
    const h = createHarness({ defaultRules: true, rules: [] });
    const source = { listSeries: () => h.backend.listSeries(), metricsSnapshot: async () => snapshot };
    const engine = createHarness({ defaultRules: true, rules: [], source, clock: h.clock });
    const set = (requests: number, authFailures: number, slow: number) => {
      snapshot = {
        errors: [],
        metrics: [
          histogram('mcp.server.operation.duration', requests, [requests - slow, 0, slow, 0]),
          sum('mcp_o11y.auth.attempts', [
            { attributes: { outcome: 'failure', reason: 'invalid_token' }, value: authFailures },
            { attributes: { outcome: 'success' }, value: requests - authFailures },
          ]),
          sum(
            'mcp_o11y.circuit_breaker.state',
            [
              { attributes: { 'integration.name': 'weather-api' }, value: 2 },
              { attributes: { 'integration.name': 'db' }, value: 0 },
            ],
            'gauge',
          ),
          sum('mcp_o11y.requests.active', [
            { attributes: { 'mcp.method.name': 'tools/call' }, value: 80 },
            { attributes: { 'mcp.method.name': 'resources/read' }, value: 30 },
          ]),
        ],
      };
    };
    set(1000, 0, 0);
    await engine.engine.evaluateNow();
    set(1100, 50, 60);
    // The second engine reads the first harness's clock; tick the first (its own rules see no traffic).
    await h.tick(60_000);
    await engine.engine.evaluateNow();
    const firing = engine.engine
      .listAlerts()
      .filter((alert) => alert.state !== 'resolved')
      .map((alert) => `${alert.name}:${alert.state}`)
      .sort();
    expect(firing).toEqual([
      'AuthenticationFailures:firing',
      'CircuitBreakerOpen:firing',
      'SloBurnRate:latency-p95:firing',
      'TooManyRequestsInFlight:firing',
    ]);
    const auth = engine.engine.listAlerts().find((alert) => alert.name === 'AuthenticationFailures');
    expect(auth?.value).toBeCloseTo(0.5);
    expect(auth?.annotations.summary).toBe(
      'Authentication failure rate is 50 % (above 10 %). Possible security incident.',
    );
    const breaker = engine.engine.listAlerts().find((alert) => alert.name === 'CircuitBreakerOpen');
    expect(breaker?.labels['integration.name']).toBe('weather-api');
  });
});
