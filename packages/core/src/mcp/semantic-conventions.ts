/**
 * Names from the OpenTelemetry semantic conventions for MCP (`semantic-conventions-genai`
 * `model/mcp/*.yaml`, status Development) and the project's own `mcp_o11y.` signals.
 */

/** `mcp.method.name`: the JSON-RPC method. */
export const ATTR_MCP_METHOD_NAME = 'mcp.method.name';
/** `gen_ai.tool.name`: the tool of a `tools/call`. */
export const ATTR_GEN_AI_TOOL_NAME = 'gen_ai.tool.name';
/** `gen_ai.prompt.name`: the prompt of a `prompts/get`. */
export const ATTR_GEN_AI_PROMPT_NAME = 'gen_ai.prompt.name';
/** `gen_ai.operation.name`: `execute_tool`, set on `tools/call` only. */
export const ATTR_GEN_AI_OPERATION_NAME = 'gen_ai.operation.name';
/** `jsonrpc.request.id`, always a string. */
export const ATTR_JSONRPC_REQUEST_ID = 'jsonrpc.request.id';
/** `mcp.resource.uri`: on spans of resource methods; on metrics only when opted in. */
export const ATTR_MCP_RESOURCE_URI = 'mcp.resource.uri';
/** `mcp.protocol.version`, e.g. `2025-06-18` or `2026-07-28`. */
export const ATTR_MCP_PROTOCOL_VERSION = 'mcp.protocol.version';
/** `mcp.session.id`: only when a session exists, never for 2026-07-28 requests; never on metrics. */
export const ATTR_MCP_SESSION_ID = 'mcp.session.id';
/** `network.transport`: `pipe` (stdio) or `tcp` (HTTP). */
export const ATTR_NETWORK_TRANSPORT = 'network.transport';
/** `network.protocol.name`: `http`. */
export const ATTR_NETWORK_PROTOCOL_NAME = 'network.protocol.name';
/** `network.protocol.version`: the HTTP version (`1.1`, `2`), never the JSON-RPC version. */
export const ATTR_NETWORK_PROTOCOL_VERSION = 'network.protocol.version';
/** `client.address` (server spans). */
export const ATTR_CLIENT_ADDRESS = 'client.address';
/** `client.port` (server spans). */
export const ATTR_CLIENT_PORT = 'client.port';
/** `server.address` (client spans). */
export const ATTR_SERVER_ADDRESS = 'server.address';
/** `server.port` (client spans). */
export const ATTR_SERVER_PORT = 'server.port';
/** `rpc.response.status_code`: the JSON-RPC error code as a string, on error responses. */
export const ATTR_RPC_RESPONSE_STATUS_CODE = 'rpc.response.status_code';
/** `error.type`: the JSON-RPC code, `tool_error`, `cancelled`, `timeout` or an exception type. */
export const ATTR_ERROR_TYPE = 'error.type';
/** `mcp.client.name`: `clientInfo.name` from `initialize` or the per-request `_meta` envelope. */
export const ATTR_MCP_CLIENT_NAME = 'mcp.client.name';
/** `mcp.client.version`: `clientInfo.version`. */
export const ATTR_MCP_CLIENT_VERSION = 'mcp.client.version';
/** `gen_ai.tool.call.arguments` (opt-in). */
export const ATTR_GEN_AI_TOOL_CALL_ARGUMENTS = 'gen_ai.tool.call.arguments';
/** `gen_ai.tool.call.result` (opt-in). */
export const ATTR_GEN_AI_TOOL_CALL_RESULT = 'gen_ai.tool.call.result';
/** Prefix of `gen_ai.prompt.variable.<name>` (opt-in). */
export const ATTR_GEN_AI_PROMPT_VARIABLE_PREFIX = 'gen_ai.prompt.variable.';
/** `mcp_o11y.error.category`: the errors counter's category. */
export const ATTR_ERROR_CATEGORY = 'mcp_o11y.error.category';
/**
 * `mcp_o11y.principal`: who a request is from (a user, tenant or client application), from the `principal`
 * hook or `authInfo.clientId`. The project's own name: semconv `enduser.id` is deprecated and names a user only.
 */
export const ATTR_PRINCIPAL = 'mcp_o11y.principal';

/** The metric names. */
export const METRIC_SERVER_OPERATION_DURATION = 'mcp.server.operation.duration';
export const METRIC_CLIENT_OPERATION_DURATION = 'mcp.client.operation.duration';
export const METRIC_SERVER_SESSION_DURATION = 'mcp.server.session.duration';
export const METRIC_CLIENT_SESSION_DURATION = 'mcp.client.session.duration';
export const METRIC_REQUESTS_ACTIVE = 'mcp_o11y.requests.active';
export const METRIC_ERRORS = 'mcp_o11y.errors';
export const METRIC_NOTIFICATIONS = 'mcp_o11y.notifications';
export const METRIC_USAGE_REQUESTS = 'mcp_o11y.usage.requests';
export const METRIC_RESULT_SIZE = 'mcp_o11y.result.size';
export const METRIC_RESULT_TOKENS = 'mcp_o11y.result.tokens';

/** Series names in the in-memory store. */
export const SERIES_SERVER_OPERATION = 'mcp.server.operation';
export const SERIES_CLIENT_OPERATION = 'mcp.client.operation';
/** Result sizes in bytes (not seconds) of successful tools/call, resources/read and prompts/get, per operation. */
export const SERIES_RESULT_SIZE = 'mcp_o11y.result.size';
/** Requests received per principal (`mcp_o11y.principal`) and per client (`mcp.client.name`): durations and errors. */
export const SERIES_USAGE_PRINCIPAL = 'mcp_o11y.usage.principal';
export const SERIES_USAGE_CLIENT = 'mcp_o11y.usage.client';

/** The semconv bucket advice for every MCP duration histogram, in seconds. */
export const DURATION_BUCKETS_SECONDS: readonly number[] = Object.freeze([
  0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 30, 60, 120, 300,
]);

/** Bucket bounds of `mcp_o11y.result.size`, bytes: 64 B to 4 MiB, ×4 apart. */
export const RESULT_SIZE_BUCKETS_BYTES: readonly number[] = Object.freeze([
  64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304,
]);

/** Bucket bounds of `mcp_o11y.result.tokens`: 16 to 1 Mi tokens, ×4 apart (a quarter of the byte bounds). */
export const RESULT_TOKEN_BUCKETS: readonly number[] = Object.freeze([
  16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576,
]);

/** The label value names fold into past the cardinality cap or when the server does not know them. */
export const OTHER_VALUE = '_OTHER';

/** `_meta` keys of the 2026-07-28 per-request envelope. */
export const META_PROTOCOL_VERSION = 'io.modelcontextprotocol/protocolVersion';
export const META_CLIENT_INFO = 'io.modelcontextprotocol/clientInfo';
