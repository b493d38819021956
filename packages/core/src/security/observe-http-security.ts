import type { IncomingMessage, ServerResponse } from 'node:http';
import { getActiveObservability } from '../pipeline/active-observability.js';
import type { Observability } from '../pipeline/observability.js';
import { prepareSecurityTelemetry } from './security-telemetry.js';
import { watchNodeExchange } from './watch-node-exchange.js';

/** Options of {@link observeHttpSecurity} and `observeFetchSecurity`. */
export interface HttpSecurityOptions {
  /**
   * The handle to record into. Default: the active handle (the latest `createObservability()` not shut
   * down), looked up at each request, so an observer made before `createObservability()` still reports.
   * Without any handle requests pass unobserved.
   */
  readonly observability?: Observability;
}

/** A Node `(request, response)` listener step that is also an Express / Connect middleware. */
export type HttpSecurityMiddleware = (
  request: IncomingMessage,
  response: ServerResponse,
  next?: (error?: unknown) => void,
) => void;

/**
 * Records the authentication outcome and rate / size rejections of each request, read from the answer
 * (status, the RFC 6750 `WWW-Authenticate: Bearer error="…"` challenge, `req.auth`), so the auth code
 * itself stays as it is: the MCP SDK's `requireBearerAuth` (v1, or `@modelcontextprotocol/express` for
 * v2), a rate limiter, a body-size limit, or your own. Metrics `mcp_o11y.auth.attempts` by `outcome`
 * (`success`, `failure`, `denied`) and `reason`, `mcp_o11y.http.rejections` by `kind` (`rate_limited`,
 * `request_too_large`); a log record per failure, denial and rejection (`warn`) and per success
 * (`debug`) with the client address and, when `req.auth` is set, `auth.client_id` and `auth.subject`.
 * The token and the `Authorization` header are never read beyond "is there one".
 *
 * Mount it before the auth middleware (or on the whole app). A request without credentials that is
 * answered normally is no auth attempt, so open routes do not dilute the failure ratio behind the
 * `AuthenticationFailures` alert. For answers written before any middleware runs (e.g. the 413 of the
 * body parser `createMcpExpressApp()` installs), call it first in the Node request listener instead.
 *
 * @example
 * ```ts
 * const app = createMcpExpressApp();
 * app.post('/mcp', observeHttpSecurity(), requireBearerAuth({ verifier }), mcpHandler);
 * // or, for everything the server answers:
 * createServer((req, res) => { security(req, res); app(req, res); });
 * ```
 */
export function observeHttpSecurity(options: HttpSecurityOptions = {}): HttpSecurityMiddleware {
  const resolveTarget = () => options.observability ?? getActiveObservability();
  prepareSecurityTelemetry(resolveTarget());
  return (request, response, next) => {
    try {
      watchNodeExchange(request, response, resolveTarget, 'all');
    } catch {
      // Observing must never stop the request.
    }
    next?.();
  };
}
