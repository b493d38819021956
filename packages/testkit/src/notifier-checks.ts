import type { DeliveryResultV1 } from '@mcp-o11y/core';
import { type CanonicalNotificationName, canonicalNotifications } from './canonical-notifications.js';
import type { CapturedRequest, CaptureStep } from './capture-fetch.js';
import { captureStdout } from './capture-stdout.js';
import { describeValue, expectConformance } from './conformance-error.js';
import { abortMidRequest, attemptSend, expectStatus, withNotifier } from './notifier-attempt.js';
import { defaultSuccessResponses, type NotifierConformanceOptions } from './notifier-conformance-options.js';

/** `specificationVersion === 'v1'`, a non-empty `id`, and `send` / `close` of the right kind. */
export async function checkNotifierSpecification(options: NotifierConformanceOptions): Promise<void> {
  await withNotifier(options, [], async ({ notifier, subject }) => {
    expectConformance(
      notifier.specificationVersion === 'v1',
      subject,
      "`specificationVersion` must be 'v1'.",
    );
    expectConformance(
      typeof notifier.id === 'string' && notifier.id !== '',
      subject,
      '`id` must be a non-empty string.',
    );
    expectConformance(typeof notifier.send === 'function', subject, '`send` must be a function.');
    expectConformance(
      notifier.close === undefined || typeof notifier.close === 'function',
      subject,
      '`close`, when present, must be a function.',
    );
  });
}

/** Every success response (2xx) yields `delivered`, after at least one request. */
export async function checkNotifierDelivers(options: NotifierConformanceOptions): Promise<void> {
  for (const response of options.success ?? defaultSuccessResponses) {
    const scenario = `a ${response.status} response`;
    await withNotifier(
      options,
      () => response,
      async (harness) => {
        expectStatus(harness.subject, scenario, await attemptSend(harness, scenario), 'delivered');
        expectConformance(
          harness.fetch.requests.length > 0,
          harness.subject,
          `reported 'delivered' without a request.`,
        );
      },
    );
  }
}

/**
 * Sends every canonical notification to a receiver that answers with the first success response and
 * returns the requests each one made, for snapshots. Fails when one is not `delivered`.
 */
export async function captureCanonicalRequests(
  options: NotifierConformanceOptions,
): Promise<Record<CanonicalNotificationName, readonly CapturedRequest[]>> {
  const success = (options.success ?? defaultSuccessResponses)[0] ?? { status: 200 };
  const captured: Partial<Record<CanonicalNotificationName, readonly CapturedRequest[]>> = {};
  for (const [name, notification] of Object.entries(canonicalNotifications)) {
    const scenario = `canonical notification '${name}'`;
    await withNotifier(
      options,
      () => success,
      async (harness) => {
        expectStatus(
          harness.subject,
          scenario,
          await attemptSend(harness, scenario, undefined, notification),
          'delivered',
        );
        captured[name as CanonicalNotificationName] = [...harness.fetch.requests];
      },
    );
  }
  return captured as Record<CanonicalNotificationName, readonly CapturedRequest[]>;
}

/** Every canonical notification (severities, resolved, long text, markup) is `delivered` with a request. */
export async function checkNotifierCanonicalFixtures(options: NotifierConformanceOptions): Promise<void> {
  const captured = await captureCanonicalRequests(options);
  if (options.capabilities?.http === false) return;
  for (const [name, requests] of Object.entries(captured)) {
    expectConformance(requests.length > 0, `notifier "${options.name}"`, `sent no request for '${name}'.`);
  }
}

/** 429 and 503 are `retryable`; their `Retry-After` (seconds or HTTP-date) becomes `retryAfterMs`. */
export async function checkNotifierRetryAfter(options: NotifierConformanceOptions): Promise<void> {
  const parsesRetryAfter = options.capabilities?.retryAfter !== false;
  await expectOutcome(options, 'a 429 without Retry-After', { status: 429 }, 'retryable');

  const seconds = await expectOutcome(
    options,
    'a 429 with Retry-After: 3',
    { status: 429, retryAfter: '3' },
    'retryable',
  );
  if (parsesRetryAfter) expectRetryAfter(options, 'Retry-After: 3', seconds, 3_000, 3_000);
  const unavailable = await expectOutcome(
    options,
    'a 503 with Retry-After: 2',
    { status: 503, retryAfter: '2' },
    'retryable',
  );
  if (parsesRetryAfter) expectRetryAfter(options, '503 Retry-After: 2', unavailable, 2_000, 2_000);

  // HTTP-dates have one-second resolution, so the expected delay is a range.
  const date = new Date(Date.now() + 10_000).toUTCString();
  const httpDate = await expectOutcome(
    options,
    `a 429 with Retry-After: ${date}`,
    { status: 429, retryAfter: date },
    'retryable',
  );
  if (parsesRetryAfter) expectRetryAfter(options, `Retry-After: ${date}`, httpDate, 5_000, 11_000);
}

