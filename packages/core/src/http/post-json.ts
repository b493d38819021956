import type { DeliveryResultV1 } from '../spec/notifier/v1/notifier-v1.js';

/** One JSON POST to make: `fetch` is the caller's (injected for tests and proxies), `body` already serialized. */
export interface PostJsonRequest {
  readonly fetch: typeof globalThis.fetch;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  /** The caller's signal (delivery deadline, shutdown); composed with the per-attempt timeout. */
  readonly signal: AbortSignal;
  /** Per-attempt timeout, ms; covers connecting, the answer and reading its body. */
  readonly timeoutMs: number;
}

/** Why no response came: the caller's signal, the per-attempt timeout, or the network. */
export type PostJsonFailure = 'aborted-before-sending' | 'aborted' | 'timeout' | 'network';

/**
 * What one POST produced: a response (any status, body text capped at 64 KiB), or — when none came —
 * why, with a `retryable` result whose reason names no URL.
 */
export type PostJsonOutcome =
  | { readonly kind: 'response'; readonly status: number; readonly headers: Headers; readonly text: string }
  | {
      readonly kind: 'no-response';
      readonly failure: PostJsonFailure;
      /** The error fetch threw; absent for `aborted-before-sending`. May hold the URL — redact before use. */
      readonly error?: unknown;
      readonly result: DeliveryResultV1;
    };

// Receivers answer with a few bytes; never buffer an unbounded body from a misbehaving one or its proxy.
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

function noResponse(failure: PostJsonFailure, reason: string, error?: unknown): PostJsonOutcome {
  return {
    kind: 'no-response',
    failure,
    ...(error === undefined ? {} : { error }),
    result: { status: 'retryable', reason },
  };
}

/**
 * One POST with the caller's signal and a per-attempt timeout. Redirects are not followed (the 3xx comes
 * back as a response). Never throws for network trouble: a refused connection, a timeout or an abort
 * become a `no-response` outcome.
 */
export async function postJson(request: PostJsonRequest): Promise<PostJsonOutcome> {
  if (request.signal.aborted) return noResponse('aborted-before-sending', 'aborted before sending');
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
    if (request.signal.aborted) {
      return noResponse('aborted', 'aborted by the caller (delivery deadline or shutdown)', error);
    }
    if (timeout.aborted) {
      return noResponse('timeout', `no answer within ${request.timeoutMs} ms (timeoutMs)`, error);
    }
    const code = networkCode(error);
    return noResponse('network', `network error${code ? ` (${code})` : ''}`, error);
  }
}
