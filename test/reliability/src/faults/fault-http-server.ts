import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { ReceivedRequest, ReceiverResponse } from '@mcp-o11y/testkit';
import { type FaultMode, GARBAGE } from './fault-mode.js';

/** Options of {@link startFaultHttpServer}. */
export interface FaultHttpServerOptions {
  /**
   * The backend itself, in modes `ok` and `slow`: decodes and keeps what it accepts, and says how to
   * answer. A throw is a malformed payload: answered 400 and kept in `problems`.
   */
  readonly accept: (request: ReceivedRequest) => ReceiverResponse;
  /** Delay of mode `slow`, in ms: keep it under the client's timeout. Default 150. */
  readonly slowMs?: number;
  /** `Retry-After` of mode `429`, in seconds. Default 1. */
  readonly retryAfterSeconds?: number;
}

/** A local HTTP backend whose behaviour is switched at run time. */
export interface FaultHttpServer {
  /** `http://127.0.0.1:<port>`, the same in every mode (`refuse` included). */
  readonly url: string;
  readonly port: number;
  readonly mode: FaultMode;
  /** Requests that arrived (read whole), by the mode they met. A refused connection is not one. */
  readonly arrived: Readonly<Record<FaultMode, number>>;
  /** Payloads `accept` refused, with why. Must stay empty: an adapter sent something malformed. */
  readonly problems: readonly string[];
  /** Switches the mode: leaving `hang` resets the hung requests, entering or leaving `refuse` closes or re-opens the port. */
  setMode(mode: FaultMode): Promise<void>;
  /** Stops listening and drops every connection. Idempotent. */
  close(): Promise<void>;
}

function toReceived(incoming: IncomingMessage, body: Buffer): ReceivedRequest {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(incoming.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  const text = body.toString('utf8');
  const method = (incoming.method ?? 'GET').toUpperCase();
  return {
    method,
    path: incoming.url ?? '/',
    headers,
    body,
    text,
    json<T>(): T {
      return JSON.parse(text) as T;
    },
  };
}

function respond(outgoing: ServerResponse, response: ReceiverResponse): void {
  const headers: Record<string, string> = { ...response.headers };
  const body = response.body ?? {};
  let payload: string | Uint8Array;
  if (typeof body === 'string' || body instanceof Uint8Array) payload = body;
  else {
    payload = JSON.stringify(body);
    headers['content-type'] ??= 'application/json';
  }
  outgoing.writeHead(response.status ?? 200, headers);
  outgoing.end(payload);
}

/**
 * Starts a node:http server on 127.0.0.1 that behaves as {@link FaultMode} says, switchable while
 * clients talk to it. The testkit's `startHttpReceiver` answers through a handler, which cannot refuse
 * connections or write bytes that are not HTTP; this one can, and hands the same `ReceivedRequest` to
 * the decoders the adapters' own tests use.
 */
export async function startFaultHttpServer(options: FaultHttpServerOptions): Promise<FaultHttpServer> {
  const slowMs = options.slowMs ?? 150;
  const retryAfter = String(options.retryAfterSeconds ?? 1);
  const arrived: Record<FaultMode, number> = {
    ok: 0,
    refuse: 0,
    hang: 0,
    slow: 0,
    '500': 0,
    '429': 0,
    garbage: 0,
  };
  const problems: string[] = [];
  const hung = new Set<ServerResponse>();
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  let mode: FaultMode = 'ok';
  let server: Server | undefined;
  let port = 0;
  let closed = false;

  const answer = (outgoing: ServerResponse, request: ReceivedRequest): void => {
    let response: ReceiverResponse;
    try {
      response = options.accept(request);
    } catch (error) {
      problems.push(
        `${request.method} ${request.path}: ${error instanceof Error ? error.message : String(error)}`,
      );
      response = { status: 400, body: 'malformed' };
    }
    respond(outgoing, response);
  };

  const handle = (incoming: IncomingMessage, outgoing: ServerResponse, body: Buffer): void => {
    const met = mode;
    arrived[met] += 1;
    const request = toReceived(incoming, body);
    switch (met) {
      case 'ok':
      case 'refuse': // a request read just before the port closed: answer it as the backend would
        answer(outgoing, request);
        return;
      case 'slow': {
        const timer = setTimeout(() => {
          timers.delete(timer);
          if (!outgoing.destroyed) answer(outgoing, request);
        }, slowMs);
        timers.add(timer);
        return;
      }
      case 'hang':
        hung.add(outgoing);
        outgoing.on('close', () => hung.delete(outgoing));
        return;
      case '500':
        respond(outgoing, { status: 500, headers: { 'content-type': 'text/plain' }, body: 'internal error' });
        return;
      case '429':
        respond(outgoing, {
          status: 429,
          headers: { 'retry-after': retryAfter, 'content-type': 'text/plain' },
          body: 'slow down',
        });
        return;
      case 'garbage':
        outgoing.socket?.end(GARBAGE);
        return;
    }
  };

  const listen = async (at: number): Promise<void> => {
    const created = createServer((incoming, outgoing) => {
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.on('error', () => undefined);
      incoming.on('end', () => handle(incoming, outgoing, Buffer.concat(chunks)));
    });
    created.on('connection', (socket: Socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
    await new Promise<void>((resolve, reject) => {
      created.once('error', reject);
      created.listen(at, '127.0.0.1', () => {
        created.off('error', reject);
        resolve();
      });
    });
    server = created;
    port = (created.address() as AddressInfo).port;
  };

  const stop = async (): Promise<void> => {
    const current = server;
    server = undefined;
    if (current === undefined) return;
    const done = new Promise<void>((resolve) => current.close(() => resolve()));
    current.closeAllConnections();
    for (const socket of sockets) socket.destroy();
    await done;
  };

  const releaseHung = (): void => {
    for (const response of hung) response.destroy();
    hung.clear();
  };

  await listen(0);
  return {
    get url() {
      return `http://127.0.0.1:${port}`;
    },
    get port() {
      return port;
    },
    get mode() {
      return mode;
    },
    arrived,
    problems,
    async setMode(next) {
      if (closed) return;
      const previous = mode;
      mode = next;
      if (previous === 'hang' && next !== 'hang') releaseHung();
      if (next === 'refuse' && previous !== 'refuse') await stop();
      if (previous === 'refuse' && next !== 'refuse') await listen(port);
    },
    async close() {
      if (closed) return;
      closed = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      releaseHung();
      await stop();
    },
  };
}
