import type { Attributes, Counter, Histogram, Meter, ObservableGauge } from '@opentelemetry/api';
import type { CircuitBreakerState } from './integration-options.js';

/** Metric names of outbound integrations; project signals, hence the `mcp_o11y.` prefix. */
export const INTEGRATION_METRICS = {
  duration: 'mcp_o11y.integration.duration',
  errors: 'mcp_o11y.integration.errors',
  retries: 'mcp_o11y.integration.retries',
  retrySuccesses: 'mcp_o11y.integration.retry_successes',
  circuitBreakerState: 'mcp_o11y.circuit_breaker.state',
  circuitBreakerTransitions: 'mcp_o11y.circuit_breaker.transitions',
  slowCalls: 'mcp_o11y.integration.slow_calls',
  poolConnections: 'mcp_o11y.integration.pool.connections',
  poolPendingRequests: 'mcp_o11y.integration.pool.pending_requests',
  poolMax: 'mcp_o11y.integration.pool.max',
} as const;

/** Name of the in-memory window series each call is observed into, labelled `integration.name`, `operation`. */
export const INTEGRATION_SERIES = 'mcp_o11y.integration';

/** Gauge value of each state: larger is worse, so `max by (integration.name)` alerts on any open breaker. */
export const CIRCUIT_BREAKER_STATE_VALUES: Readonly<Record<CircuitBreakerState, number>> = {
  closed: 0,
  'half-open': 1,
  open: 2,
};

// Latencies of databases and remote APIs: from a 1 ms cache hit to a 60 s report query.
const durationBuckets = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

/** A breaker the state gauge reports on each collection. */
export interface CircuitBreakerGaugeSource {
  readonly state: CircuitBreakerState;
  readonly gaugeAttributes: Attributes;
  /** Set when the integration is gone: the next collection reports `closed` once, then drops the source. */
  retired: boolean;
}

/** The instruments every integration on one meter shares. */
export interface IntegrationInstruments {
  readonly duration: Histogram;
  readonly errors: Counter;
  readonly retries: Counter;
  readonly retrySuccesses: Counter;
  readonly transitions: Counter;
  readonly slowCalls: Counter;
  /** Breakers reported by the one gauge callback of this meter; integrations add and retire themselves. */
  readonly breakers: Set<CircuitBreakerGaugeSource>;
}

// One set per meter, created on first use: instruments are registered once and the gauge has a single
// callback walking the live breakers, however many integrations come and go.
const instrumentsByMeter = new WeakMap<Meter, IntegrationInstruments>();

/** The shared instruments of `meter`, created on first call. */
export function integrationInstruments(meter: Meter): IntegrationInstruments {
  const existing = instrumentsByMeter.get(meter);
  if (existing !== undefined) return existing;
  const breakers = new Set<CircuitBreakerGaugeSource>();
  const gauge: ObservableGauge = meter.createObservableGauge(INTEGRATION_METRICS.circuitBreakerState, {
    description: 'Circuit breaker state of each outbound integration: 0 closed, 1 half-open, 2 open.',
    unit: '{state}',
  });
  gauge.addCallback((result) => {
    for (const breaker of breakers) {
      // Cumulative readers keep re-exporting a stream's last value after it stops being observed (OTel JS
      // SDK behaviour), so a disposed breaker that was open would hold an "open" alert forever.
      const state = breaker.retired ? 'closed' : breaker.state;
      result.observe(CIRCUIT_BREAKER_STATE_VALUES[state], breaker.gaugeAttributes);
      if (breaker.retired) breakers.delete(breaker);
    }
  });
  const created: IntegrationInstruments = {
    duration: meter.createHistogram(INTEGRATION_METRICS.duration, {
      description: 'Duration of calls to outbound integrations, retries and backoff included.',
      unit: 's',
      advice: { explicitBucketBoundaries: durationBuckets },
    }),
    errors: meter.createCounter(INTEGRATION_METRICS.errors, {
      description: 'Failed calls to outbound integrations, by error.type (after retries).',
      unit: '{error}',
    }),
    retries: meter.createCounter(INTEGRATION_METRICS.retries, {
      description: 'Retry attempts of calls to outbound integrations, by the error.type that caused them.',
      unit: '{retry}',
    }),
    retrySuccesses: meter.createCounter(INTEGRATION_METRICS.retrySuccesses, {
      description: 'Calls to outbound integrations that succeeded after at least one retry.',
      unit: '{call}',
    }),
    transitions: meter.createCounter(INTEGRATION_METRICS.circuitBreakerTransitions, {
      description: 'Circuit breaker state changes of outbound integrations, by from and to state.',
      unit: '{transition}',
    }),
    slowCalls: meter.createCounter(INTEGRATION_METRICS.slowCalls, {
      description: 'Calls to outbound integrations slower than their slowThresholdMs, retries included.',
      unit: '{call}',
    }),
    breakers,
  };
  instrumentsByMeter.set(meter, created);
  return created;
}
