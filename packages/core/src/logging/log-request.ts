import type { LoggerV1 } from '../spec/logs/v1/logger-v1.js';
import { requestLoggingFlag } from './pipeline-logger.js';

/** What one per-request log line says. */
export interface RequestLogFields {
  /** `mcp.method.name`, e.g. `tools/call`. */
  readonly method: string;
  /** Tool or prompt name, or resource URI, when the method has one. */
  readonly target?: string;
  /** From message receipt to response, in milliseconds. */
  readonly durationMs: number;
  /** `error.type` when the request failed (`tool_error`, `-32602`, `cancelled`, …); absent on success. */
  readonly errorType?: string;
  /** The JSON-RPC request id. */
  readonly requestId?: string | number;
  /** Client name and version, e.g. `claude-desktop/1.2.0`. */
  readonly client?: string;
}

/** Whether `logger` belongs to a pipeline created with `logging.requests` on. */
export function isRequestLoggingEnabled(logger: LoggerV1): boolean {
  return (logger as Partial<Record<typeof requestLoggingFlag, boolean>>)[requestLoggingFlag] === true;
}

/**
 * Writes the per-request log line (`info`, or `warn` when `errorType` is set) with message
 * `{method} {target}` and fields `method`, `target`, `duration_ms`, `outcome` (`ok` / `error`),
 * `error_type`, `request_id`, `client`. Does nothing — and costs one property read — unless the logger
 * comes from a pipeline with `logging.requests: true` (env `MCP_O11Y_LOG_REQUESTS=true`), so the
 * instrumentation may call it for every request. Use a child logger to add bindings.
 */
export function logRequest(logger: LoggerV1, fields: RequestLogFields): void {
  if (!isRequestLoggingEnabled(logger)) return;
  const failed = fields.errorType !== undefined;
  const level = failed ? 'warn' : 'info';
  if (!logger.isLevelEnabled(level)) return;
  const line: Record<string, unknown> = {
    method: fields.method,
    duration_ms: fields.durationMs,
    outcome: failed ? 'error' : 'ok',
  };
  if (fields.target !== undefined) line.target = fields.target;
  if (failed) line.error_type = fields.errorType;
  if (fields.requestId !== undefined) line.request_id = fields.requestId;
  if (fields.client !== undefined) line.client = fields.client;
  logger[level](fields.target === undefined ? fields.method : `${fields.method} ${fields.target}`, line);
}
