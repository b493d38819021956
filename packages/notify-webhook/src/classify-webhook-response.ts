import { type DeliveryResultV1, parseRetryAfter } from '@mcp-o11y/core';

/** What the receiver answered. */
export interface WebhookAnswer {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
}

/**
 * A short, single-line detail from the receiver's body (`error` / `message` of a JSON body, or a short
 * plain-text body), so a reason can say "invalid signature". The caller still redacts it.
 */
export function responseDetail(text: string): string | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  let detail: unknown = trimmed;
  if (trimmed.startsWith('{')) {
    try {
      const body = JSON.parse(trimmed) as Record<string, unknown>;
      detail = typeof body.error === 'string' ? body.error : body.message;
    } catch {
      detail = undefined;
    }
  }
  if (typeof detail !== 'string' || /[\r\n]/.test(detail.trim()) || detail.trim() === '') return undefined;
  const line = detail.trim();
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}

/**
 * Maps the receiver's answer: 2xx delivered; 429, 408, 425 and 5xx retryable (with `Retry-After` when
 * given); 3xx (redirects are not followed) and other 4xx failed.
 */
export function classifyWebhookResponse(answer: WebhookAnswer, now: number = Date.now()): DeliveryResultV1 {
  const { status } = answer;
  if (status >= 200 && status < 300) return { status: 'delivered' };
  const detail = responseDetail(answer.text);
  const suffix = detail ? `: ${detail}` : '';
  if (status === 429 || status === 408 || status === 425 || status >= 500) {
    const reason =
      status === 429
        ? `rate limited by the receiver (HTTP 429${suffix})`
        : `receiver answered HTTP ${status}${suffix}`;
    const retryAfterMs = parseRetryAfter(answer.headers.get('retry-after'), now);
    return retryAfterMs === undefined
      ? { status: 'retryable', reason }
      : { status: 'retryable', reason, retryAfterMs };
  }
  if (status >= 300 && status < 400) {
    return {
      status: 'failed',
      reason: `receiver answered a redirect (HTTP ${status}); point url at the final address`,
    };
  }
  return { status: 'failed', reason: `receiver rejected the notification (HTTP ${status}${suffix})` };
}
