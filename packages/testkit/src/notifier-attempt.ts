import type { DeliveryResultV1, NotificationV1, NotifierV1 } from '@mcp-o11y/core';
import { canonicalNotifications } from './canonical-notifications.js';
import { type CaptureFetch, type CaptureScript, createCaptureFetch } from './capture-fetch.js';
import { ConformanceError, describeValue } from './conformance-error.js';
import type { NotifierConformanceOptions } from './notifier-conformance-options.js';
import { settleWithin } from './settle-within.js';

/** How long a send may take before the suite calls it hung. Generous: a hang detector, not a timing goal. */
export const sendDeadlineMs = 2_000;

/** A fresh notifier wired to a capture fetch with `script`. */
export interface NotifierHarness {
  readonly notifier: NotifierV1;
  readonly fetch: CaptureFetch;
  readonly subject: string;
  readonly notification: NotificationV1;
}

/** Creates a notifier over a scripted fetch, runs `body`, and always closes the notifier. */
export async function withNotifier<T>(
  options: NotifierConformanceOptions,
  script: CaptureScript,
  body: (harness: NotifierHarness) => Promise<T>,
): Promise<T> {
  const fetch = createCaptureFetch(script);
  const notifier = await options.create({ fetch });
  const subject = `notifier "${options.name}"`;
  try {
    return await body({
      notifier,
      fetch,
      subject,
      notification: options.canonical ?? canonicalNotifications.criticalFiring,
    });
  } finally {
    await notifier.close?.();
  }
}

/**
 * Makes one `send` and returns its validated result. Fails the check when `send` rejects, hangs past
 * {@link sendDeadlineMs}, or resolves something that is not a `DeliveryResultV1`.
 */
export async function attemptSend(
  harness: NotifierHarness,
  scenario: string,
  signal: AbortSignal = new AbortController().signal,
  notification: NotificationV1 = harness.notification,
): Promise<DeliveryResultV1> {
  let sending: Promise<DeliveryResultV1>;
  try {
    sending = harness.notifier.send(notification, { signal });
  } catch (error) {
    throw new ConformanceError(
      harness.subject,
      `send threw synchronously on ${scenario}: ${describeValue(error)}`,
      {
        cause: error,
      },
    );
  }
  return settleSend(harness.subject, scenario, sending);
}

/** Validates the outcome of a send that is already under way. */
export async function settleSend(
  subject: string,
  scenario: string,
  sending: Promise<DeliveryResultV1>,
): Promise<DeliveryResultV1> {
  const settled = await settleWithin(sending, sendDeadlineMs);
  if (settled.state === 'pending') {
    throw new ConformanceError(
      subject,
      `send did not settle within ${sendDeadlineMs} ms on ${scenario}; it must stop network I/O when the signal aborts.`,
    );
  }
  if (settled.state === 'rejected') {
    throw new ConformanceError(
      subject,
      `send rejected on ${scenario} (${describeValue(settled.error)}); report delivery failures as a ` +
        `'retryable' or 'failed' result instead.`,
      { cause: settled.error },
    );
  }
  return validateDeliveryResult(subject, scenario, settled.value);
}

/** Throws unless `result` is a well-formed `DeliveryResultV1`. */
export function validateDeliveryResult(subject: string, scenario: string, result: unknown): DeliveryResultV1 {
  const problem = deliveryResultProblem(result);
  if (problem) {
    throw new ConformanceError(subject, `send resolved ${describeValue(result)} on ${scenario}: ${problem}.`);
  }
  return result as DeliveryResultV1;
}

function deliveryResultProblem(result: unknown): string | undefined {
  if (typeof result !== 'object' || result === null) return 'expected an object';
  const record = result as Record<string, unknown>;
  if (record.status === 'delivered') {
    return record.id === undefined || typeof record.id === 'string' ? undefined : '`id` must be a string';
  }
  if (record.status !== 'retryable' && record.status !== 'failed') {
    return "`status` must be 'delivered', 'retryable' or 'failed'";
  }
  if (typeof record.reason !== 'string' || record.reason.trim() === '')
    return '`reason` must be a non-empty string';
  const retryAfterMs = record.retryAfterMs;
  if (record.status === 'retryable' && retryAfterMs !== undefined) {
    if (typeof retryAfterMs !== 'number' || !Number.isFinite(retryAfterMs) || retryAfterMs < 0) {
      return '`retryAfterMs` must be a finite number of milliseconds ≥ 0';
    }
  }
  return undefined;
}

/** Throws unless `result.status` is `expected`. */
export function expectStatus(
  subject: string,
  scenario: string,
  result: DeliveryResultV1,
  expected: DeliveryResultV1['status'],
): void {
  if (result.status !== expected) {
    throw new ConformanceError(
      subject,
      `expected '${expected}' on ${scenario}, got ${describeValue(result)}.`,
    );
  }
}

/** Resolves once the notifier called `fetch`, so an abort hits an in-flight request. */
export async function waitForFirstRequest(harness: NotifierHarness, scenario: string): Promise<void> {
  const giveUpAt = Date.now() + sendDeadlineMs;
  while (harness.fetch.requests.length === 0) {
    if (Date.now() > giveUpAt) {
      throw new ConformanceError(
        harness.subject,
        `never called the injected fetch on ${scenario}; pass the \`fetch\` given to \`create\` to the notifier.`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Sends over a hanging request, aborts the signal once the request is in flight, and validates the result. */
export async function abortMidRequest(harness: NotifierHarness): Promise<DeliveryResultV1> {
  const scenario = 'a hung request aborted by the signal';
  const controller = new AbortController();
  // Deferred so a synchronous throw becomes a rejection, which settleSend reports as a violation.
  const sending = Promise.resolve().then(() =>
    harness.notifier.send(harness.notification, { signal: controller.signal }),
  );
  // Keep an early rejection from surfacing as unhandled while we wait for the request.
  sending.catch(() => undefined);
  await waitForFirstRequest(harness, scenario);
  controller.abort();
  return settleSend(harness.subject, scenario, sending);
}
