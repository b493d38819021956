import { faultReporterOf } from '../pipeline/fault-reporter.js';
import type { Observability } from '../pipeline/observability.js';

/**
 * The auth info an SDK transport hands over with a request: SDK v1 `extra.authInfo`, SDK v2 the `authInfo`
 * given to the transport's `handleRequest` (what a bearer-auth middleware's token verifier returned).
 */
export interface PrincipalAuthInfo {
  /** The OAuth client the token was issued to. */
  readonly clientId?: string;
  /** Scopes the token grants. */
  readonly scopes?: readonly string[];
  /** What the token verifier added, e.g. a user or tenant id from the token's claims. */
  readonly extra?: Readonly<Record<string, unknown>>;
  readonly [key: string]: unknown;
}

/** What a {@link PrincipalHook} sees of one request; a fresh object per call. */
export interface PrincipalRequest {
  /** The JSON-RPC method, e.g. `tools/call`. */
  readonly method: string;
  /** The transport's auth info; undefined without authentication (stdio, no auth middleware). */
  readonly authInfo: PrincipalAuthInfo | undefined;
  /** The request's `params._meta`, if any. */
  readonly meta: Readonly<Record<string, unknown>> | undefined;
  /** `clientInfo.name` of the client, once known (from `initialize` or the per-request `_meta` envelope). */
  readonly clientName: string | undefined;
  /** `clientInfo.version` of the client, once known. */
  readonly clientVersion: string | undefined;
}

/**
 * Names who a request is from: a user, tenant or client application. Keep it low-cardinality (ids, not
 * free text) and never return a secret: it goes on spans and labels metrics. Return undefined for none.
 */
export type PrincipalHook = (request: PrincipalRequest) => string | undefined;

/**
 * The principal of one request: the hook's answer, or `authInfo.clientId` without a hook. Never throws: a
 * hook that throws or answers something other than a string or undefined (null counts as none) gives no
 * principal and is reported as an instrumentation fault.
 */
export function principalOf(
  hook: PrincipalHook | undefined,
  observability: Observability,
  method: string,
  params: Record<string, unknown> | undefined,
  extra: unknown,
  clientName: unknown,
  clientVersion: unknown,
): string | undefined {
  const authInfo =
    typeof extra === 'object' && extra !== null ? (extra as { authInfo?: unknown }).authInfo : undefined;
  const auth =
    typeof authInfo === 'object' && authInfo !== null ? (authInfo as PrincipalAuthInfo) : undefined;
  if (hook === undefined) {
    const clientId = auth?.clientId;
    return typeof clientId === 'string' && clientId !== '' ? clientId : undefined;
  }
  let principal: unknown;
  try {
    const meta = params?._meta;
    principal = hook({
      method,
      authInfo: auth,
      meta: typeof meta === 'object' && meta !== null ? (meta as Record<string, unknown>) : undefined,
      clientName: typeof clientName === 'string' ? clientName : undefined,
      clientVersion: typeof clientVersion === 'string' ? clientVersion : undefined,
    });
  } catch (error) {
    reportHookFault(observability, error);
    return undefined;
  }
  if (typeof principal === 'string') return principal === '' ? undefined : principal;
  if (principal !== undefined && principal !== null) {
    reportHookFault(
      observability,
      new TypeError(
        `the principal hook returned ${principal instanceof Promise ? 'a promise' : `a ${typeof principal}`}; it must return a string or undefined, synchronously.`,
      ),
    );
  }
  return undefined;
}

const warned = new WeakSet<Observability>();

/** Counted and logged once per kind by the pipeline's fault reporter, like an adapter failure. */
function reportHookFault(observability: Observability, error: unknown): void {
  try {
    const reporter = faultReporterOf(observability);
    if (reporter !== undefined) {
      reporter.report('instrument', 'principal', error);
      return;
    }
    // A handle createObservability did not make (a stand-in, the disabled pipeline): log once, no counter.
    if (warned.has(observability)) return;
    warned.add(observability);
    observability.logger.warn(
      '[@mcp-o11y/core] the principal hook failed; those requests have no principal. Further failures are not logged.',
      { err: error },
    );
  } catch {
    // Reporting must never break the request.
  }
}
