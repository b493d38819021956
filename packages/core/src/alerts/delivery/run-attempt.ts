import type { NotificationV1 } from '../../spec/notifier/v1/notification-v1.js';
import type { DeliveryResultV1, NotifierV1 } from '../../spec/notifier/v1/notifier-v1.js';
import type { DeliveryClock } from './delivery-options.js';

/** How one attempt ended; `kind` is also the `result` attribute of the attempts counter. */
export type AttemptResult =
  | { readonly kind: 'delivered' }
  | { readonly kind: 'failed'; readonly reason: string }
  | { readonly kind: 'retryable'; readonly reason: string; readonly retryAfterMs?: number }
  | { readonly kind: 'timeout'; readonly reason: string }
  | { readonly kind: 'error'; readonly reason: string };

/** An attempt in flight. */
export interface RunningAttempt {
  /** Settles when the notifier answers, the timeout fires or `cancel` is called; never rejects. */
  readonly result: Promise<AttemptResult>;
  /** Aborts the attempt now (pipeline closing); `result` settles as a timeout with `reason`. */
  cancel(reason: string): void;
}

/**
 * Calls `notifier.send` once with an `AbortSignal` that fires after `timeoutMs` on `clock`. The result
 * settles at the timeout even when the notifier ignores the signal, so a hung notifier holds its own
 * queue for at most `timeoutMs` and nothing else. A throw (sync or async) becomes `error`, which the
 * pipeline retries like `retryable`: a notifier bug must not lose the notification or reach the caller.
 */
export function runAttempt(
  notifier: NotifierV1,
  notification: NotificationV1,
  timeoutMs: number,
  clock: DeliveryClock,
): RunningAttempt {
  const controller = new AbortController();
  let settle!: (result: AttemptResult) => void;
  const result = new Promise<AttemptResult>((resolve) => {
    settle = resolve;
  });
  let settled = false;
  const finish = (outcome: AttemptResult, abortReason?: string): void => {
    if (settled) return;
    settled = true;
    clock.clearTimeout(timer);
    if (abortReason !== undefined) controller.abort(new DOMException(abortReason, 'TimeoutError'));
    settle(outcome);
  };
  const timer = clock.setTimeout(() => {
    const reason = `no answer within the attempt timeout of ${timeoutMs} ms`;
    finish({ kind: 'timeout', reason }, reason);
  }, timeoutMs);

  let sent: Promise<DeliveryResultV1>;
  try {
    sent = Promise.resolve(notifier.send(notification, { signal: controller.signal }));
  } catch (error) {
    sent = Promise.reject(error);
  }
  sent.then(
    (answer) => finish(classify(answer)),
    (error: unknown) => finish({ kind: 'error', reason: `notifier threw: ${describeError(error)}` }),
  );
  return { result, cancel: (reason) => finish({ kind: 'timeout', reason }, reason) };
}

/** The notifier's answer as an attempt result; anything off-contract counts as a notifier error. */
function classify(answer: unknown): AttemptResult {
  const candidate = (answer ?? {}) as Partial<Record<'status' | 'reason' | 'retryAfterMs', unknown>>;
  const reason = typeof candidate.reason === 'string' ? clip(candidate.reason) : 'no reason given';
  switch (candidate.status) {
    case 'delivered':
      return { kind: 'delivered' };
    case 'failed':
      return { kind: 'failed', reason };
    case 'retryable': {
      const after = candidate.retryAfterMs;
      return typeof after === 'number' && Number.isFinite(after) && after >= 0
        ? { kind: 'retryable', reason, retryAfterMs: after }
        : { kind: 'retryable', reason };
    }
    default:
      return {
        kind: 'error',
        reason: `notifier returned an invalid result (status ${String(candidate.status)})`,
      };
  }
}

// A thrown error is outside the notifier contract's "no secrets" promise: hide URLs (webhook tokens).
function describeError(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return clip(text.replace(/[a-z][a-z0-9+.-]*:\/\/\S+/gi, '<url>'));
}

function clip(text: string): string {
  return text.length > 300 ? `${text.slice(0, 299)}…` : text;
}
