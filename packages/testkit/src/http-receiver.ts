import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CaptureBody } from './capture-fetch.js';

/** A request a {@link HttpReceiver} received. */
export interface ReceivedRequest {
  /** Upper-case method. */
  readonly method: string;
  /** Path and query, e.g. `/v1/traces?x=1`. */
  readonly path: string;
  /** Headers with lower-case names; repeated headers are joined with `, `. */
  readonly headers: Readonly<Record<string, string>>;
  /** The raw body, for decoders (OTLP protobuf, gzip). */
  readonly body: Buffer;
  /** The body decoded as UTF-8. */
  readonly text: string;
  /** Parses {@link ReceivedRequest.text} as JSON; throws a descriptive error when it is not JSON. */
  json<T = unknown>(): T;
}

/** How a receiver answers one request. */
export interface ReceiverResponse {
  /** HTTP status. Default 200. */
  readonly status?: number;
  /** Response headers. */
  readonly headers?: Readonly<Record<string, string>>;
  /** Body; a JSON value is serialized with `content-type: application/json`. Default: `{}`. */
  readonly body?: CaptureBody;
}

/** Answers a received request. May be async; a promise that never settles simulates a hung backend. */
export type ReceiverHandler = (request: ReceivedRequest) => ReceiverResponse | Promise<ReceiverResponse>;

/** Options of {@link startHttpReceiver}. */
export interface HttpReceiverOptions {
  /** Answers each request. Default: 200 with `{}`. */
  readonly handler?: ReceiverHandler;
  /** Port on 127.0.0.1. Default 0: a free port chosen by the OS. */
  readonly port?: number;
}

/** A local HTTP server that records what adapters send it. */
export interface HttpReceiver {
  /** Base URL without trailing slash, e.g. `http://127.0.0.1:41234`. */
  readonly url: string;
  /** The port it listens on. */
  readonly port: number;
  /** Every request received so far, in order. */
  readonly requests: readonly ReceivedRequest[];
  /** Resolves with the requests once at least `count` arrived; rejects after `timeoutMs` (default 5 000). */
  waitForRequests(
    count: number,
    options?: { readonly timeoutMs?: number },
  ): Promise<readonly ReceivedRequest[]>;
  /** Forgets the recorded requests. */
  reset(): void;
  /** Stops listening and drops open connections (including hung ones). Idempotent. */
  close(): Promise<void>;
}

interface Waiter {
  readonly count: number;
  readonly resolve: (requests: readonly ReceivedRequest[]) => void;
}

/**
 * Starts a real `node:http` server on 127.0.0.1 (never all interfaces) that records every request and
 * answers through `handler`. Generic on purpose: packages decode their own payloads on top of it.
 */
export async function startHttpReceiver(options: HttpReceiverOptions = {}): Promise<HttpReceiver> {
  const handler = options.handler ?? (() => ({}));
  const requests: ReceivedRequest[] = [];
  let waiters: Waiter[] = [];

  const notify = (): void => {
    const ready = waiters.filter((waiter) => requests.length >= waiter.count);
    waiters = waiters.filter((waiter) => requests.length < waiter.count);
    for (const waiter of ready) waiter.resolve([...requests]);
  };

  const server = createServer((incoming, outgoing) => {
    void receive(incoming)
      .then(async (request) => {
        requests.push(request);
        notify();
        respond(outgoing, await handler(request));
      })
      .catch((error: unknown) => {
        if (outgoing.headersSent) return;
        outgoing.writeHead(500, { 'content-type': 'text/plain' });
        outgoing.end(`[@mcp-o11y/testkit] receiver handler failed: ${String(error)}`);
      });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    waitForRequests(count, waitOptions = {}) {
      if (requests.length >= count) return Promise.resolve([...requests]);
      const timeoutMs = waitOptions.timeoutMs ?? 5_000;
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters = waiters.filter((waiter) => waiter !== entry);
          reject(
            new Error(
              `[@mcp-o11y/testkit] receiver got ${requests.length} of ${count} expected requests within ${timeoutMs} ms.`,
            ),
          );
        }, timeoutMs);
        const entry: Waiter = {
          count,
          resolve: (received) => {
            clearTimeout(timer);
            resolve(received);
          },
        };
        waiters.push(entry);
      });
    },
    reset() {
      requests.length = 0;
    },
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Keep-alive sockets from fetch and hung handlers would otherwise hold close() open.
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

async function receive(incoming: IncomingMessage): Promise<ReceivedRequest> {
  const chunks: Buffer[] = [];
  for await (const chunk of incoming) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks);
  const text = body.toString('utf8');
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(incoming.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  const method = (incoming.method ?? 'GET').toUpperCase();
  return {
    method,
    path: incoming.url ?? '/',
    headers,
    body,
    text,
    json<T>(): T {
      try {
        return JSON.parse(text) as T;
      } catch (error) {
        throw new Error(`[@mcp-o11y/testkit] received ${method} body is not JSON: ${text.slice(0, 80)}`, {
          cause: error,
        });
      }
    },
  };
}

function respond(outgoing: ServerResponse, response: ReceiverResponse): void {
  const headers: Record<string, string> = { ...response.headers };
  const hasContentType = Object.keys(headers).some((name) => name.toLowerCase() === 'content-type');
  const body = response.body ?? {};
  let payload: string | Uint8Array;
  if (typeof body === 'string' || body instanceof Uint8Array) {
    payload = body;
  } else {
    payload = JSON.stringify(body);
    if (!hasContentType) headers['content-type'] = 'application/json';
  }
  outgoing.writeHead(response.status ?? 200, headers);
  outgoing.end(payload);
}
