import type { Runbook } from './runbook-schema.js';

// The seeds' three runbooks (database connection failure, high error rate, slow performance), rewritten
// for an MCP server instrumented by mcp-o11y: the commands hit its own endpoints, the queries its metrics.
// Ids are the ones the default alert rules name in `annotations.runbook`.

/** Default runbook for failing dependencies: the `HealthCheckFailing` and `CircuitBreakerOpen` alerts. */
export const DEPENDENCY_FAILURE_RUNBOOK: Runbook = {
  id: 'database_connection_failure',
  title: 'Dependency connection failure',
  description:
    'A health check fails or an integration circuit breaker is open: the MCP server cannot reach a database, an upstream API or another dependency, so the tools that use it fail or fail fast.',
  severity: 'critical',
  alerts: ['HealthCheckFailing', 'CircuitBreakerOpen'],
  steps: [
    {
      title: 'See which check or integration fails',
      action:
        'Read the detailed health report: the failing check, its output and its remediation. Note whether it is a critical check (the server is then not ready and a load balancer stops sending traffic).',
      command:
        'curl -s http://localhost:8080/health/detailed | jq \'.checks | to_entries[] | select(.value[0].status != "pass")\'',
    },
    {
      title: 'Check the dependency itself',
      action:
        'Verify that the database or API is up: its own status page, its container or service state, its recent logs.',
      command: 'docker compose ps && docker compose logs --tail=100 <dependency>',
    },
    {
      title: 'Test connectivity from the server host',
      action:
        'From the host or container of the MCP server, resolve and connect to the dependency (DNS, firewall, TLS, proxy). A credentials error here usually means a rotated secret.',
      command: 'getent hosts <dependency-host> && nc -vz <dependency-host> <port>',
    },
    {
      title: 'Look at the integration metrics',
      action:
        'Check the failure types and the breaker state of the integration: timeouts point at a slow or overloaded dependency, connection errors at network or DNS, 401/403 at credentials.',
      query:
        'sum by (integration_name, error_type) (rate(mcp_o11y_integration_errors_total[5m])) and on (integration_name) max by (integration_name) (mcp_o11y_circuit_breaker_state)',
    },
    {
      title: 'Check the connection pool',
      action:
        'If the dependency is up but calls time out, the pool may be exhausted by slow queries or leaked connections: look at the pool size, waiting requests and the slowest tools.',
    },
    {
      title: 'Restart what is stuck',
      action:
        'Restart the dependency if it is unhealthy, then the MCP server if its connections do not recover. The circuit breaker lets trial calls through after its break and closes by itself once they succeed.',
      command: 'docker compose restart <dependency> && docker compose restart mcp-server',
    },
  ],
  escalation: [
    { after: '15m', contact: 'The owner of the dependency (database administrator, API provider on-call).' },
    { after: '30m', contact: 'Infrastructure on-call: network, DNS or cloud provider incident.' },
  ],
};

/** Default runbook for the `HighErrorRate` alert (and the availability SLO burn rates). */
export const HIGH_ERROR_RATE_RUNBOOK: Runbook = {
  id: 'high_error_rate',
  title: 'High error rate',
  description:
    'More than 5 % of MCP requests to a method or tool fail over 5 minutes. Clients (the model, the user) see tool errors.',
  severity: 'high',
  alerts: ['HighErrorRate', 'SloBurnRate:availability', 'SloBurnRate:error-rate'],
  steps: [
    {
      title: 'Find which tools fail, and how',
      action:
        'Break the errors down by tool and error type: validation errors point at clients sending bad arguments (often a changed tool schema), integration errors at a dependency, auth errors at tokens.',
      query:
        'topk(10, sum by (gen_ai_tool_name, error_type) (rate(mcp_server_operation_duration_seconds_count{error_type!=""}[5m])))',
    },
    {
      title: 'Read recent error logs',
      action:
        'Look at the error log lines and failed spans of the failing tool, with their correlation ids, for a common message or stack trace.',
      command: 'docker compose logs --since 15m mcp-server | grep \'"level":"error"\' | tail -50',
    },
    {
      title: 'Check dependencies and resources',
      action:
        'Open the detailed health report: a failing dependency, an open circuit breaker, memory or event loop pressure explain many errors at once.',
      command: 'curl -s http://localhost:8080/health/detailed',
    },
    {
      title: 'Check recent changes',
      action:
        'Did errors start with a deployment, a tool schema change, a new client version or a rotated credential? Roll back the change if it is the cause.',
    },
    {
      title: 'Get more detail',
      action:
        'Temporarily raise the log level (and log one line per request) to see each failing call, then lower it again.',
      command: 'MCP_O11Y_LOG_LEVEL=debug MCP_O11Y_LOG_REQUESTS=true <restart the server>',
    },
  ],
  escalation: [
    { after: '15m', contact: 'The team owning the failing tool.' },
    { after: '1h', contact: 'Engineering manager on-call.' },
  ],
};

