import { parseBearerChallenge } from './parse-bearer-challenge.js';
import type { AuthFailureReason, AuthOutcome, HttpRejectionKind } from './security-metric-names.js';

/** What an HTTP exchange shows about authentication; never the credentials themselves. */
export interface HttpExchangeFacts {
  /** The response status code. */
  readonly status: number;
  /** The response's `WWW-Authenticate` value(s), if any. */
  readonly challenge: string | readonly string[] | undefined;
  /** Whether the request carried a non-empty `Authorization` header (its value is never kept). */
  readonly credentialsPresented: boolean;
  /** Whether an auth layer accepted the request (`req.auth` / `authInfo` was set). */
  readonly authenticated: boolean;
}

/** The auth outcome of one request; `reason` for failures and denials only. */
export interface AuthClassification {
  readonly outcome: AuthOutcome;
  readonly reason?: AuthFailureReason;
}

/** What one exchange counts as: an auth attempt, a rejection, both or neither. */
export interface HttpSecurityClassification {
  readonly auth?: AuthClassification;
  readonly rejection?: HttpRejectionKind;
}

const expired = /expired/i;

/**
 * Classifies an exchange. Pure. An exchange is an auth attempt when its answer says so (401, a Bearer
 * challenge with an `error`, a 403 to a request with credentials) or when credentials were accepted; a
 * request without credentials to an open route is no attempt, so health checks and metadata documents
 * do not dilute the failure ratio. A 403 without a Bearer challenge to a request without credentials
 * (e.g. a DNS-rebinding Host check) is no attempt either.
 */
export function classifyHttpSecurity(facts: HttpExchangeFacts): HttpSecurityClassification {
  const rejection = rejectionOf(facts.status);
  const auth = authOf(facts);
  if (auth === undefined) return rejection === undefined ? {} : { rejection };
  return rejection === undefined ? { auth } : { auth, rejection };
}

function rejectionOf(status: number): HttpRejectionKind | undefined {
  if (status === 429) return 'rate_limited';
  if (status === 413) return 'request_too_large';
  return undefined;
}

function authOf(facts: HttpExchangeFacts): AuthClassification | undefined {
  const { status, credentialsPresented, authenticated } = facts;
  const bearer = status >= 400 ? parseBearerChallenge(facts.challenge) : undefined;
  if (bearer?.error !== undefined) {
    const reason = reasonOf(bearer.error, bearer.description, credentialsPresented);
    return { outcome: reason === 'insufficient_scope' ? 'denied' : 'failure', reason };
  }
  if (status === 401)
    return { outcome: 'failure', reason: credentialsPresented ? 'invalid_token' : 'missing_token' };
  if (status === 403) {
    return authenticated || credentialsPresented ? { outcome: 'denied', reason: 'forbidden' } : undefined;
  }
  if (authenticated) return { outcome: 'success' };
  // Credentials on a request that was answered normally were, as far as anyone can tell, accepted.
  if (credentialsPresented && status < 400) return { outcome: 'success' };
  return undefined;
}

function reasonOf(
  error: string,
  description: string | undefined,
  credentialsPresented: boolean,
): AuthFailureReason {
  if (error === 'insufficient_scope') return 'insufficient_scope';
  // RFC 6750 §3.1 says to send no error code without credentials; the MCP SDKs send invalid_token.
  if (!credentialsPresented) return 'missing_token';
  if (error === 'invalid_request') return 'invalid_request';
  if (description !== undefined && expired.test(description)) return 'expired_token';
  return 'invalid_token';
}
