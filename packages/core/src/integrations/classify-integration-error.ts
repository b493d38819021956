import { isBrokenCircuitError, isTaskCancelledError } from 'cockatiel';
import { CircuitOpenError } from './circuit-open-error.js';
import type { IntegrationErrorType } from './integration-options.js';
import { IntegrationTimeoutError } from './integration-timeout-error.js';

// Node (libuv, dns) and undici codes. A code on the error or on one of its causes decides: `fetch`
// reports "TypeError: fetch failed" with the real reason in `cause`.
const timeoutCodes = new Set([
  'ETIMEDOUT',
  'ESOCKETTIMEDOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);
const connectionCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'ENETUNREACH',
  'ENETDOWN',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
]);
const programmingErrors = [TypeError, RangeError, ReferenceError, SyntaxError];
const maxCauseDepth = 4;

/**
 * The `error.type` of a failed integration call. Pure. Checks, in order: circuit open, caller abort
 * (`AbortError`), timeout (`IntegrationTimeoutError`, cockatiel's `TaskCancelledError`, a `TimeoutError`
 * or a timeout code), an HTTP status carried by the error, a connection error code; then the same on the
 * error's `cause` chain; else `other`.
 */
export function classifyIntegrationError(error: unknown): IntegrationErrorType {
  let current: unknown = error;
  for (let depth = 0; depth < maxCauseDepth && typeof current === 'object' && current !== null; depth++) {
    const type = classifyOne(current);
    if (type !== undefined) return type;
    current = (current as { cause?: unknown }).cause;
  }
  return 'other';
}

/**
 * Whether the caller, not the dependency, is at fault: an HTTP 4xx other than 408 and 429, a
 * cancellation, or a programming error (`TypeError`, `RangeError`, `ReferenceError`, `SyntaxError`) that
 * is not a network failure. Such errors are neither retried nor counted by the circuit breaker by default.
 */
export function isCallerFault(error: unknown): boolean {
  const type = classifyIntegrationError(error);
  if (type === 'cancelled') return true;
  if (type === 'http_4xx') {
    const status = httpStatusOf(error);
    return status !== 408 && status !== 429;
  }
  return type === 'other' && programmingErrors.some((kind) => error instanceof kind);
}

/** The HTTP status an error carries, as client libraries put it (fetch wrappers, axios, AWS SDK). */
export function httpStatusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const candidate = error as {
    status?: unknown;
    statusCode?: unknown;
    response?: { status?: unknown } | null;
    $metadata?: { httpStatusCode?: unknown } | null;
  };
  for (const value of [
    candidate.status,
    candidate.statusCode,
    candidate.response?.status,
    candidate.$metadata?.httpStatusCode,
  ]) {
    if (typeof value === 'number' && Number.isInteger(value) && value >= 100 && value <= 599) return value;
  }
  return undefined;
}

function classifyOne(error: object): IntegrationErrorType | undefined {
  if (error instanceof CircuitOpenError || isBrokenCircuitError(error)) return 'circuit_open';
  const name = (error as { name?: unknown }).name;
  if (name === 'AbortError') return 'cancelled';
  if (error instanceof IntegrationTimeoutError || isTaskCancelledError(error) || name === 'TimeoutError') {
    return 'timeout';
  }
  const status = httpStatusOf(error);
  if (status !== undefined && status >= 400) return status >= 500 ? 'http_5xx' : 'http_4xx';
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (timeoutCodes.has(code)) return 'timeout';
    if (connectionCodes.has(code)) return 'connection';
  }
  return undefined;
}
