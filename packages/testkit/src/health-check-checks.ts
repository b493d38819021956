import type { HealthCheckV1, HealthResultV1 } from '@mcp-o11y/core';
import { type CaptureFetch, type CaptureScript, createCaptureFetch } from './capture-fetch.js';
import { ConformanceError, describeValue, expectConformance } from './conformance-error.js';
import { type Settled, settleWithin } from './settle-within.js';

/** What the check under test supports. */
export interface HealthCheckCapabilities {
  /**
   * The check probes its dependency through the injected `fetch`. Default true. When false the suite
   * cannot make the dependency hang or refuse, so only shape and abort-settling are checked.
   */
  readonly http?: boolean;
}

/** Options of {@link describeHealthCheckConformance} and of every `checkHealthCheck*` function. */
export interface HealthCheckConformanceOptions {
  /** Shown in test names. */
  readonly name: string;
  /** Creates a fresh check for one test; pass `fetch` to the check's `fetch` option. */
  readonly create: (context: { readonly fetch: CaptureFetch }) => HealthCheckV1 | Promise<HealthCheckV1>;
  /** What the injected fetch answers while the dependency is healthy. Default: 200 with `{}`. */
  readonly healthy?: CaptureScript;
  /** Capability flags; see {@link HealthCheckCapabilities}. */
  readonly capabilities?: HealthCheckCapabilities;
}

/** How long a check may run in the suite before it counts as hung (core aborts at 5 000 ms by default). */
export const checkDeadlineMs = 2_000;

const statuses = new Set(['pass', 'warn', 'fail']);

/** `specificationVersion === 'v1'`, a non-empty `name`, a boolean `critical` when present, a `check` function. */
export async function checkHealthCheckSpecification(options: HealthCheckConformanceOptions): Promise<void> {
  const check = await options.create({ fetch: createCaptureFetch([]) });
  const subject = `health check "${options.name}"`;
  expectConformance(check.specificationVersion === 'v1', subject, "`specificationVersion` must be 'v1'.");
  expectConformance(
    typeof check.name === 'string' && check.name !== '',
    subject,
    '`name` must be a non-empty string.',
  );
  expectConformance(
    check.critical === undefined || typeof check.critical === 'boolean',
    subject,
    '`critical`, when present, must be a boolean.',
  );
  expectConformance(typeof check.check === 'function', subject, '`check` must be a function.');
}

/** Against a healthy dependency the check resolves a valid `HealthResultV1`. */
export async function checkHealthCheckResult(
  options: HealthCheckConformanceOptions,
): Promise<HealthResultV1> {
  const check = await options.create({
    fetch: createCaptureFetch(options.healthy ?? (() => ({ status: 200, body: {} }))),
  });
  const settled = await run(check, new AbortController().signal);
  return expectResult(options, 'a healthy dependency', settled);
}

/**
 * When the signal aborts mid-check the promise settles promptly (a `warn`/`fail` result, or a rejection
 * that core turns into `fail`) and never claims `pass`; an already aborted signal settles too.
 */
export async function checkHealthCheckAbort(options: HealthCheckConformanceOptions): Promise<void> {
  const http = options.capabilities?.http !== false;
  const fetch = createCaptureFetch(() => ({ hang: true }));
  const check = await options.create({ fetch });
  const controller = new AbortController();
  const running = Promise.resolve().then(() => check.check({ signal: controller.signal }));
  running.catch(() => undefined);
  if (http) await waitForRequest(options, fetch);
  else await new Promise((resolve) => setTimeout(resolve, 20));
  controller.abort();
  const midCheck = await settleWithin(running, checkDeadlineMs);
  expectSettledNotPass(options, 'a hung dependency aborted by the signal', midCheck, http);

  const preAborted = await run(
    await options.create({ fetch: createCaptureFetch(() => ({ hang: true })) }),
    AbortSignal.abort(),
  );
  expectSettledNotPass(options, 'an already aborted signal', preAborted, http);
}

/** An unreachable dependency (connection refused) settles without claiming `pass`. */
export async function checkHealthCheckUnreachable(options: HealthCheckConformanceOptions): Promise<void> {
  const check = await options.create({ fetch: createCaptureFetch(() => ({ refuse: true })) });
  expectSettledNotPass(options, 'a refused connection', await run(check, new AbortController().signal), true);
}

function run(check: HealthCheckV1, signal: AbortSignal): Promise<Settled<HealthResultV1>> {
  return settleWithin(
    Promise.resolve().then(() => check.check({ signal })),
    checkDeadlineMs,
  );
}

function expectResult(
  options: HealthCheckConformanceOptions,
  scenario: string,
  settled: Settled<HealthResultV1>,
): HealthResultV1 {
  const subject = `health check "${options.name}"`;
  if (settled.state === 'pending') {
    throw new ConformanceError(subject, `did not settle within ${checkDeadlineMs} ms on ${scenario}.`);
  }
  if (settled.state === 'rejected') {
    throw new ConformanceError(subject, `rejected on ${scenario}: ${describeValue(settled.error)}.`, {
      cause: settled.error,
    });
  }
  const problem = healthResultProblem(settled.value);
  if (problem)
    throw new ConformanceError(
      subject,
      `resolved ${describeValue(settled.value)} on ${scenario}: ${problem}.`,
    );
  return settled.value;
}

function expectSettledNotPass(
  options: HealthCheckConformanceOptions,
  scenario: string,
  settled: Settled<HealthResultV1>,
  forbidPass: boolean,
): void {
  // A rejection is allowed here: core reports a throw as `fail` with the error's message.
  if (settled.state === 'rejected') return;
  const result = expectResult(options, scenario, settled);
  expectConformance(
    !forbidPass || result.status !== 'pass',
    `health check "${options.name}"`,
    `reported 'pass' on ${scenario}; it cannot know the dependency is healthy.`,
  );
}

function healthResultProblem(result: unknown): string | undefined {
  if (typeof result !== 'object' || result === null) return 'expected an object';
  const record = result as Record<string, unknown>;
  if (!statuses.has(record.status as string)) return "`status` must be 'pass', 'warn' or 'fail'";
  if (record.message !== undefined && typeof record.message !== 'string') return '`message` must be a string';
  if (record.remediation !== undefined && typeof record.remediation !== 'string') {
    return '`remediation` must be a string';
  }
  const details = record.details;
  if (details !== undefined && (typeof details !== 'object' || details === null || Array.isArray(details))) {
    return '`details` must be a plain object';
  }
  return undefined;
}

async function waitForRequest(options: HealthCheckConformanceOptions, fetch: CaptureFetch): Promise<void> {
  const giveUpAt = Date.now() + checkDeadlineMs;
  while (fetch.requests.length === 0) {
    if (Date.now() > giveUpAt) {
      throw new ConformanceError(
        `health check "${options.name}"`,
        'never called the injected fetch; pass the `fetch` given to `create`, or set capabilities.http: false.',
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
