import { getActiveObservability } from '../pipeline/active-observability.js';
import { classifyHttpSecurity } from './classify-http-security.js';
import { markExchange, notedIdentity } from './exchange-marks.js';
import type { HttpSecurityOptions } from './observe-http-security.js';
import {
  prepareSecurityTelemetry,
  recordHttpSecurityEvent,
  type SecurityTelemetryTarget,
} from './security-telemetry.js';
import { hasCredentials, type ObserverScope, pathOnly, scoped } from './watch-node-exchange.js';

/** Options of {@link observeFetchSecurity}. */
export interface FetchSecurityOptions extends HttpSecurityOptions {
  /**
   * The client address of a request, which a web `Request` does not carry: e.g. from Hono's
   * `getConnInfo`, Bun's `server.requestIP` or a header your proxy sets. Default: none recorded.
   */
  readonly clientAddress?: (request: Request) => string | undefined;
}

/** A web-standard handler: `fetch(request, …)` of SDK v2, Hono, Bun, Deno, Workers. */
export type FetchHandler<Rest extends unknown[]> = (
  request: Request,
  ...rest: Rest
) => Response | Promise<Response>;

/**
 * Wraps a web-standard `fetch` handler to record what `observeHttpSecurity` records for Node: the
 * authentication outcome of each request from its answer (status, `WWW-Authenticate: Bearer error="…"`),
 * and 429 / 413 rejections. For the SDK v2 `requireBearerAuth` gate, wrap the handler that calls it:
 * the gate's challenge `Response` is the answer read here. The handler's result and errors pass through
 * unchanged; the `Authorization` header is never read beyond "is there one".
 *
 * @example
 * ```ts
 * const gate = requireBearerAuth({ verifier, requiredScopes: ['mcp'] });
 * export default {
 *   fetch: observeFetchSecurity(async (request) => {
 *     const auth = await gate(request);
 *     if (auth instanceof Response) return auth;
 *     return transport.handleRequest(request, { authInfo: auth });
 *   }),
 * };
 * ```
 */
export function observeFetchSecurity<Rest extends unknown[]>(
  handler: FetchHandler<Rest>,
  options: FetchSecurityOptions = {},
): (request: Request, ...rest: Rest) => Promise<Response> {
  const resolveTarget = () => options.observability ?? getActiveObservability();
  prepareSecurityTelemetry(resolveTarget());
  return async (request, ...rest) => {
    let observed = false;
    let credentialsPresented = false;
    try {
      observed = markExchange(request);
      credentialsPresented = hasCredentials(request.headers.get('authorization'));
    } catch {
      observed = false;
    }
    const response = await handler(request, ...rest);
    if (observed) {
      recordWebExchange(
        resolveTarget(),
        request,
        response,
        credentialsPresented,
        'all',
        options.clientAddress,
      );
    }
    return response;
  };
}

/** Classifies and records one web exchange; never throws. */
export function recordWebExchange(
  target: SecurityTelemetryTarget | undefined,
  request: Request,
  response: unknown,
  credentialsPresented: boolean,
  scope: ObserverScope,
  clientAddress?: (request: Request) => string | undefined,
): void {
  try {
    if (target === undefined || !(typeof response === 'object' && response !== null)) return;
    const { status, headers } = response as Partial<Response>;
    if (typeof status !== 'number' || headers === undefined) return;
    const challenge = headers.get('www-authenticate') ?? undefined;
    const identity = notedIdentity(request);
    const classification = scoped(
      classifyHttpSecurity({
        status,
        challenge,
        credentialsPresented,
        authenticated: identity !== undefined,
      }),
      scope,
      challenge,
    );
    if (classification.auth === undefined && classification.rejection === undefined) return;
    recordHttpSecurityEvent(target, {
      ...classification,
      status,
      method: request.method,
      path: pathOnly(new URL(request.url).pathname),
      clientAddress: clientAddress?.(request),
      identity,
    });
  } catch {
    // Observing must never change the answer.
  }
}
