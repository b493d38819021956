import { DELIVERY_METRICS, NOTIFIER_ATTRIBUTE } from '../alerts/delivery/delivery-instruments.js';
import { INTEGRATION_METRICS } from '../integrations/integration-instruments.js';
import { ATTR_FOLD_REASON, ATTR_FOLDED_ATTRIBUTE, METRIC_CARDINALITY_FOLDED } from '../mcp/name-guard.js';
import {
  ATTR_ERROR_CATEGORY,
  ATTR_ERROR_TYPE,
  ATTR_GEN_AI_OPERATION_NAME,
  ATTR_GEN_AI_PROMPT_NAME,
  ATTR_GEN_AI_TOOL_NAME,
  ATTR_MCP_CLIENT_NAME,
  ATTR_MCP_METHOD_NAME,
  ATTR_MCP_PROTOCOL_VERSION,
  ATTR_MCP_RESOURCE_URI,
  ATTR_NETWORK_PROTOCOL_NAME,
  ATTR_NETWORK_PROTOCOL_VERSION,
  ATTR_NETWORK_TRANSPORT,
  ATTR_PRINCIPAL,
  ATTR_RPC_RESPONSE_STATUS_CODE,
  DURATION_BUCKETS_SECONDS,
  METRIC_CLIENT_OPERATION_DURATION,
  METRIC_CLIENT_SESSION_DURATION,
  METRIC_ERRORS,
  METRIC_NOTIFICATIONS,
  METRIC_REQUESTS_ACTIVE,
  METRIC_RESULT_SIZE,
  METRIC_RESULT_TOKENS,
  METRIC_SERVER_OPERATION_DURATION,
  METRIC_SERVER_SESSION_DURATION,
  METRIC_USAGE_REQUESTS,
  RESULT_SIZE_BUCKETS_BYTES,
  RESULT_TOKEN_BUCKETS,
} from '../mcp/semantic-conventions.js';
import { ATTR_ERROR_ORIGIN } from '../process-errors/process-error-origin.js';
import { RUNTIME_METRICS } from '../runtime/runtime-metric-names.js';
import { SECURITY_METRICS } from '../security/security-metric-names.js';
import type { MetricDefinitionV1, MetricInstrumentKindV1 } from '../spec/metrics/v1/metric-definition-v1.js';
import {
  ATTR_CODE_FUNCTION_NAME,
  FUNCTION_DURATION_BUCKETS,
  FUNCTION_DURATION_METRIC,
} from '../traced/function-instruments.js';

// The catalogue repeats each instrument's kind, unit and description on purpose: it is what docs/metrics.md,
// dashboards and rule files are generated from, and metric-catalogue.test.ts fails when an instrument core
// creates differs from its entry (or has none), so the two cannot drift apart silently.

const define = (
  name: string,
  kind: MetricInstrumentKindV1,
  unit: string,
  description: string,
  attributes: readonly string[],
  bucketBoundaries?: readonly number[],
): MetricDefinitionV1 =>
  Object.freeze({
    specificationVersion: 'v1',
    name,
    kind,
    unit,
    description,
    attributes: Object.freeze([...attributes]),
    ...(bucketBoundaries === undefined ? {} : { bucketBoundaries: Object.freeze([...bucketBoundaries]) }),
  });

/** Attributes of every MCP operation metric (`mcp.resource.uri` only when opted in). */
const MCP_OPERATION_ATTRIBUTES = [
  ATTR_MCP_METHOD_NAME,
  ATTR_GEN_AI_OPERATION_NAME,
  ATTR_GEN_AI_TOOL_NAME,
  ATTR_GEN_AI_PROMPT_NAME,
  ATTR_MCP_RESOURCE_URI,
  ATTR_MCP_PROTOCOL_VERSION,
  ATTR_NETWORK_TRANSPORT,
  ATTR_NETWORK_PROTOCOL_NAME,
  ATTR_NETWORK_PROTOCOL_VERSION,
  ATTR_ERROR_TYPE,
  ATTR_RPC_RESPONSE_STATUS_CODE,
];
/** The duration's attributes of a successful request: what result sizes are recorded with. */
const MCP_RESULT_ATTRIBUTES = MCP_OPERATION_ATTRIBUTES.filter(
  (key) => key !== ATTR_ERROR_TYPE && key !== ATTR_RPC_RESPONSE_STATUS_CODE,
);
const MCP_SESSION_ATTRIBUTES = [
  ATTR_MCP_PROTOCOL_VERSION,
  ATTR_NETWORK_TRANSPORT,
  ATTR_NETWORK_PROTOCOL_NAME,
  ATTR_NETWORK_PROTOCOL_VERSION,
];
const INTEGRATION_ATTRIBUTES = ['integration.name', 'integration.kind', 'operation'];
const ROLE = 'mcp_o11y.role';
const delay = (statistic: string) => `Event loop delay over the last window: ${statistic}.`;
const INTEGRATION_BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];
const DELIVERY_BUCKETS = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 900];

