/** A health check's verdict. `warn` keeps the service ready but shows up on the dashboard and in alerts. */
export type HealthStatusV1 = 'pass' | 'warn' | 'fail';

/** What one run of a health check found. */
export interface HealthResultV1 {
  /** The verdict. */
  readonly status: HealthStatusV1;
  /** One line for humans, e.g. `Prometheus scraped 12 s ago`. */
  readonly message?: string;
  /** Structured details for the dashboard (no secrets). */
  readonly details?: Readonly<Record<string, unknown>>;
  /** What to do about a `warn` or `fail`: a sentence, or a runbook link. */
  readonly remediation?: string;
}

/** A named check run by the health endpoint and the alert engine. */
export interface HealthCheckV1 {
  /** The interface version this check implements. */
  readonly specificationVersion: 'v1';
  /** Unique name (`prometheus-scrape`, `smtp-connection`). */
  readonly name: string;
  /** Whether a `fail` makes the service not ready (readiness), or only degraded. Default false. */
  readonly critical?: boolean;
  /**
   * Runs the check. Must honour `signal` (core aborts after 5 000 ms by default). A throw or a time-out is
   * reported as `fail` with the error's message.
   */
  check(options: { readonly signal: AbortSignal }): Promise<HealthResultV1>;
}