/** Default runbook for `HighLatencyP95`, `SlowIntegrationCalls` and resource pressure. */
export const SLOW_PERFORMANCE_RUNBOOK: Runbook = {
  id: 'slow_performance',
  title: 'Slow performance',
  description:
    'MCP requests are slow: the p95 latency of a method or tool is above its threshold, calls to an integration are slow, or the process is short of CPU, memory or event loop time. Clients may time out.',
  severity: 'medium',
  alerts: [
    'HighLatencyP95',
    'SlowIntegrationCalls',
    'HighCpuUsage',
    'HighMemoryUsage',
    'TooManyRequestsInFlight',
    'SloBurnRate:latency-p95',
    'SloBurnRate:latency-p99',
  ],
  steps: [
    {
      title: 'Find the slow tools',
      action: 'Rank tools by p95 latency and compare with their usual values.',
      query:
        'topk(10, histogram_quantile(0.95, sum by (le, gen_ai_tool_name) (rate(mcp_server_operation_duration_seconds_bucket[5m]))))',
    },
    {
      title: 'Split server time from dependency time',
      action:
        'Compare the tool latency with the latency of its integrations (databases, APIs). If the dependency is slow, follow its own diagnostics: slow queries, missing indexes, a saturated connection pool.',
      query:
        'sum by (integration_name) (rate(mcp_o11y_integration_duration_seconds_sum[5m])) / sum by (integration_name) (rate(mcp_o11y_integration_duration_seconds_count[5m]))',
    },
    {
      title: 'Look at a slow trace',
      action:
        'Open a slow span of the tool in the tracing backend (Jaeger, Zipkin, Application Insights) and find the longest child span.',
    },
    {
      title: 'Check process resources',
      action:
        'Check the event loop delay, memory and CPU in the detailed health report and runtime metrics: a blocked event loop slows every request at once.',
      command: 'curl -s http://localhost:8080/health/detailed | jq \'.checks["event-loop"], .checks.memory\'',
    },
    {
      title: 'Check the load',
      action:
        'Compare requests in flight and throughput with normal: a traffic spike (a client retrying in a loop) calls for rate limiting or more replicas.',
      query: 'sum(mcp_o11y_requests_active)',
    },
  ],
  escalation: [
    { after: '30m', contact: 'The team owning the slow tool or dependency.' },
    { after: '2h', contact: 'Capacity planning / platform on-call.' },
  ],
};

