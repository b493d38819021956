import type { Observability } from '../pipeline/observability.js';

/** Default cap of a recorded statement, in characters, `…` included. */
export const DEFAULT_STATEMENT_MAX_LENGTH = 1024;

/**
 * What happens to database statements: the `statement` of an integration call, and the statement text
 * attributes instrumentations record (`db.query.text`, legacy `db.statement`). Whatever is recorded is
 * normalised first: literals become `?`, `IN (…)` lists `IN (?)` (see `normalizeStatement`).
 */
export interface StatementOptions {
  /**
   * Record the normalised statement text on spans (`db.query.text`) and in slow-call log lines. Off, spans
   * and lines carry only `mcp_o11y.db.query.hash`, and every statement text attribute an instrumentation
   * set is removed, so no statement text leaves the process. Parameter values (`db.postgresql.values`)
   * are removed either way. Default: false.
   */
  readonly record?: boolean;
  /** Most characters of a recorded statement, `…` included. Default: 1024. */
  readonly maxLength?: number;
  /**
   * Log a warning for each database span (one with a statement, from any instrumentation) that lasted
   * longer than this many milliseconds, with its hash and, when recorded, its normalised text. Spans of
   * `createIntegration` calls are left to the integration's own `slowThresholdMs`. Default: none.
   */
  readonly slowThresholdMs?: number;
}

/** {@link StatementOptions} resolved. */
export interface StatementPolicy {
  readonly record: boolean;
  readonly maxLength: number;
  readonly slowThresholdMs: number | undefined;
}

/** The policy when none was given: nothing recorded, nothing logged. */
export const DEFAULT_STATEMENT_POLICY: StatementPolicy = Object.freeze({
  record: false,
  maxLength: DEFAULT_STATEMENT_MAX_LENGTH,
  slowThresholdMs: undefined,
});

/**
 * Checks and fills in the options.
 * @throws {RangeError} when `maxLength` is not an integer ≥ 16 or `slowThresholdMs` is negative.
 */
export function resolveStatementPolicy(options: StatementOptions | undefined): StatementPolicy {
  if (options === undefined) return DEFAULT_STATEMENT_POLICY;
  const maxLength = options.maxLength ?? DEFAULT_STATEMENT_MAX_LENGTH;
  if (!Number.isInteger(maxLength) || maxLength < 16) {
    throw new RangeError(
      `[@mcp-o11y/core] statements.maxLength must be an integer of at least 16 characters, got ${String(maxLength)}.`,
    );
  }
  const slow = options.slowThresholdMs;
  if (slow !== undefined && !(Number.isFinite(slow) && slow >= 0)) {
    throw new RangeError(
      `[@mcp-o11y/core] statements.slowThresholdMs must be a number of milliseconds >= 0, got ${String(slow)}.`,
    );
  }
  return Object.freeze({ record: options.record === true, maxLength, slowThresholdMs: slow });
}

// Integrations find the policy of whichever handle they record into; the handle's interface stays as is.
const policies = new WeakMap<Observability, StatementPolicy>();

/** Makes `policy` the statement policy of `observability` (called by `createObservability`). */
export function setStatementPolicy(observability: Observability, policy: StatementPolicy): void {
  policies.set(observability, policy);
}

/** The statement policy of `observability`; the default (record nothing) for a handle that has none. */
export function statementPolicyOf(observability: Observability): StatementPolicy {
  return policies.get(observability) ?? DEFAULT_STATEMENT_POLICY;
}
