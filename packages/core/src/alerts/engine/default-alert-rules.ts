import type { AlertRuleV1 } from '../../spec/alerts/v1/alert-rule-v1.js';
import type { RouteV1 } from '../../spec/alerts/v1/route-v1.js';
import type { SloV1 } from '../../spec/alerts/v1/slo-v1.js';

/** The seeds' objectives: p95 < 200 ms, p99 < 500 ms, availability 99.5 %, error rate < 0.1 %. */
export const DEFAULT_SLOS: readonly SloV1[] = [
  {
    name: 'latency-p95',
    objective: { kind: 'latency', thresholdSeconds: 0.2, target: 0.95 },
    description: '95 % of requests faster than 200 ms',
  },
  {
    name: 'latency-p99',
    objective: { kind: 'latency', thresholdSeconds: 0.5, target: 0.99 },
    description: '99 % of requests faster than 500 ms',
  },
  {
    name: 'availability',
    objective: { kind: 'availability', target: 0.995 },
    description: '99.5 % of requests succeed',
  },
  {
    name: 'error-rate',
    objective: { kind: 'availability', target: 0.999 },
    description: 'error rate below 0.1 %',
  },
];

const TOOL = '{{labels.gen_ai.tool.name}}';
const METHOD = '{{labels.mcp.method.name}}';

/**
 * The default rule pack, from the seeds. Minimum-traffic guards keep a quiet server from paging on one
 * failed call: ratios need 10 requests in their 5-minute window, quantiles 20, SLO burn rates 20 in the
 * long window; resource rules must hold for 2 minutes.
 *
 * @param memoryLimitBytes - What "memory above 90 %" is a share of: the process's resident memory
 * against this limit (the engine passes `process.constrainedMemory()` or the machine's total memory).
 */
export function defaultAlertRules(memoryLimitBytes: number): AlertRuleV1[] {
  return [
    {
      name: 'HighErrorRate',
      condition: { kind: 'error_ratio', threshold: 0.05, window: '5m', minCount: 10 },
      for: '1m',
      severity: 'high',
      annotations: {
        summary: `Error rate of ${METHOD} ${TOOL} is {{valuePercent}} % (above {{thresholdPercent}} %) over {{window}}`,
        runbook: 'high_error_rate',
      },
    },
    {
      name: 'HighLatencyP95',
      condition: { kind: 'latency', quantile: 'p95', threshold: 0.5, window: '5m', minCount: 20 },
      for: '2m',
      severity: 'medium',
      annotations: {
        summary: `p95 latency of ${METHOD} ${TOOL} is {{value}} s (above {{threshold}} s)`,
        runbook: 'slow_performance',
      },
    },
    {
      name: 'LargeToolResults',
      condition: {
        kind: 'latency',
        // The sizes of successful results, in bytes: a p95 of this series is a size, not a latency.
        series: 'mcp_o11y.result.size',
        matchers: [{ name: 'mcp.method.name', operator: '=', value: 'tools/call' }],
        quantile: 'p95',
        // About 4000 tokens (4 bytes a token) per call: a few such calls crowd a model's context window.
        threshold: 16_000,
        window: '5m',
        minCount: 20,
      },
      for: '5m',
      severity: 'low',
      annotations: {
        summary: `p95 result size of tool ${TOOL} is {{value}} bytes (above {{threshold}} bytes, about 4000 tokens)`,
        runbook: 'large_tool_results',
      },
    },
    {
      name: 'SlowIntegrationCalls',
      condition: {
        kind: 'metric',
        metric: 'mcp_o11y.integration.duration',
        aggregate: 'mean',
        window: '5m',
        by: ['integration.name'],
        threshold: 2,
        minCount: 5,
      },
      for: '2m',
      severity: 'medium',
      annotations: {
        summary: 'Calls to {{labels.integration.name}} take {{value}} s on average (above {{threshold}} s)',
        runbook: 'slow_performance',
      },
    },
    {
      name: 'HighCpuUsage',
      condition: { kind: 'metric', metric: 'process.cpu.utilization', by: [], threshold: 0.85 },
      for: '2m',
      severity: 'medium',
      annotations: { summary: 'CPU usage is {{valuePercent}} % (above {{thresholdPercent}} %)' },
    },
    {
      name: 'HighMemoryUsage',
      condition: {
        kind: 'metric',
        metric: 'process.memory.usage',
        by: [],
        threshold: Math.round(memoryLimitBytes * 0.9),
      },
      for: '2m',
      severity: 'high',
      annotations: {
        summary: 'Resident memory is {{value}} bytes, above 90 % of the limit ({{threshold}} bytes)',
      },
    },
    {
      name: 'AuthenticationFailures',
      condition: {
        kind: 'metric_ratio',
        // Failed authentications (401s, invalid_request) among all auth attempts that observeHttpSecurity /
        // observeFetchSecurity saw; 403 denials are authorisation, not authentication, and stay out.
        numerator: {
          metric: 'mcp_o11y.auth.attempts',
          matchers: [{ name: 'outcome', operator: '=', value: 'failure' }],
        },
        denominator: { metric: 'mcp_o11y.auth.attempts' },
        window: '5m',
        threshold: 0.1,
        minCount: 10,
      },
      severity: 'high',
      annotations: {
        summary:
          'Authentication failure rate is {{valuePercent}} % (above {{thresholdPercent}} %). Possible security incident.',
        runbook: 'authentication_failures',
      },
    },
    {
      name: 'CircuitBreakerOpen',
      condition: { kind: 'circuit_breaker_open' },
      severity: 'critical',
      annotations: { summary: 'Circuit breaker of {{labels.integration.name}} is open' },
    },
    {
      name: 'TooManyRequestsInFlight',
      condition: { kind: 'in_flight', threshold: 100 },
      for: '1m',
      severity: 'critical',
      annotations: { summary: '{{value}} requests in flight (above {{threshold}})' },
    },
    {
      name: 'HealthCheckFailing',
      condition: { kind: 'health_check_status', status: 'fail' },
      for: '1m',
      severity: 'critical',
      annotations: { summary: 'Health check {{labels.check}} fails', runbook: 'database_connection_failure' },
    },
    ...DEFAULT_SLOS.map(
      (slo): AlertRuleV1 => ({
        name: `SloBurnRate:${slo.name}`,
        condition: { kind: 'slo_burn_rate', slo: slo.name, minCount: 20 },
        severity: 'high',
        labels: { slo: slo.name },
        annotations: {
          summary: `SLO ${slo.name} (${slo.description ?? ''}) burns its error budget {{value}}× too fast`,
        },
      }),
    ),
  ];
}

/**
 * The default routing tree when none is configured: every notifier, grouped by `alertname`, with the seeds'
 * cooldowns as repeat intervals (critical and high 5 min, medium 10 min, low 15 min).
 */
export function defaultRoute(notifierIds: readonly string[]): RouteV1 {
  return {
    notifiers: notifierIds,
    groupBy: ['alertname'],
    groupWait: '30s',
    groupInterval: '5m',
    repeatInterval: '4h',
    routes: [
      { matchers: [{ name: 'severity', operator: '=~', value: 'critical|high' }], repeatInterval: '5m' },
      { matchers: [{ name: 'severity', operator: '=', value: 'medium' }], repeatInterval: '10m' },
      { matchers: [{ name: 'severity', operator: '=', value: 'low' }], repeatInterval: '15m' },
    ],
  };
}
