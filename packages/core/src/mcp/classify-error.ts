/**
 * Categories of the `mcp_o11y.errors` counter. The MCP instrumentation produces every category but
 * `integration`, which belongs to the outbound-integration wrapper.
 *
 * | JSON-RPC / outcome | category |
 * |---|---|
 * | -32700 parse, -32600 invalid request, -32601 method not found, -32602 invalid params (unknown tool, schema validation), -32002 resource not found, -32020 header mismatch, -32021 missing client capability, -32022 unsupported protocol version | `validation` |
 * | -32001 request timeout; a request cancelled because it timed out | `timeout` |
 * | -32000 connection closed; transport `onerror` | `transport` |
 * | -32042 URL elicitation required; HTTP 401/403 on the client (`UnauthorizedError`, `OAuthError`) | `auth` |
 * | `CallToolResult.isError: true` | `tool_error` (`validation` when the server does not know the tool) |
 * | -32603 internal error and every other code | `internal` |
 */
export type ErrorCategory =
  | 'validation'
  | 'transport'
  | 'auth'
  | 'timeout'
  | 'tool_error'
  | 'integration'
  | 'internal';

const validationCodes = new Set([-32700, -32600, -32601, -32602, -32002, -32020, -32021, -32022]);

/** Caller faults on a server span (semconv `common.yaml`): not a server error, status stays unset. */
const callerFaultCodes = new Set([-32700, -32600, -32601, -32602, -32002]);

/** Whether a JSON-RPC error code is the caller's fault (server spans only; on client spans every code is an error). */
export function isCallerFault(code: number): boolean {
  return callerFaultCodes.has(code);
}

/** The `mcp_o11y.errors` category of a JSON-RPC error code. */
export function errorCategoryOfCode(code: number): ErrorCategory {
  if (validationCodes.has(code)) return 'validation';
  if (code === -32001) return 'timeout';
  if (code === -32000) return 'transport';
  if (code === -32042) return 'auth';
  return 'internal';
}

/** The category of an exception seen outside a JSON-RPC error response (client side, transport). */
export function errorCategoryOfException(error: unknown): ErrorCategory {
  if (typeof error === 'object' && error !== null) {
    const code = (error as { code?: unknown }).code;
    const name = (error as { name?: unknown }).name;
    if (name === 'UnauthorizedError' || name === 'OAuthError' || name === 'InsufficientScopeError')
      return 'auth';
    if (typeof code === 'number' && Number.isInteger(code)) return errorCategoryOfCode(code);
    if (name === 'AbortError' || name === 'TimeoutError') return 'timeout';
  }
  return 'internal';
}

/**
 * What a `notifications/cancelled` reason says: the SDKs send `String(error)` of a request-timeout
 * error (code -32001) when a request timed out, any other reason for a caller's abort.
 */
export function cancelledErrorType(reason: unknown): 'timeout' | 'cancelled' {
  return typeof reason === 'string' && (reason.includes('-32001') || /timed? ?out/i.test(reason))
    ? 'timeout'
    : 'cancelled';
}