/** Default runbook for the `AuthenticationFailures` alert. */
export const AUTHENTICATION_FAILURES_RUNBOOK: Runbook = {
  id: 'authentication_failures',
  title: 'Authentication failures',
  description:
    'More than 10 % of the requests that tried to authenticate over 5 minutes were refused (401). Either legitimate clients lost access (an expired or rotated credential, a changed issuer or audience) or someone is guessing tokens.',
  severity: 'high',
  alerts: ['AuthenticationFailures'],
  steps: [
    {
      title: 'See why requests are refused',
      action:
        'Break the failures down by reason: missing_token points at a client that lost its configuration, expired_token at clients that do not refresh (or a clock skew), invalid_token at a changed issuer, audience or signing key, or at guessed tokens.',
      query: 'sum by (reason) (increase(mcp_o11y_auth_attempts_total{outcome="failure"}[15m]))',
    },
    {
      title: 'Find who is refused',
      action:
        'Count the failure log records by client address: a few addresses with many failures suggest an attack or one broken client; failures from everywhere suggest a server-side change.',
      command:
        'docker compose logs --since 15m mcp-server | grep \'"security_event":"auth"\' | grep -v \'"outcome":"success"\' | jq -r \'."client.address"\' | sort | uniq -c | sort -rn | head',
    },
    {
      title: 'Check the token verifier and the authorization server',
      action:
        'Verify that the authorization server is up, that its signing keys (JWKS) are reachable from the MCP server and were not just rotated, and that the clocks of both agree.',
    },
    {
      title: 'Check recent changes',
      action:
        'Did failures start with a deployment that changed the required scopes, the expected resource (audience), the issuer URL or the verifier? Roll back the change if it is the cause.',
    },
    {
      title: 'Contain an attack',
      action:
        'If a few addresses are guessing tokens, block them at the proxy or firewall and tighten the rate limit; rate-limited requests show up as mcp_o11y_http_rejections_total{kind="rate_limited"}.',
      query: 'sum by (kind) (increase(mcp_o11y_http_rejections_total[15m]))',
    },
  ],
  escalation: [
    { after: '15m', contact: 'Security on-call.' },
    { after: '1h', contact: 'The owner of the authorization server (identity provider on-call).' },
  ],
};

/** Default runbook for the `LargeToolResults` alert. */
export const LARGE_TOOL_RESULTS_RUNBOOK: Runbook = {
  id: 'large_tool_results',
  title: 'Large tool results',
  description:
    "The p95 size of the results a tool returns is above its threshold (16 000 bytes, about 4000 tokens). Every result goes into the model's context: large ones crowd out the conversation, cost tokens and slow the client; the request itself succeeded.",
  severity: 'low',
  alerts: ['LargeToolResults'],
  steps: [
    {
      title: 'Find the tools with the largest results',
      action:
        'Rank tools by p95 result size and estimated tokens, and compare with what they returned last week: a sudden jump points at a data change (a table that grew, a query without a limit), a steady size at the tool design.',
      query:
        'topk(10, histogram_quantile(0.95, sum by (le, gen_ai_tool_name) (rate(mcp_o11y_result_size_bytes_bucket{mcp_method_name="tools/call"}[1h]))))',
    },
    {
      title: 'See who calls it',
      action:
        'Check which principals and clients call the tool most: one client looping over a large tool costs more than the size alone suggests.',
      query:
        'topk(10, sum by (mcp_o11y_principal, mcp_client_name) (increase(mcp_o11y_usage_requests_total{mcp_method_name="tools/call"}[1h])))',
    },
    {
      title: 'Look at a result',
      action:
        'Turn on result capture for that tool only (instrument option capture.results: ["<tool>"], redacted and capped) or call it from the MCP Inspector, and see what takes the room: repeated fields, raw HTML or base64, whole records where a summary would do.',
    },
    {
      title: 'Make the result smaller',
      action:
        'Paginate (return a cursor and a first page), add a limit argument with a small default, return a summary plus resource links the model can read on demand, or drop fields the model never uses. Structured content is sent as text as well, so trim both.',
    },
    {
      title: 'Or raise the threshold',
      action:
        'If the tool must return large results (a document reader), override the rule with a matcher that excludes the tool, or a higher threshold for it, in the alert rules file.',
    },
  ],
  escalation: [{ after: '1d', contact: 'The team owning the tool.' }],
};

/** The runbooks shipped with core, linked from the default alert rules. */
export const DEFAULT_RUNBOOKS: readonly Runbook[] = [
  DEPENDENCY_FAILURE_RUNBOOK,
  HIGH_ERROR_RATE_RUNBOOK,
  SLOW_PERFORMANCE_RUNBOOK,
  AUTHENTICATION_FAILURES_RUNBOOK,
  LARGE_TOOL_RESULTS_RUNBOOK,
];
