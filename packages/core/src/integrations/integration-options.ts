import type { Observability } from '../pipeline/observability.js';

/** What an integration talks to; becomes the `integration.kind` attribute. */
export type IntegrationKind = 'database' | 'http' | 'rpc' | 'queue' | 'cache' | 'storage' | 'llm' | 'other';

/**
 * State of an integration's circuit breaker. `half-open` means the next calls are trial calls: enough
 * successes close the circuit, one failure opens it again.
 */
export type CircuitBreakerState = 'closed' | 'half-open' | 'open';

/**
 * Why a call failed, as the `error.type` attribute. `http_4xx` / `http_5xx` need an error that carries an
 * HTTP status (`status`, `statusCode`, `response.status` or `$metadata.httpStatusCode`); `cancelled` is
 * an abort by the caller, never a fault of the dependency.
 */
export type IntegrationErrorType =
  | 'timeout'
  | 'circuit_open'
  | 'connection'
  | 'http_4xx'
  | 'http_5xx'
  | 'cancelled'
  | 'other';

/** Retry with exponential backoff and decorrelated jitter (cockatiel's `ExponentialBackoff`). */
export interface IntegrationRetryOptions {
  /** Attempts per call, the first one included; 1 turns retrying off. Default: 3. */
  readonly maxAttempts?: number;
  /** Base of the first delay, in milliseconds. Default: 100. */
  readonly initialDelayMs?: number;
  /** Cap of any delay, in milliseconds. Default: 5000. */
  readonly maxDelayMs?: number;
  /**
   * Whether a failed attempt is retried. Never asked for a `CircuitOpenError` or after the caller's
   * signal aborted. Default: retry unless the error is a caller fault (`http_4xx` other than 408 and 429,
   * `cancelled`, or a `TypeError`, `RangeError`, `ReferenceError` or `SyntaxError` that is not a network
   * failure).
   */
  readonly retryOn?: (error: unknown) => boolean;
}

/**
 * The circuit breaker, with the seeds' defaults: open after 5 consecutive failures, half-open after 60 s,
 * closed after 3 successful trial calls; one failed trial call opens it again.
 */
export interface IntegrationCircuitBreakerOptions {
  /** Consecutive failed attempts that open the circuit. Default: 5. */
  readonly failureThreshold?: number;
  /** How long the circuit stays open before trial calls are let through, in milliseconds. Default: 60000. */
  readonly halfOpenAfterMs?: number;
  /** Successful trial calls that close a half-open circuit. Default: 3. */
  readonly successThreshold?: number;
  /**
   * Whether a failed attempt counts towards opening the circuit. Default: every error except caller
   * faults (see {@link IntegrationRetryOptions.retryOn}), so bad requests never cut off a healthy dependency.
   */
  readonly breakOn?: (error: unknown) => boolean;
}

/** What `createIntegration` accepts. */
export interface IntegrationOptions {
  /**
   * Low-cardinality name of the dependency, e.g. `postgres` or `weather-api`; the `integration.name`
   * attribute. Keep it unique per process: two integrations with one name share their metric series.
   */
  readonly name: string;
  /** What it is. Default: `other`. */
  readonly kind?: IntegrationKind;
  /** Retrying, or `false` for a single attempt. Default: 3 attempts, 100 ms to 5 s backoff. */
  readonly retry?: IntegrationRetryOptions | false;
  /**
   * Limit of each attempt, in milliseconds. The signal passed to the wrapped function aborts at the limit
   * and the attempt fails at once with an `IntegrationTimeoutError`, whether or not the function stops.
   * Default: none (the call's own timeouts apply).
   */
  readonly timeoutMs?: number;
  /** The circuit breaker, or `false` for none. Default: on, with the seeds' defaults. */
  readonly circuitBreaker?: IntegrationCircuitBreakerOptions | false;
  /**
   * Calls lasting longer than this many milliseconds (retries and backoff included) are logged as a
   * warning, with the statement's hash and, when `statements.record` is on, its normalised text, and
   * counted in `mcp_o11y.integration.slow_calls`. `0` logs every call. Default: none.
   */
  readonly slowThresholdMs?: number;
  /**
   * The database system, e.g. `postgresql` or `mysql`: the span's `db.system.name`, and the SQL dialect a
   * statement is normalised in (`mysql` and `mariadb` read `"…"` as a string). Default: none.
   */
  readonly dbSystem?: string;
  /**
   * Where metrics, logs and window series go. Default: the active handle (`getActiveObservability()`),
   * looked up at each call, so an integration created before `createObservability()` still reports.
   * Without any handle calls run unobserved.
   */
  readonly observability?: Observability;
}

/** Per-call options of `Integration.execute`. */
export interface IntegrationExecuteOptions {
  /**
   * Low-cardinality name of what the call does, e.g. `select_user` or `GET /forecast`; the `operation`
   * attribute. Never put ids or query text here: past 100 distinct values per integration the rest are
   * recorded as `_OTHER`. Default: `default`.
   */
  readonly operation?: string;
  /** Cancels the call: no further attempt starts and the signal given to the function aborts. */
  readonly signal?: AbortSignal;
  /**
   * The statement the call runs (SQL, a command). It never leaves the process as given: the span gets
   * `mcp_o11y.db.query.hash` (a hash of the text with its literals replaced by `?`) and, only when the
   * pipeline's `statements.record` is on, that normalised text capped at `statements.maxLength` as
   * `db.query.text`. Default: none.
   */
  readonly statement?: string;
}

/** An observed, resilient outbound dependency; see `createIntegration`. */
export interface Integration {
  /** `integration.name`. */
  readonly name: string;
  /** `integration.kind`. */
  readonly kind: IntegrationKind;
  /** The circuit breaker's state now; always `closed` without a breaker. */
  readonly state: CircuitBreakerState;
  /**
   * Runs `fn` under the timeout, circuit breaker and retry policies and records the call. `fn` gets a
   * signal that aborts on timeout or caller cancellation; pass it on to the client library.
   * @throws CircuitOpenError when the circuit is open (no attempt is made).
   * @throws IntegrationTimeoutError when the last attempt timed out.
   * @throws the caller's abort reason when `options.signal` aborted, else the last attempt's error.
   */
  execute<T>(fn: (signal: AbortSignal) => Promise<T>, options?: IntegrationExecuteOptions): Promise<T>;
  /** Stops reporting the breaker gauge and clears timers. Later `execute` calls reject. Idempotent. */
  dispose(): void;
}
