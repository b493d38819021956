import { redactText, redactValue } from '../privacy/redact-value.js';
import type { HealthCheckV1, HealthResultV1 } from '../spec/health/v1/health-check-v1.js';
import type { HealthCheckOutcome } from './health-options.js';

/** A check as the runner holds it: the spec's shape plus its own timeout. */
export interface RunnableHealthCheck {
  readonly name: string;
  readonly critical: boolean;
  readonly timeoutMs: number;
  readonly check: HealthCheckV1['check'];
}

const TIMED_OUT = Symbol('timed out');

/**
 * Runs one check bounded by its timeout: at the limit its signal is aborted and the outcome is `fail`
 * at once, whether or not the check honours the signal (a hung check is left behind, never awaited).
 * A throw is `fail` with the error's message. Text and details go through the secret redactor.
 */
export async function runHealthCheck(
  check: RunnableHealthCheck,
  clock: () => number = Date.now,
): Promise<HealthCheckOutcome> {
  const time = clock();
  const started = performance.now();
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(() => {
      controller.abort(new Error(`health check timed out after ${check.timeoutMs} ms`));
      resolve(TIMED_OUT);
    }, check.timeoutMs);
    // A pending check must not keep a stdio server alive.
    timer.unref?.();
  });
  const base = { name: check.name, critical: check.critical, time };
  try {
    const result = await Promise.race([
      Promise.resolve().then(() => check.check({ signal: controller.signal })),
      deadline,
    ]);
    const durationMs = Math.round(performance.now() - started);
    if (result === TIMED_OUT) {
      return {
        ...base,
        status: 'fail',
        durationMs,
        timedOut: true,
        message: `did not answer within ${check.timeoutMs} ms`,
        remediation:
          "Find out why the checked dependency is slow or unreachable; if it is only slow, raise health.timeoutMs or the check's own timeoutMs.",
      };
    }
    return { ...base, ...sanitize(result), durationMs };
  } catch (error) {
    return {
      ...base,
      status: 'fail',
      durationMs: Math.round(performance.now() - started),
      message: redactText(`check threw: ${error instanceof Error ? error.message : String(error)}`),
      remediation: 'The check itself failed; see its message, and fix the dependency or the check.',
    };
  } finally {
    clearTimeout(timer);
  }
}

function sanitize(
  result: HealthResultV1,
): Omit<HealthCheckOutcome, 'name' | 'critical' | 'time' | 'durationMs'> {
  const status =
    result?.status === 'pass' || result?.status === 'warn' || result?.status === 'fail'
      ? result.status
      : undefined;
  if (status === undefined) {
    return {
      status: 'fail',
      message: 'check returned no valid status (expected pass, warn or fail)',
      remediation: 'Make the check resolve to { status: "pass" | "warn" | "fail", ... }.',
    };
  }
  return {
    status,
    ...(typeof result.message === 'string' ? { message: redactText(result.message) } : {}),
    ...(result.details === undefined
      ? {}
      : { details: redactValue(result.details) as Readonly<Record<string, unknown>> }),
    ...(typeof result.remediation === 'string' ? { remediation: redactText(result.remediation) } : {}),
  };
}
