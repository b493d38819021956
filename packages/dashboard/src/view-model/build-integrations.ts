import type { StoredMetric, WindowStats } from '@mcp-o11y/core';

/** Breaker state as the dashboard shows it; `unknown` when no gauge point was collected. */
export type BreakerState = 'closed' | 'half-open' | 'open' | 'unknown';

/** One row of `GET /api/integrations`. */
export interface IntegrationRow {
  /** `integration.name`. */
  readonly name: string;
  readonly breaker: BreakerState;
  readonly requests: number;
  readonly errors: number;
  readonly errorRatio: number;
  /** Per operation, busiest first. */
  readonly operations: {
    readonly operation: string;
    readonly requests: number;
    readonly errors: number;
    readonly errorRatio: number;
    /** Seconds; null without calls in the window. */
    readonly p95: number | null;
    readonly consecutiveFailures: number;
  }[];
}

/** `GET /api/integrations`. */
export interface IntegrationsView {
  readonly windowSeconds: number;
  readonly integrations: IntegrationRow[];
}

/** Name of core's breaker gauge: 0 closed, 1 half-open, 2 open, by `integration.name`. */
export const BREAKER_METRIC = 'mcp_o11y.circuit_breaker.state';
const stateByValue: Readonly<Record<number, BreakerState>> = { 0: 'closed', 1: 'half-open', 2: 'open' };

/** One `mcp_o11y.integration` series read over the window. */
export interface IntegrationSeriesReading {
  readonly labels: Readonly<Record<string, string>>;
  readonly stats: WindowStats;
}

/** Integrations with their breaker states. Pure. */
export function buildIntegrations(
  readings: readonly IntegrationSeriesReading[],
  metrics: readonly StoredMetric[],
  windowSeconds: number,
): IntegrationsView {
  const breakers = breakerStates(metrics);
  const names = new Set<string>([...breakers.keys()]);
  for (const reading of readings) names.add(reading.labels['integration.name'] ?? '(unnamed)');
  const integrations = [...names].sort().map((name): IntegrationRow => {
    const operations = readings
      .filter((reading) => (reading.labels['integration.name'] ?? '(unnamed)') === name)
      .map(({ labels, stats }) => ({
        operation: labels.operation ?? '',
        requests: stats.count,
        errors: stats.errors,
        errorRatio: stats.errorRatio,
        p95: stats.p95 ?? null,
        consecutiveFailures: stats.consecutiveFailures,
      }))
      .sort((left, right) => right.requests - left.requests);
    const requests = operations.reduce((total, one) => total + one.requests, 0);
    const errors = operations.reduce((total, one) => total + one.errors, 0);
    return {
      name,
      breaker: breakers.get(name) ?? 'unknown',
      requests,
      errors,
      errorRatio: requests === 0 ? 0 : errors / requests,
      operations,
    };
  });
  return { windowSeconds, integrations };
}

/** The worst breaker state per integration name, from the gauge. */
export function breakerStates(metrics: readonly StoredMetric[]): Map<string, BreakerState> {
  const states = new Map<string, BreakerState>();
  for (const metric of metrics) {
    if (metric.name !== BREAKER_METRIC || metric.type !== 'gauge') continue;
    const worst = new Map<string, number>();
    for (const point of metric.points) {
      const name = String(point.attributes['integration.name'] ?? '(unnamed)');
      worst.set(name, Math.max(worst.get(name) ?? 0, point.value));
    }
    for (const [name, value] of worst) states.set(name, stateByValue[value] ?? 'unknown');
  }
  return states;
}
