import type { DashboardHandlerOptions, DashboardSource } from '../dashboard-options.js';
import { matchRoute } from './api-routes.js';
import { assertSafeBinding, authorize, isSameOrigin, sessionCookie } from './authorize-request.js';
import {
  type DashboardRequest,
  type DashboardResponse,
  problem,
  SECURITY_HEADERS,
  text,
} from './dashboard-response.js';
import { DashboardState } from './dashboard-state.js';
import { EventHub, formatEvent } from './event-hub.js';
import { staticAssets } from './static-assets.js';

const defaultMaxBodyBytes = 64 * 1024;

/** Normalises a base path to `''` or `/segment…` without a trailing slash. */
export function normalizeBasePath(basePath: string | undefined): string {
  const trimmed = (basePath ?? '').trim().replace(/\/+$/, '');
  if (trimmed === '') return '';
  return trimmed.startsWith('/') ? trimmed : `/${trimmed}`;
}

/**
 * The dashboard without a socket: authorisation, CSRF, the API, the event stream and the page. The
 * node:http and fetch handlers translate to and from it.
 */
export class DashboardApp {
  readonly basePath: string;
  readonly state: DashboardState;
  private readonly token: string | undefined;
  private readonly maxBodyBytes: number;
  private readonly hub: EventHub;
  private readonly sampler: NodeJS.Timeout;

  /** @throws Error when `requireToken` is set without a token. */
  constructor(source: DashboardSource | undefined, options: DashboardHandlerOptions = {}) {
    const token = options.token === '' ? undefined : options.token;
    assertSafeBinding('127.0.0.1', token, options.requireToken);
    this.token = token;
    this.maxBodyBytes = options.maxBodyBytes ?? defaultMaxBodyBytes;
    if (!(Number.isInteger(this.maxBodyBytes) && this.maxBodyBytes > 0)) {
      throw new Error(
        `[@mcp-o11y/dashboard] maxBodyBytes must be a positive whole number of bytes, got ${options.maxBodyBytes}.`,
      );
    }
    this.basePath = normalizeBasePath(options.basePath);
    const bucketSeconds = options.bucketSeconds ?? 10;
    this.state = new DashboardState(
      source,
      options.windowSeconds ?? 300,
      bucketSeconds,
      options.clock ?? Date.now,
      options.runbooks ?? [],
    );
    this.hub = new EventHub(
      options.tickMillis ?? 2000,
      async () => ({ overview: await this.state.overview(), alerts: this.state.alerts() }),
      () => ({ alerts: this.state.alerts(), incidents: this.state.incidents() }),
      () => this.state.alertsSignature(),
    );
    this.sampler = setInterval(() => this.state.sampleLatency(), bucketSeconds * 1000);
    this.sampler.unref();
  }

  /** Answers one request; never rejects (a failure becomes a 500 without details). */
  async handle(request: DashboardRequest): Promise<DashboardResponse> {
    try {
      return await this.route(request);
    } catch {
      return problem(500, 'internal error; see the server log');
    }
  }

  /** Stops the timers and the event subscribers. */
  close(): void {
    clearInterval(this.sampler);
    this.hub.close();
  }

  private async route(request: DashboardRequest): Promise<DashboardResponse> {
    const url = new URL(request.url, 'http://dashboard.invalid');
    if (url.pathname !== this.basePath && !url.pathname.startsWith(`${this.basePath}/`)) {
      return problem(404, 'not found');
    }
    if (url.pathname === this.basePath && this.basePath !== '') {
      return text(308, '', undefined, { location: `${this.basePath}/${url.search}` });
    }
    const path = url.pathname.slice(this.basePath.length);
    const isApi = path.startsWith('/api/');
    const outcome = authorize(
      {
        authorization: request.header('authorization'),
        cookie: request.header('cookie'),
        queryToken: url.searchParams.get('token'),
      },
      this.token,
    );
    if (outcome === 'denied') {
      const challenge = { 'www-authenticate': 'Bearer realm="mcp-o11y dashboard"' };
      return isApi
        ? problem(401, 'a token is required: Authorization: Bearer <token>', challenge)
        : text(401, 'Unauthorized: open this page with ?token=<token> once.\n', undefined, challenge);
    }
    const cookie: Record<string, string> =
      outcome === 'set-cookie' ? { 'set-cookie': sessionCookie(this.token!, this.basePath || '/') } : {};
    if (outcome === 'set-cookie' && !isApi && request.method === 'GET') {
      // Drop the token from the address bar and history once the cookie holds the session.
      url.searchParams.delete('token');
      return text(303, '', undefined, { ...cookie, location: `${url.pathname}${url.search}` });
    }
    const response = isApi ? await this.api(request, path, url) : this.asset(request.method, path);
    return response.kind === 'body' ? { ...response, headers: { ...response.headers, ...cookie } } : response;
  }

  private async api(request: DashboardRequest, path: string, url: URL): Promise<DashboardResponse> {
    if (path === '/api/events') {
      if (request.method !== 'GET') return problem(405, 'use GET', { allow: 'GET' });
      return this.events();
    }
    const match = matchRoute(request.method, path);
    if (match === undefined) return problem(404, `no API route ${path}`);
    if (match === 'method-not-allowed')
      return problem(405, `method ${request.method} not allowed on ${path}`);
    let body: Record<string, unknown> = {};
    if (request.method !== 'GET') {
      const origin = {
        origin: request.header('origin'),
        host: request.header('host'),
        secFetchSite: request.header('sec-fetch-site'),
      };
      if (!isSameOrigin(origin)) return problem(403, 'cross-origin request refused');
      const parsed = await readJsonBody(request, this.maxBodyBytes);
      if (parsed === tooLarge) {
        return problem(413, `the body is over ${this.maxBodyBytes} bytes`, { connection: 'close' });
      }
      if (typeof parsed === 'string') return problem(parsed.startsWith('send') ? 415 : 400, parsed);
      body = parsed;
    }
    const response = await match.route.handler(this.state, {
      params: match.params,
      query: url.searchParams,
      body,
    });
    if (request.method !== 'GET') this.hub.checkAlerts();
    return response;
  }

  private events(): DashboardResponse {
    return {
      kind: 'events',
      status: 200,
      headers: {
        ...SECURITY_HEADERS,
        'content-type': 'text/event-stream; charset=utf-8',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      },
      open: (write) => {
        write('retry: 3000\n\n');
        return this.hub.subscribe((event, data) => write(formatEvent(event, data)));
      },
    };
  }

  private asset(method: string, path: string): DashboardResponse {
    if (method !== 'GET' && method !== 'HEAD') return problem(405, 'use GET', { allow: 'GET, HEAD' });
    const asset = staticAssets().get(path === '/index.html' ? '/' : path);
    if (asset === undefined) return problem(404, 'not found');
    return text(200, asset.body, asset.contentType);
  }
}

const tooLarge = Symbol('too large');

/** The JSON body of a POST or DELETE as an object, a message saying what is wrong with it, or `tooLarge`. */
async function readJsonBody(
  request: DashboardRequest,
  maxBytes: number,
): Promise<Record<string, unknown> | string | typeof tooLarge> {
  const raw = await request.text(maxBytes);
  if (raw === undefined) return tooLarge;
  if (raw.trim() === '') return {};
  if (!(request.header('content-type') ?? '').toLowerCase().startsWith('application/json')) {
    return 'send the body as application/json';
  }
  try {
    const value: unknown = JSON.parse(raw);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : 'the body must be a JSON object';
  } catch {
    return 'the body is not valid JSON';
  }
}