/** 500, 502, 503 and 504 are `retryable`. */
export async function checkNotifierServerErrors(options: NotifierConformanceOptions): Promise<void> {
  for (const status of [500, 502, 503, 504]) {
    await expectOutcome(
      options,
      `a ${status} response`,
      { status, body: 'upstream unavailable' },
      'retryable',
    );
  }
}

/** 400, 401 and 403 are `failed`: retrying cannot fix a bad request or bad credentials. */
export async function checkNotifierClientErrors(options: NotifierConformanceOptions): Promise<void> {
  for (const status of [400, 401, 403]) {
    await expectOutcome(options, `a ${status} response`, { status, body: { error: 'rejected' } }, 'failed');
  }
}

/** A refused connection (`TypeError('fetch failed')`, cause `ECONNREFUSED`) is `retryable`. */
export async function checkNotifierConnectionRefused(options: NotifierConformanceOptions): Promise<void> {
  await expectOutcome(options, 'a refused connection', { refuse: true }, 'retryable');
}

/**
 * A request that hangs resolves `retryable` promptly once the signal aborts, and a send with an already
 * aborted signal resolves `retryable` too. Neither may reject.
 */
export async function checkNotifierAbort(options: NotifierConformanceOptions): Promise<void> {
  await withNotifier(
    options,
    () => ({ hang: true }),
    async (harness) => {
      const result = await abortMidRequest(harness);
      expectStatus(harness.subject, 'a hung request aborted by the signal', result, 'retryable');
    },
  );
  await withNotifier(
    options,
    () => ({ hang: true }),
    async (harness) => {
      const scenario = 'an already aborted signal';
      expectStatus(
        harness.subject,
        scenario,
        await attemptSend(harness, scenario, AbortSignal.abort()),
        'retryable',
      );
    },
  );
}

/** Nothing reaches stdout (the stdio protocol channel) during sends, successful or not. */
export async function checkNotifierNoStdout(options: NotifierConformanceOptions): Promise<void> {
  const capture = captureStdout({ passThrough: false });
  try {
    await withNotifier(
      options,
      () => (options.success ?? defaultSuccessResponses)[0] ?? { status: 200 },
      (harness) => attemptSend(harness, 'a success response'),
    );
    if (options.capabilities?.http !== false) {
      for (const step of [{ status: 500 }, { status: 401 }, { refuse: true }] as const) {
        await withNotifier(
          options,
          () => step,
          (harness) => attemptSend(harness, describeValue(step)),
        );
      }
      await withNotifier(options, () => ({ hang: true }), abortMidRequest);
    }
  } finally {
    capture.restore();
  }
  expectConformance(
    capture.writes.length === 0,
    `notifier "${options.name}"`,
    `wrote to stdout during sends (${describeValue(capture.writes[0])}); stdout is the MCP stdio channel, use stderr.`,
  );
}

async function expectOutcome(
  options: NotifierConformanceOptions,
  scenario: string,
  step: CaptureStep,
  expected: DeliveryResultV1['status'],
): Promise<DeliveryResultV1> {
  return withNotifier(
    options,
    () => step,
    async (harness) => {
      const result = await attemptSend(harness, scenario);
      expectStatus(harness.subject, scenario, result, expected);
      return result;
    },
  );
}

function expectRetryAfter(
  options: NotifierConformanceOptions,
  scenario: string,
  result: DeliveryResultV1,
  minimumMs: number,
  maximumMs: number,
): void {
  const retryAfterMs = result.status === 'retryable' ? result.retryAfterMs : undefined;
  expectConformance(
    retryAfterMs !== undefined && retryAfterMs >= minimumMs && retryAfterMs <= maximumMs,
    `notifier "${options.name}"`,
    `expected retryAfterMs between ${minimumMs} and ${maximumMs} for ${scenario}, got ${describeValue(retryAfterMs)} ` +
      '(set capabilities.retryAfter: false if the channel has no Retry-After).',
  );
}
