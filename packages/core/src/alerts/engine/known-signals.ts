import type { AlertSeriesNameV1 } from '../../spec/alerts/v1/alert-condition-v1.js';

/**
 * Metrics core records, which rules may name without declaring them. A rule naming anything else must
 * list it in the rule file's `customMetrics`, so a typo is refused at load instead of never firing.
 */
export const CORE_METRIC_NAMES: readonly string[] = [
  'mcp.server.operation.duration',
  'mcp.client.operation.duration',
  'mcp.server.session.duration',
  'mcp.client.session.duration',
  'mcp_o11y.requests.active',
  'mcp_o11y.errors',
  'mcp_o11y.notifications',
  'mcp_o11y.usage.requests',
  'mcp_o11y.result.size',
  'mcp_o11y.result.tokens',
  'mcp_o11y.integration.duration',
  'mcp_o11y.integration.errors',
  'mcp_o11y.integration.retries',
  'mcp_o11y.integration.retry_successes',
  'mcp_o11y.circuit_breaker.state',
  'mcp_o11y.circuit_breaker.transitions',
  'mcp_o11y.auth.attempts',
  'mcp_o11y.http.rejections',
  'process.cpu.time',
  'process.cpu.utilization',
  'process.memory.usage',
  'v8js.memory.heap.used',
  'v8js.memory.heap.space.size',
  'mcp_o11y.nodejs.memory.external',
  'nodejs.eventloop.delay.min',
  'nodejs.eventloop.delay.max',
  'nodejs.eventloop.delay.mean',
  'nodejs.eventloop.delay.stddev',
  'nodejs.eventloop.delay.p50',
  'nodejs.eventloop.delay.p90',
  'nodejs.eventloop.delay.p99',
  'nodejs.eventloop.utilization',
  'nodejs.eventloop.time',
  'v8js.gc.duration',
];

/**
 * The histogram recorded alongside each window series (latency SLOs read its buckets): a duration, except
 * for the result-size series, whose histogram (and so any threshold on it) is in bytes.
 */
export const DURATION_HISTOGRAM_OF: Readonly<Record<AlertSeriesNameV1, string>> = {
  'mcp.server.operation': 'mcp.server.operation.duration',
  'mcp.client.operation': 'mcp.client.operation.duration',
  'mcp_o11y.integration': 'mcp_o11y.integration.duration',
  'mcp_o11y.result.size': 'mcp_o11y.result.size',
};
