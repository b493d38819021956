import type { HealthCheckReading } from '../alerts/engine/evaluation-context.js';
import type { HealthCheckV1, HealthStatusV1 } from '../spec/health/v1/health-check-v1.js';
import {
  DEFAULT_HEALTH_CACHE_TTL_MS,
  DEFAULT_HEALTH_TIMEOUT_MS,
  type HealthCheckInput,
  type HealthCheckOutcome,
  type HealthOptions,
  type HealthReport,
  type ObservabilityHealth,
} from './health-options.js';
import { type RunnableHealthCheck, runHealthCheck } from './run-health-check.js';

/** Options of {@link createHealthRunner}. */
export interface HealthRunnerOptions extends HealthOptions {
  /** Whether the pipeline still runs; a report is `fail` and not ready once this is false. Default: always. */
  readonly isUp?: () => boolean;
  /** Epoch ms. Default `Date.now`. */
  readonly clock?: () => number;
}

/** The runner behind `observability.health`, with what the pipeline needs besides the public surface. */
export interface HealthRunner extends ObservabilityHealth {
  /** The latest verdicts for the alert engine's `health` option; runs the checks unless a report is cached. */
  readings(): Promise<HealthCheckReading[]>;
  /** Releases what checks hold (`close()` on a check, e.g. the event loop histogram). Idempotent. */
  close(): void;
}

const rank: Readonly<Record<HealthStatusV1, number>> = { pass: 0, warn: 1, fail: 2 };

/**
 * Runs health checks in parallel, each bounded by its timeout, and summarises them: a failing critical
 * check makes the report `fail` and not ready; a failing non-critical one only degrades it (`warn`).
 * @throws RangeError when `timeoutMs` is not a positive number or `cacheTtlMs` is negative.
 */
export function createHealthRunner(options: HealthRunnerOptions = {}): HealthRunner {
  const timeoutMs = options.timeoutMs ?? DEFAULT_HEALTH_TIMEOUT_MS;
  const cacheTtlMs = options.cacheTtlMs ?? DEFAULT_HEALTH_CACHE_TTL_MS;
  if (!(timeoutMs > 0) || !Number.isFinite(timeoutMs)) {
    throw new RangeError(
      `[@mcp-o11y/core] health.timeoutMs must be a positive number of milliseconds, got ${timeoutMs}.`,
    );
  }
  if (!(cacheTtlMs >= 0) || !Number.isFinite(cacheTtlMs)) {
    throw new RangeError(
      `[@mcp-o11y/core] health.cacheTtlMs must be 0 or more milliseconds, got ${cacheTtlMs}.`,
    );
  }
  const clock = options.clock ?? Date.now;
  const isUp = options.isUp ?? (() => true);
  const checks = new Map<string, RunnableHealthCheck & { readonly source: object }>();
  let latest: HealthReport | undefined;
  let running: Promise<HealthReport> | undefined;

  const runAll = async (): Promise<HealthReport> => {
    const time = clock();
    const started = performance.now();
    const outcomes = await Promise.all([...checks.values()].map((check) => runHealthCheck(check, clock)));
    const report = summarize(outcomes, isUp(), time, Math.round(performance.now() - started));
    latest = report;
    return report;
  };

  const run: HealthRunner['run'] = (runOptions) => {
    if (running !== undefined) return running;
    if (!runOptions?.fresh && latest !== undefined && clock() - latest.time < cacheTtlMs && isUp()) {
      return Promise.resolve(latest);
    }
    running = runAll().finally(() => {
      running = undefined;
    });
    return running;
  };

  return {
    add(check: HealthCheckV1 | HealthCheckInput) {
      if (typeof check?.name !== 'string' || check.name === '' || typeof check.check !== 'function') {
        throw new TypeError('[@mcp-o11y/core] a health check needs a non-empty name and a check function.');
      }
      if (checks.has(check.name)) {
        throw new Error(
          `[@mcp-o11y/core] a health check named "${check.name}" already exists; give this one another name.`,
        );
      }
      const own = 'timeoutMs' in check && typeof check.timeoutMs === 'number' ? check.timeoutMs : timeoutMs;
      const entry = {
        name: check.name,
        critical: check.critical === true,
        timeoutMs: own,
        check: check.check.bind(check),
        source: check,
      };
      checks.set(check.name, entry);
      latest = undefined;
      return () => {
        if (checks.get(check.name) === entry) checks.delete(check.name);
        latest = undefined;
      };
    },
    names: () => [...checks.keys()],
    run,
    latest: () => latest,
    async readings() {
      const report = await run();
      return report.checks.map((check) => ({
        name: check.name,
        status: check.status,
        ...(check.message === undefined ? {} : { message: check.message }),
      }));
    },
    close() {
      for (const check of checks.values()) {
        const close = (check.source as { close?: unknown }).close;
        if (typeof close === 'function') {
          try {
            close.call(check.source);
          } catch {
            // Closing is best effort while shutting down.
          }
        }
      }
    },
  };
}

function summarize(
  outcomes: readonly HealthCheckOutcome[],
  up: boolean,
  time: number,
  durationMs: number,
): HealthReport {
  const criticalFailing = outcomes.some((outcome) => outcome.critical && outcome.status === 'fail');
  const ready = up && !criticalFailing;
  const worst = Math.max(0, ...outcomes.map((outcome) => rank[outcome.status]));
  const status: HealthStatusV1 = !ready ? 'fail' : worst > 0 ? 'warn' : 'pass';
  return { status, ready, time, durationMs, checks: outcomes };
}
