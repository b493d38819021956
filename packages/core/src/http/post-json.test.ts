import { describe, expect, it } from 'vitest';
import { postJson } from './post-json.js';

type FetchCall = { url: string; init: RequestInit };

function recordingFetch(answer: (init: RequestInit) => Promise<Response>) {
  const calls: FetchCall[] = [];
  const fetch = (async (url: string | URL | Request, init?: RequestInit) => {
    calls.push({ url: String(url), init: init ?? {} });
    return answer(init ?? {});
  }) as typeof globalThis.fetch;
  return { fetch, calls };
}

/** A fetch that never answers until its signal aborts, like a receiver that hangs. */
function hangingFetch() {
  return recordingFetch(
    (init) =>
      new Promise<Response>((_resolve, reject) => {
        init.signal?.addEventListener('abort', () => reject(init.signal?.reason), { once: true });
      }),
  );
}

const base = {
  url: 'https://hooks.example.test/T000/B000/secret-path',
  headers: { 'content-type': 'application/json' },
  body: '{"text":"hi"}',
  timeoutMs: 5_000,
};

describe('postJson', () => {
  it('POSTs the body without following redirects and returns status, headers and text', async () => {
    const { fetch, calls } = recordingFetch(
      async () => new Response('ok', { status: 200, headers: { 'x-request-id': 'r1' } }),
    );
    const outcome = await postJson({ ...base, fetch, signal: new AbortController().signal });
    expect(
      outcome.kind === 'response' && [outcome.status, outcome.headers.get('x-request-id'), outcome.text],
    ).toEqual([200, 'r1', 'ok']);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.url).toBe(base.url);
    expect(calls[0]?.init).toMatchObject({
      method: 'POST',
      headers: base.headers,
      body: base.body,
      redirect: 'manual',
    });
  });

  it('returns any status as a response, a redirect included', async () => {
    const { fetch } = recordingFetch(
      async () => new Response(null, { status: 302, headers: { location: '/x' } }),
    );
    const outcome = await postJson({ ...base, fetch, signal: new AbortController().signal });
    expect(outcome).toMatchObject({ kind: 'response', status: 302, text: '' });
  });

  it('caps the body text at 64 KiB', async () => {
    const { fetch } = recordingFetch(async () => new Response('a'.repeat(200_000)));
    const outcome = await postJson({ ...base, fetch, signal: new AbortController().signal });
    expect(outcome.kind === 'response' && outcome.text.length).toBe(64 * 1024);
  });

  it('does not call fetch when the caller has already aborted', async () => {
    const { fetch, calls } = recordingFetch(async () => new Response('ok'));
    const outcome = await postJson({ ...base, fetch, signal: AbortSignal.abort() });
    expect(outcome).toEqual({
      kind: 'no-response',
      failure: 'aborted-before-sending',
      result: { status: 'retryable', reason: 'aborted before sending' },
    });
    expect(calls).toHaveLength(0);
  });

  it('stops when the caller aborts while waiting', async () => {
    const { fetch } = hangingFetch();
    const controller = new AbortController();
    const pending = postJson({ ...base, fetch, signal: controller.signal });
    controller.abort();
    expect(await pending).toMatchObject({
      kind: 'no-response',
      failure: 'aborted',
      result: { status: 'retryable', reason: 'aborted by the caller (delivery deadline or shutdown)' },
    });
  });

  it('gives up after timeoutMs', async () => {
    const { fetch } = hangingFetch();
    const outcome = await postJson({ ...base, timeoutMs: 20, fetch, signal: new AbortController().signal });
    expect(outcome).toMatchObject({
      kind: 'no-response',
      failure: 'timeout',
      result: { status: 'retryable', reason: 'no answer within 20 ms (timeoutMs)' },
    });
  });

  it('turns a network error into a retryable result that names the code, never the URL', async () => {
    const error = new TypeError(`fetch failed: ${base.url}`, { cause: { code: 'ECONNREFUSED' } });
    const { fetch } = recordingFetch(async () => Promise.reject(error));
    const outcome = await postJson({ ...base, fetch, signal: new AbortController().signal });
    expect(outcome).toEqual({
      kind: 'no-response',
      failure: 'network',
      error,
      result: { status: 'retryable', reason: 'network error (ECONNREFUSED)' },
    });
  });

  it('says "network error" alone when the error carries no code', async () => {
    const { fetch } = recordingFetch(async () => Promise.reject(new Error('boom')));
    const outcome = await postJson({ ...base, fetch, signal: new AbortController().signal });
    expect(outcome.kind === 'no-response' && outcome.result).toEqual({
      status: 'retryable',
      reason: 'network error',
    });
  });
});
