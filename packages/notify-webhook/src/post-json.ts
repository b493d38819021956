import type { DeliveryResultV1 } from '@mcp-o11y/core';

/** What one POST produced: a response (any status), or a retryable result when none came. */
export type PostOutcome =
  | { readonly kind: 'response'; readonly status: number; readonly headers: Headers; readonly text: string }
  | { readonly kind: 'no-response'; readonly result: DeliveryResultV1 };

/** The request to make. */
export interface PostRequest {
  readonly fetch: typeof globalThis.fetch;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  readonly signal: AbortSignal;
  readonly timeoutMs: number;
}

// Receivers answer with a few bytes; never buffer an unbounded body from a misbehaving one.
const maxBodyBytes = 64 * 1024;

async function readBody(response: Response): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (size < maxBodyBytes) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
  }
  if (size >= maxBodyBytes) await reader.cancel().catch(() => undefined);
  return new TextDecoder().decode(Buffer.concat(chunks).subarray(0, maxBodyBytes));
}

function networkCode(error: unknown): string | undefined {
  const cause = (error as { cause?: { code?: unknown } } | undefined)?.cause;
  return typeof cause?.code === 'string' ? cause.code : undefined;
}

/**
 * One POST with the caller's signal and a per-attempt timeout. Never throws for network trouble: a
 * refused connection, a timeout or an abort become a `retryable` result whose reason names no URL.
 */
export async function postJson(request: PostRequest): Promise<PostOutcome> {
  if (request.signal.aborted) {
    return { kind: 'no-response', result: { status: 'retryable', reason: 'aborted before sending' } };
  }
  const timeout = AbortSignal.timeout(request.timeoutMs);
  const signal = AbortSignal.any([request.signal, timeout]);
  try {
    const response = await request.fetch(request.url, {
      method: 'POST',
      headers: request.headers,
      body: request.body,
      signal,
      // A webhook that redirects is misconfigured; following it could post the alert somewhere else.
      redirect: 'manual',
    });
    const text = await readBody(response);
    return { kind: 'response', status: response.status, headers: response.headers, text };
  } catch (error) {
    let reason: string;
    if (request.signal.aborted) reason = 'aborted by the caller (delivery deadline or shutdown)';
    else if (timeout.aborted) reason = `no answer within ${request.timeoutMs} ms (timeoutMs)`;
    else reason = `network error${networkCode(error) ? ` (${networkCode(error)})` : ''}`;
    return { kind: 'no-response', result: { status: 'retryable', reason } };
  }
}