/**
 * Every metric instrument core creates (MCP instrumentation, integrations, HTTP security events, runtime,
 * alert delivery and the pipeline's self-observation), in catalogue order. Adapters record no instruments
 * of their own; they export these. Histogram entries carry their explicit bucket boundaries.
 */
export const METRIC_CATALOGUE_V1: readonly MetricDefinitionV1[] = Object.freeze([
  // MCP server and client instrumentation (OpenTelemetry MCP semantic conventions + project signals).
  define(
    METRIC_SERVER_OPERATION_DURATION,
    'histogram',
    's',
    'Duration of MCP requests handled, from receipt to the response being sent.',
    MCP_OPERATION_ATTRIBUTES,
    DURATION_BUCKETS_SECONDS,
  ),
  define(
    METRIC_CLIENT_OPERATION_DURATION,
    'histogram',
    's',
    'Duration of MCP requests sent, from sending to the response arriving.',
    MCP_OPERATION_ATTRIBUTES,
    DURATION_BUCKETS_SECONDS,
  ),
  define(
    METRIC_SERVER_SESSION_DURATION,
    'histogram',
    's',
    'Duration of MCP sessions, from initialize to the transport closing.',
    MCP_SESSION_ATTRIBUTES,
    DURATION_BUCKETS_SECONDS,
  ),
  define(
    METRIC_CLIENT_SESSION_DURATION,
    'histogram',
    's',
    'Duration of MCP sessions, from initialize to the transport closing.',
    MCP_SESSION_ATTRIBUTES,
    DURATION_BUCKETS_SECONDS,
  ),
  define(
    METRIC_REQUESTS_ACTIVE,
    'up-down-counter',
    '{request}',
    'MCP requests in flight: received and not yet answered (role server), or sent and not yet answered (role client).',
    [ROLE, ATTR_MCP_METHOD_NAME, ATTR_GEN_AI_TOOL_NAME, ATTR_GEN_AI_PROMPT_NAME],
  ),
  define(
    METRIC_ERRORS,
    'counter',
    '{error}',
    'Failed MCP requests by category: validation, transport, auth, timeout, tool_error, integration, internal.',
    [
      ROLE,
      ATTR_ERROR_CATEGORY,
      ATTR_MCP_METHOD_NAME,
      ATTR_GEN_AI_TOOL_NAME,
      ATTR_GEN_AI_PROMPT_NAME,
      ATTR_ERROR_TYPE,
      ATTR_ERROR_ORIGIN,
    ],
  ),
  define(
    METRIC_NOTIFICATIONS,
    'counter',
    '{notification}',
    'MCP notifications sent and received, by method and direction.',
    [ROLE, ATTR_MCP_METHOD_NAME, 'network.io.direction'],
  ),
  define(
    METRIC_CARDINALITY_FOLDED,
    'counter',
    '{value}',
    'Values recorded as _OTHER on MCP metrics because the server does not serve them or a distinct-value cap was reached, by attribute and reason.',
    [ROLE, ATTR_FOLDED_ATTRIBUTE, ATTR_FOLD_REASON],
  ),
  define(
    METRIC_USAGE_REQUESTS,
    'counter',
    '{request}',
    'MCP requests received, by principal, client name and method.',
    [ATTR_PRINCIPAL, ATTR_MCP_CLIENT_NAME, ATTR_MCP_METHOD_NAME],
  ),
  define(
    METRIC_RESULT_SIZE,
    'histogram',
    'By',
    'Size of successful tools/call, resources/read and prompts/get results sent: UTF-8 bytes of their JSON.',
    MCP_RESULT_ATTRIBUTES,
    RESULT_SIZE_BUCKETS_BYTES,
  ),
  define(
    METRIC_RESULT_TOKENS,
    'histogram',
    '{token}',
    'Estimated tokens of successful tools/call, resources/read and prompts/get results sent: ceil(characters of their text / 4).',
    MCP_RESULT_ATTRIBUTES,
    RESULT_TOKEN_BUCKETS,
  ),
  // Outbound integrations (databases, remote APIs) wrapped with createIntegration().
  define(
    INTEGRATION_METRICS.duration,
    'histogram',
    's',
    'Duration of calls to outbound integrations, retries and backoff included.',
    [...INTEGRATION_ATTRIBUTES, ATTR_ERROR_TYPE, 'outcome'],
    INTEGRATION_BUCKETS,
  ),
  define(
    INTEGRATION_METRICS.errors,
    'counter',
    '{error}',
    'Failed calls to outbound integrations, by error.type (after retries).',
    [...INTEGRATION_ATTRIBUTES, ATTR_ERROR_TYPE, 'outcome'],
  ),
  define(
    INTEGRATION_METRICS.retries,
    'counter',
    '{retry}',
    'Retry attempts of calls to outbound integrations, by the error.type that caused them.',
    [...INTEGRATION_ATTRIBUTES, ATTR_ERROR_TYPE],
  ),
  define(
    INTEGRATION_METRICS.retrySuccesses,
    'counter',
    '{call}',
    'Calls to outbound integrations that succeeded after at least one retry.',
    [...INTEGRATION_ATTRIBUTES, 'outcome'],
  ),
  define(
    INTEGRATION_METRICS.circuitBreakerState,
    'gauge',
    '{state}',
    'Circuit breaker state of each outbound integration: 0 closed, 1 half-open, 2 open.',
    ['integration.name', 'integration.kind'],
  ),
  define(
    INTEGRATION_METRICS.circuitBreakerTransitions,
    'counter',
    '{transition}',
    'Circuit breaker state changes of outbound integrations, by from and to state.',
    ['integration.name', 'integration.kind', 'from', 'to'],
  ),
  define(
    INTEGRATION_METRICS.slowCalls,
    'counter',
    '{call}',
    'Calls to outbound integrations slower than their slowThresholdMs, retries included.',
    INTEGRATION_ATTRIBUTES,
  ),
  // Connection pools reported with observePool().
  define(
    INTEGRATION_METRICS.poolConnections,
    'gauge',
    '{connection}',
    'Connections of an integration’s connection pool, by state: idle or used.',
    ['integration.name', 'state'],
  ),
  define(
    INTEGRATION_METRICS.poolPendingRequests,
    'gauge',
    '{request}',
    'Requests waiting for a connection from an integration’s connection pool.',
    ['integration.name'],
  ),
  define(
    INTEGRATION_METRICS.poolMax,
    'gauge',
    '{connection}',
    'Most connections an integration’s connection pool may open.',
    ['integration.name'],
  ),
  // Authentication outcomes and rejections on the HTTP transports (observeHttpSecurity, observeFetchSecurity).
  define(
    SECURITY_METRICS.authAttempts,
    'counter',
    '{attempt}',
    'Authentication outcomes of HTTP requests: success, failure (401) or denied (403), by reason (missing_token, invalid_token, expired_token, invalid_request, insufficient_scope, forbidden).',
    ['outcome', 'reason'],
  ),
  define(
    SECURITY_METRICS.rejections,
    'counter',
    '{request}',
    'HTTP requests refused for their rate or size, by kind: rate_limited (429), request_too_large (413).',
    ['kind'],
  ),
  // Functions and methods of user code wrapped with traced() / measured() or their decorators.
  define(
    FUNCTION_DURATION_METRIC,
    'histogram',
    's',
    'Duration of functions wrapped with traced() or measured(), until the returned promise settles.',
    [ATTR_CODE_FUNCTION_NAME, ATTR_ERROR_TYPE],
    FUNCTION_DURATION_BUCKETS,
  ),
  // Alert notification delivery.
  define(
    DELIVERY_METRICS.sent,
    'counter',
    '{notification}',
    'Notifications by final outcome: delivered, failed (refused), dead_lettered, dropped.',
    [NOTIFIER_ATTRIBUTE, 'outcome'],
  ),
  define(
    DELIVERY_METRICS.attempts,
    'counter',
    '{attempt}',
    'Delivery attempts by result: delivered, retryable, failed, timeout, error (notifier threw).',
    [NOTIFIER_ATTRIBUTE, 'result'],
  ),
  define(
    DELIVERY_METRICS.duration,
    'histogram',
    's',
    'Time from accepting a notification to its final outcome, queueing and retries included.',
    [NOTIFIER_ATTRIBUTE, 'outcome'],
    DELIVERY_BUCKETS,
  ),
  define(
    DELIVERY_METRICS.queueSize,
    'gauge',
    '{notification}',
    'Notifications waiting per notifier, in flight and rescheduled ones included.',
    [NOTIFIER_ATTRIBUTE],
  ),
  // The pipeline's self-observation.
  define(
    'mcp_o11y.adapter.errors',
    'counter',
    '{error}',
    'Failures inside adapters (export, flush, shutdown, processors), isolated from the caller.',
    ['adapter', 'operation'],
  ),
  define(
    'mcp_o11y.exporter.dropped',
    'counter',
    '{item}',
    'Spans and log records an adapter lost: its batch queue was full (reason queue_full) or the export failed (export_failed).',
    ['adapter', 'signal', 'reason'],
  ),
  // Process and runtime (OpenTelemetry semantic conventions 1.45.0).
  define(RUNTIME_METRICS.cpuTime, 'counter', 's', 'CPU time used by the process, by mode.', ['cpu.mode']),
  define(RUNTIME_METRICS.cpuUtilization, 'gauge', '1', 'CPU utilisation over the last window, by mode.', [
    'cpu.mode',
  ]),
  define(RUNTIME_METRICS.memoryUsage, 'up-down-counter', 'By', 'Resident set size of the process.', []),
  define(RUNTIME_METRICS.heapUsed, 'up-down-counter', 'By', 'V8 heap bytes in use, by heap space.', [
    'v8js.heap.space.name',
  ]),
  define(RUNTIME_METRICS.heapSpaceSize, 'up-down-counter', 'By', 'V8 heap bytes reserved, by heap space.', [
    'v8js.heap.space.name',
  ]),
  define(
    RUNTIME_METRICS.externalMemory,
    'up-down-counter',
    'By',
    'Memory of C++ objects bound to JavaScript objects.',
    [],
  ),
  define(RUNTIME_METRICS.eventLoopDelayMin, 'gauge', 's', delay('minimum'), []),
  define(RUNTIME_METRICS.eventLoopDelayMax, 'gauge', 's', delay('maximum'), []),
  define(RUNTIME_METRICS.eventLoopDelayMean, 'gauge', 's', delay('mean'), []),
  define(RUNTIME_METRICS.eventLoopDelayStddev, 'gauge', 's', delay('standard deviation'), []),
  define(RUNTIME_METRICS.eventLoopDelayP50, 'gauge', 's', delay('50th percentile'), []),
  define(RUNTIME_METRICS.eventLoopDelayP90, 'gauge', 's', delay('90th percentile'), []),
  define(RUNTIME_METRICS.eventLoopDelayP99, 'gauge', 's', delay('99th percentile'), []),
  define(
    RUNTIME_METRICS.eventLoopUtilization,
    'gauge',
    '1',
    'Event loop utilisation over the last window.',
    [],
  ),
  define(
    RUNTIME_METRICS.eventLoopTime,
    'counter',
    's',
    'Time the event loop spent active and idle since start.',
    ['nodejs.eventloop.state'],
  ),
  define(
    RUNTIME_METRICS.gcDuration,
    'histogram',
    's',
    'Garbage collection duration, by type.',
    ['v8js.gc.type'],
    [0.01, 0.1, 1, 10],
  ),
]);
