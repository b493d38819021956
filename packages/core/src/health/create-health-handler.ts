import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  type HealthEndpointSource,
  type HealthHandlerOptions,
  respondToHealthRequest,
} from './health-endpoint.js';

/** A node:http request handler; Express passes `next`, which is called for paths that are not health endpoints. */
export type HealthRequestHandler = (
  request: IncomingMessage,
  response: ServerResponse,
  next?: (error?: unknown) => void,
) => void;

/**
 * `/health`, `/health/ready` and `/health/detailed` as a node:http handler, also usable as Express
 * middleware (`app.use(createHealthHandler(observability))`). Other paths get a 404, or go to `next`.
 *
 * @example
 * ```ts
 * const health = createHealthHandler(observability);
 * http.createServer((req, res) => health(req, res)).listen(8080);
 * ```
 */
export function createHealthHandler(
  observability: HealthEndpointSource,
  options: HealthHandlerOptions = {},
): HealthRequestHandler {
  return (request, response, next) => {
    // Express rewrites `url` under a mount path; `originalUrl` keeps what the client asked for.
    const url = (request as { originalUrl?: string }).originalUrl ?? request.url ?? '/';
    const authorization = request.headers?.authorization;
    respondToHealthRequest(observability, request.method ?? 'GET', url, options, authorization).then(
      (answer) => {
        if (answer === undefined) {
          if (next !== undefined) return next();
          response.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}');
          return;
        }
        response.writeHead(answer.status, answer.headers);
        response.end(answer.body);
      },
      (error: unknown) => {
        if (next !== undefined) return next(error);
        if (!response.headersSent) response.writeHead(500, { 'content-type': 'application/json' });
        response.end('{"status":"fail","output":"health endpoint error"}');
      },
    );
  };
}
