import type { HealthCheckV1, HealthResultV1, HealthStatusV1 } from '../spec/health/v1/health-check-v1.js';

/** Default time a check may take before it is reported as `fail`, in milliseconds. */
export const DEFAULT_HEALTH_TIMEOUT_MS = 5_000;

/** Default time a report is reused before the checks run again, in milliseconds. */
export const DEFAULT_HEALTH_CACHE_TTL_MS = 2_000;

/** Options of the health check runner (`observability.health`); `createObservability({ health })`. */
export interface HealthOptions {
  /** Time each check may take; it is then aborted (its `signal`) and reported as `fail`. Default 5 000 ms. */
  readonly timeoutMs?: number;
  /**
   * How long a report is reused, so a load balancer or a dashboard polling the endpoint does not re-run
   * expensive checks (a database ping) on every request. `0` runs the checks every time. Default 2 000 ms.
   */
  readonly cacheTtlMs?: number;
  /** Add the built-in checks (event loop, memory, disk, configuration, adapters, notifiers, circuit breakers). Default true. */
  readonly builtInChecks?: boolean;
}

/** A check written inline: `observability.health.add({ name: 'database', check: async () => ... })`. */
export interface HealthCheckInput {
  /** Unique name; becomes the `check` label of the `HealthCheckFailing` alert. */
  readonly name: string;
  /** Runs the check; must honour `signal` (aborted at the timeout). A throw is reported as `fail`. */
  readonly check: (options: { readonly signal: AbortSignal }) => Promise<HealthResultV1>;
  /** A `fail` makes the service not ready (`/health/ready` answers 503). Default false: degraded only. */
  readonly critical?: boolean;
  /** Time this check may take, overriding the runner's `timeoutMs`. */
  readonly timeoutMs?: number;
}

/** One check's outcome in a {@link HealthReport}. Text and details have passed the secret redactor. */
export interface HealthCheckOutcome {
  /** The check's name. */
  readonly name: string;
  /** Its verdict; a throw or a time-out is `fail`. */
  readonly status: HealthStatusV1;
  /** Whether a `fail` of this check makes the service not ready. */
  readonly critical: boolean;
  /** One line for humans. */
  readonly message?: string;
  /** Structured details (no secrets). */
  readonly details?: Readonly<Record<string, unknown>>;
  /** What to do about a `warn` or `fail`. */
  readonly remediation?: string;
  /** When the check started, ms since the epoch. */
  readonly time: number;
  /** How long it took, in milliseconds (the timeout when it timed out). */
  readonly durationMs: number;
  /** True when the check did not answer within its timeout. */
  readonly timedOut?: boolean;
}

/** What one run of every check found. */
export interface HealthReport {
  /**
   * Overall status: `fail` when the pipeline is shut down or a critical check fails; `warn` when any
   * check warns or a non-critical check fails (degraded); else `pass`.
   */
  readonly status: HealthStatusV1;
  /** Readiness: the pipeline runs and no critical check fails. */
  readonly ready: boolean;
  /** When the run started, ms since the epoch. */
  readonly time: number;
  /** How long the run took, in milliseconds. */
  readonly durationMs: number;
  /** Every check, in the order they were added. */
  readonly checks: readonly HealthCheckOutcome[];
}

/** The health check runner on the handle: `observability.health`. */
export interface ObservabilityHealth {
  /**
   * Adds a check (a `HealthCheckV1` or `{ name, check, critical? }`) and returns a function removing it.
   * @throws Error when a check with the same name exists.
   */
  add(check: HealthCheckV1 | HealthCheckInput): () => void;
  /** Names of the checks, in order. */
  names(): readonly string[];
  /**
   * Runs every check in parallel, each bounded by its timeout; never rejects. Concurrent calls share one
   * run and a report is reused for `cacheTtlMs`; `{ fresh: true }` skips the cache.
   */
  run(options?: { readonly fresh?: boolean }): Promise<HealthReport>;
  /** The last report, without running anything; undefined before the first run. */
  latest(): HealthReport | undefined;
}
