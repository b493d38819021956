import { authChallenge, type HttpAuth, isAuthorized } from '../http/http-auth.js';
import type { HealthCheckOutcome, ObservabilityHealth } from './health-options.js';
import { HEALTH_JSON_CONTENT_TYPE, type HealthJson, httpStatusOf, toHealthJson } from './to-health-json.js';

/** Options of `createHealthHandler` and `createHealthFetchHandler`. */
export interface HealthHandlerOptions {
  /** Path of the liveness endpoint; readiness and details are `<basePath>/ready` and `<basePath>/detailed`. Default `/health`. */
  readonly basePath?: string;
  /** The draft's `version` (public version of the service). Default: none. */
  readonly version?: string;
  /** The draft's `releaseId`. Default: none. */
  readonly releaseId?: string;
  /** The draft's `description`. Default: `Health of <service name>`. */
  readonly description?: string;
  /**
   * Credentials `<basePath>/detailed` requires (it names every check, adapter and notifier); wrong or
   * missing ones get 401. Liveness and readiness stay open for load balancers and orchestrator probes.
   * Default: none.
   */
  readonly auth?: HttpAuth;
}

/** What the handlers read: an `Observability` fits. */
export interface HealthEndpointSource {
  readonly serviceName: string;
  readonly health: ObservabilityHealth;
}

/** A response to write, independent of the HTTP framework. */
export interface HealthHttpResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  /** Undefined for HEAD. */
  readonly body: string | undefined;
}

const headersOf = (extra: Readonly<Record<string, string>> = {}): Record<string, string> => ({
  'content-type': HEALTH_JSON_CONTENT_TYPE,
  // Health is live data: a proxy must never answer from a cache.
  'cache-control': 'no-store',
  ...extra,
});

/**
 * Answers one request to the health endpoints, or returns undefined when the path is not one of them.
 * `GET <base>`: liveness, always `pass` while the process serves. `GET <base>/ready`: 200 when the
 * pipeline runs and no critical check fails, else 503, with the critical checks. `GET <base>/detailed`:
 * every check, 200 for pass and warn, 503 for fail; 401 without the credentials of `options.auth`. HEAD
 * answers the same without a body.
 */
export async function respondToHealthRequest(
  source: HealthEndpointSource,
  method: string,
  url: string,
  options: HealthHandlerOptions = {},
  authorization?: string | null,
): Promise<HealthHttpResponse | undefined> {
  const base = trimSlash(options.basePath ?? '/health');
  const path = trimSlash(url.split(/[?#]/, 1)[0] ?? '');
  const endpoint =
    path === base
      ? 'live'
      : path === `${base}/ready`
        ? 'ready'
        : path === `${base}/detailed`
          ? 'detailed'
          : undefined;
  if (endpoint === undefined) return undefined;
  if (method !== 'GET' && method !== 'HEAD') {
    return { status: 405, headers: headersOf({ allow: 'GET, HEAD' }), body: undefined };
  }
  if (endpoint === 'detailed' && options.auth !== undefined && !isAuthorized(authorization, options.auth)) {
    const body = JSON.stringify({ status: 'fail', output: 'credentials required' });
    const challenge = { 'www-authenticate': authChallenge(options.auth, 'health') };
    return { status: 401, headers: headersOf(challenge), body: method === 'HEAD' ? undefined : body };
  }
  const service = {
    serviceId: source.serviceName,
    description: options.description ?? `Health of ${source.serviceName}`,
    ...(options.version === undefined ? {} : { version: options.version }),
    ...(options.releaseId === undefined ? {} : { releaseId: options.releaseId }),
  };
  let status: number;
  let json: HealthJson;
  if (endpoint === 'live') {
    status = 200;
    json = { status: 'pass', ...service };
  } else {
    const report = await source.health.run();
    if (endpoint === 'ready') {
      status = report.ready ? 200 : 503;
      json = toHealthJson(report, service, (outcome: HealthCheckOutcome) => outcome.critical);
    } else {
      status = httpStatusOf(report.status);
      json = toHealthJson(report, service);
    }
  }
  return { status, headers: headersOf(), body: method === 'HEAD' ? undefined : JSON.stringify(json) };
}

function trimSlash(path: string): string {
  return path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
}
