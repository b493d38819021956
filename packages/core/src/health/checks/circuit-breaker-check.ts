import {
  CIRCUIT_BREAKER_STATE_VALUES,
  INTEGRATION_METRICS,
} from '../../integrations/integration-instruments.js';
import type { HealthCheckV1 } from '../../spec/health/v1/health-check-v1.js';
import type { MetricsSnapshot } from '../../store/in-memory-metric-reader.js';

/**
 * `circuit-breakers`: the state of every integration's breaker (`createIntegration`), read from the
 * `mcp_o11y.circuit_breaker.state` gauge. Open warns with the integration names: the service still
 * answers, but calls to those dependencies fail fast.
 */
export function circuitBreakerCheck(snapshot: () => Promise<MetricsSnapshot>): HealthCheckV1 {
  return {
    specificationVersion: 'v1',
    name: 'circuit-breakers',
    async check() {
      const { metrics } = await snapshot();
      const gauge = metrics.find((metric) => metric.name === INTEGRATION_METRICS.circuitBreakerState);
      const states: Record<string, string> = {};
      for (const point of gauge?.points ?? []) {
        const integration = String(point.attributes['integration.name'] ?? 'unknown');
        const value = 'value' in point ? point.value : 0;
        const state =
          value >= CIRCUIT_BREAKER_STATE_VALUES.open
            ? 'open'
            : value >= CIRCUIT_BREAKER_STATE_VALUES['half-open']
              ? 'half-open'
              : 'closed';
        // Several operations of one integration share its breaker; keep the worst state seen.
        if (states[integration] !== 'open') states[integration] = state;
      }
      const open = Object.keys(states).filter((name) => states[name] === 'open');
      const details = {
        componentType: 'component',
        observedValue: open.length,
        observedUnit: 'open breakers',
        breakers: states,
      };
      if (open.length === 0) {
        const count = Object.keys(states).length;
        return { status: 'pass', message: `${count} circuit breaker(s), none open`, details };
      }
      return {
        status: 'warn',
        message: `circuit breaker open for ${open.join(', ')}: calls fail fast`,
        details,
        remediation: `The dependency ${open.join(', ')} failed repeatedly. Check that it is up and reachable (see the runbook database_connection_failure); the breaker lets trial calls through after its break and closes by itself once they succeed.`,
      };
    },
  };
}
