import { classifyIntegrationError } from '../integrations/classify-integration-error.js';
import type { IntegrationErrorType } from '../integrations/integration-options.js';
import { type ErrorCategory, errorCategoryOfException } from '../mcp/classify-error.js';

/**
 * The `error.type` of an exception thrown by user code (a function wrapped with `traced()` or
 * `measured()`, an uncaught exception or unhandled rejection): what failed, in the words core already
 * uses. The outbound-integration taxonomy first (`timeout`, `circuit_open`, `connection`, `http_4xx`,
 * `http_5xx`, `cancelled`); then the MCP exception categories that say more than "internal" (`auth`,
 * `validation`, `transport`, and `timeout` for a JSON-RPC -32001); else `other`.
 */
export type CodeErrorType =
  | Exclude<IntegrationErrorType, 'other'>
  | Extract<ErrorCategory, 'auth' | 'validation' | 'transport'>
  | 'other';

/**
 * Classifies `error` as {@link CodeErrorType}. Pure. It composes the two classifiers core already has,
 * so a `fetch` failure reads `connection` here as it does on an integration span, and an `McpError`
 * with code -32602 reads `validation` as it does on the `mcp_o11y.errors` counter. The values are a
 * closed set: safe as a metric attribute whatever the code throws.
 */
export function errorTypeOf(error: unknown): CodeErrorType {
  const integrationType = classifyIntegrationError(error);
  if (integrationType !== 'other') return integrationType;
  const category = errorCategoryOfException(error);
  // `internal` is the MCP word for "anything else"; `integration` and `tool_error` never come from here.
  return category === 'timeout' ||
    category === 'auth' ||
    category === 'validation' ||
    category === 'transport'
    ? category
    : 'other';
}
