import type { IncomingMessage, ServerResponse } from 'node:http';
import { readFetchRequestBody, readNodeRequestBody } from '@mcp-o11y/core';
import type { DashboardHandlerOptions, DashboardSource } from './dashboard-options.js';
import { DashboardApp } from './server/dashboard-app.js';
import type { DashboardRequest, DashboardResponse } from './server/dashboard-response.js';

/** A node:http / Express handler; `close()` stops its timers and event streams. */
export interface NodeDashboardHandler {
  (request: IncomingMessage, response: ServerResponse): void;
  /** Stops the latency sampler and closes the event subscribers. */
  close(): void;
}

/** A fetch-style handler (Hono, Bun, Deno); `close()` stops its timers and event streams. */
export interface FetchDashboardHandler {
  (request: Request): Promise<Response>;
  /** Stops the latency sampler and closes the event subscribers. */
  close(): void;
}

/**
 * The dashboard as a node:http or Express handler:
 * `app.use('/dashboard', createDashboardHandler(observability, { basePath: '/dashboard' }))` (Express strips
 * the mount path, so pass `basePath` only when it does not: `http.createServer(handler)` with a prefix).
 * @throws Error when `requireToken` is set without a token.
 */
export function createDashboardHandler(
  observability: DashboardSource | undefined,
  options: DashboardHandlerOptions = {},
): NodeDashboardHandler {
  const app = new DashboardApp(observability, options);
  const handler = (request: IncomingMessage, response: ServerResponse): void => {
    // Express rewrites `url` below a mount point and keeps the full one in `originalUrl`.
    const mounted = request as IncomingMessage & { originalUrl?: string; baseUrl?: string };
    const url =
      options.basePath === undefined ? (request.url ?? '/') : (mounted.originalUrl ?? request.url ?? '/');
    void app
      .handle(nodeRequest(request, url))
      .then((result) => writeNodeResponse(result, request, response))
      .catch(() => {
        if (!response.headersSent) response.writeHead(500);
        response.end();
      });
  };
  return Object.assign(handler, { close: () => app.close() });
}

/**
 * The dashboard for fetch-style servers: `app.all('/dashboard/*', (c) => handler(c.req.raw))` in Hono with
 * `basePath: '/dashboard'`.
 * @throws Error when `requireToken` is set without a token.
 */
export function createDashboardFetchHandler(
  observability: DashboardSource | undefined,
  options: DashboardHandlerOptions = {},
): FetchDashboardHandler {
  const app = new DashboardApp(observability, options);
  const handler = async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    const result = await app.handle({
      method: request.method,
      url: `${url.pathname}${url.search}`,
      header: (name) => request.headers.get(name) ?? undefined,
      text: async (maxBytes) => {
        const body = await readFetchRequestBody(request, maxBytes);
        return body.kind === 'body' ? body.bytes.toString('utf8') : undefined;
      },
    });
    return toFetchResponse(result, request);
  };
  return Object.assign(handler, { close: () => app.close() });
}

function nodeRequest(request: IncomingMessage, url: string): DashboardRequest {
  return {
    method: request.method ?? 'GET',
    url,
    header: (name) => {
      const value = request.headers[name];
      return Array.isArray(value) ? value.join(', ') : value;
    },
    text: async (maxBytes) => {
      const body = await readNodeRequestBody(request, maxBytes);
      return body.kind === 'body' ? body.bytes.toString('utf8') : undefined;
    },
  };
}

function writeNodeResponse(
  result: DashboardResponse,
  request: IncomingMessage,
  response: ServerResponse,
): void {
  if (result.kind === 'body') {
    response.writeHead(result.status, result.headers);
    response.end(request.method === 'HEAD' ? undefined : result.body);
    return;
  }
  response.writeHead(result.status, result.headers);
  response.flushHeaders();
  const stop = result.open((chunk) => response.write(chunk));
  response.on('close', stop);
}

function toFetchResponse(result: DashboardResponse, request: Request): Response {
  if (result.kind === 'body') {
    const body =
      request.method === 'HEAD' || result.status === 204 || result.status === 304 ? null : result.body;
    return new Response(result.status >= 300 && result.status < 400 ? null : body, {
      status: result.status,
      headers: result.headers,
    });
  }
  let stop: (() => void) | undefined;
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      stop = result.open((chunk) => controller.enqueue(encoder.encode(chunk)));
      request.signal.addEventListener('abort', () => {
        stop?.();
        controller.close();
      });
    },
    cancel() {
      stop?.();
    },
  });
  return new Response(stream, { status: result.status, headers: result.headers });
}
