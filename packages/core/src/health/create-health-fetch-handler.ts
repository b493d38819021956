import {
  type HealthEndpointSource,
  type HealthHandlerOptions,
  respondToHealthRequest,
} from './health-endpoint.js';

/**
 * `/health`, `/health/ready` and `/health/detailed` as a fetch handler (`Request` → `Response`) for Hono,
 * Bun, Deno and other fetch-style servers. Other paths get a 404.
 *
 * @example
 * ```ts
 * const health = createHealthFetchHandler(observability);
 * app.get('/health/*', (c) => health(c.req.raw)); // Hono
 * ```
 */
export function createHealthFetchHandler(
  observability: HealthEndpointSource,
  options: HealthHandlerOptions = {},
): (request: Request) => Promise<Response> {
  return async (request) => {
    const answer = await respondToHealthRequest(
      observability,
      request.method,
      new URL(request.url).pathname,
      options,
      request.headers.get('authorization'),
    );
    if (answer === undefined) {
      return new Response('{"error":"not found"}', {
        status: 404,
        headers: { 'content-type': 'application/json' },
      });
    }
    return new Response(answer.body ?? null, { status: answer.status, headers: answer.headers });
  };
}
