/** A response body: text, bytes, or a JSON value (serialized, with `content-type: application/json`). */
export type CaptureBody = string | Uint8Array | { readonly [key: string]: unknown } | readonly unknown[];

/** An HTTP answer. `retryAfter` sets the `Retry-After` header: delay-seconds (`'3'`) or an HTTP-date. */
export interface CaptureHttpResponse {
  /** HTTP status, 200–599. */
  readonly status: number;
  /** Response headers. */
  readonly headers?: Readonly<Record<string, string>>;
  /** Response body. Default: empty. Ignored for 204, 205 and 304, which have none. */
  readonly body?: CaptureBody;
  /** Value of `Retry-After`, e.g. `'3'` or `new Date(Date.now() + 5_000).toUTCString()`. */
  readonly retryAfter?: string;
}

/** Never answers. Rejects with the signal's reason when the request's `AbortSignal` aborts. */
export interface CaptureHang {
  readonly hang: true;
}

/** Rejects like Node's fetch when nothing listens: `TypeError('fetch failed')`, `cause.code === 'ECONNREFUSED'`. */
export interface CaptureRefuse {
  readonly refuse: true;
}

/** One scripted outcome of a request. */
export type CaptureStep = CaptureHttpResponse | CaptureHang | CaptureRefuse;

/**
 * What the capture fetch answers: a list consumed in order (one step per request), or a function asked
 * for every request with its zero-based index.
 */
export type CaptureScript =
  | readonly CaptureStep[]
  | ((request: CapturedRequest, index: number) => CaptureStep | Promise<CaptureStep>);

/** A request the capture fetch received. */
export interface CapturedRequest {
  /** Upper-case method, e.g. `POST`. */
  readonly method: string;
  /** The absolute URL. May hold secrets (webhook tokens): never snapshot it as it is. */
  readonly url: string;
  /** Headers as a plain object with lower-case names. */
  readonly headers: Readonly<Record<string, string>>;
  /** The body decoded as UTF-8 (empty string when there was none). */
  readonly body: string;
  /** The raw body bytes, for binary payloads such as OTLP protobuf. */
  readonly bytes: Uint8Array;
  /** Parses {@link CapturedRequest.body} as JSON; throws a descriptive error when it is not JSON. */
  json<T = unknown>(): T;
}

/** A `fetch`-compatible function that records requests and answers from a script. */
export type CaptureFetch = typeof globalThis.fetch & {
  /** Every request received so far, in order (requests whose signal was already aborted are not sent). */
  readonly requests: readonly CapturedRequest[];
  /** Forgets the recorded requests and restarts the script, or switches to `script` when given. */
  reset(script?: CaptureScript): void;
};

const statusesWithoutBody = new Set([204, 205, 304]);

/**
 * Creates a scripted, recording `fetch` for offline adapter tests: inject it where the adapter accepts a
 * `fetch` option, then assert on `requests` and on the adapter's results.
 *
 * @example
 * const fetch = createCaptureFetch([{ status: 429, retryAfter: '3' }, { status: 200 }]);
 * const notifier = webhookNotifier({ url: 'https://hooks.test/x', fetch });
 */
export function createCaptureFetch(script: CaptureScript): CaptureFetch {
  const requests: CapturedRequest[] = [];
  let current = script;
  let calls = 0;

  const captureFetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const signal = init?.signal ?? (input instanceof Request ? input.signal : undefined);
    // Node's fetch sends nothing when the signal is already aborted; neither do we.
    if (signal?.aborted) throw abortReason(signal);
    const captured = toCapturedRequest(request, new Uint8Array(await request.arrayBuffer()));
    requests.push(captured);
    const index = calls++;
    const step = await nextStep(current, captured, index);
    return answer(step, signal);
  };

  return Object.assign(captureFetch, {
    requests,
    reset(script?: CaptureScript): void {
      requests.length = 0;
      calls = 0;
      if (script !== undefined) current = script;
    },
  }) as CaptureFetch;
}

async function nextStep(
  script: CaptureScript,
  request: CapturedRequest,
  index: number,
): Promise<CaptureStep> {
  if (typeof script === 'function') return script(request, index);
  const step = script[index];
  if (step !== undefined) return step;
  // Only the origin: paths and queries of webhook URLs carry tokens.
  throw new Error(
    `[@mcp-o11y/testkit] createCaptureFetch: request #${index + 1} (${request.method} ${new URL(request.url).origin}) ` +
      `has no scripted response; the script lists ${script.length}. Add a response, or pass a function script.`,
  );
}

function answer(step: CaptureStep, signal: AbortSignal | undefined): Promise<Response> {
  if ('hang' in step) return hangUntilAborted(signal);
  if ('refuse' in step) return Promise.reject(connectionRefused());
  return Promise.resolve(toResponse(step));
}

function toCapturedRequest(request: Request, bytes: Uint8Array): CapturedRequest {
  const body = new TextDecoder().decode(bytes);
  return {
    method: request.method.toUpperCase(),
    url: request.url,
    headers: Object.fromEntries(request.headers),
    body,
    bytes,
    json<T>(): T {
      try {
        return JSON.parse(body) as T;
      } catch (error) {
        throw new Error(
          `[@mcp-o11y/testkit] captured ${request.method} body is not JSON: ${body.slice(0, 80)}`,
          {
            cause: error,
          },
        );
      }
    },
  };
}

function toResponse(step: CaptureHttpResponse): Response {
  if (!Number.isInteger(step.status) || step.status < 200 || step.status > 599) {
    throw new Error(`[@mcp-o11y/testkit] createCaptureFetch: status ${step.status} is not 200–599.`);
  }
  const headers = new Headers(step.headers);
  if (step.retryAfter !== undefined && !headers.has('retry-after'))
    headers.set('retry-after', step.retryAfter);
  let body: string | Uint8Array | null = null;
  if (!statusesWithoutBody.has(step.status) && step.body !== undefined) {
    if (typeof step.body === 'string' || step.body instanceof Uint8Array) {
      body = step.body;
    } else {
      body = JSON.stringify(step.body);
      if (!headers.has('content-type')) headers.set('content-type', 'application/json');
    }
  }
  return new Response(body as ConstructorParameters<typeof Response>[0], { status: step.status, headers });
}

function hangUntilAborted(signal: AbortSignal | undefined): Promise<never> {
  return new Promise<never>((_resolve, reject) => {
    // Without a signal the promise never settles. It holds no timer or socket, so it cannot keep the
    // process alive: a subject that forgets its timeout shows up as a hung test, not a hung run.
    signal?.addEventListener('abort', () => reject(abortReason(signal)), { once: true });
  });
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('This operation was aborted', 'AbortError');
}

function connectionRefused(): TypeError {
  // The shape undici gives for a refused connection, so adapters' error mapping is exercised as in production.
  const cause = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:443'), {
    code: 'ECONNREFUSED',
    errno: -111,
    syscall: 'connect',
    address: '127.0.0.1',
    port: 443,
  });
  return new TypeError('fetch failed', { cause });
}
