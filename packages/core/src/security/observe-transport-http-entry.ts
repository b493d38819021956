import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Observability } from '../pipeline/observability.js';
import { authIdentityOf } from './auth-identity.js';
import { markExchange, noteIdentity } from './exchange-marks.js';
import { recordWebExchange } from './observe-fetch-security.js';
import { hasCredentials, watchNodeExchange } from './watch-node-exchange.js';

/**
 * Runs `call` (a Streamable HTTP / SSE transport's `handleRequest(…)` or `handlePostMessage(…)` with
 * `args`) and records the security events the transport itself answers: its 413 for an oversized body
 * and, on SDK v2, its per-operation `insufficient_scope` challenge. Its own auth successes are not
 * counted: the transport sits behind the user's auth middleware and never sees that middleware's 401s
 * (`observeHttpSecurity` / `observeFetchSecurity` count both). When one of those observes the same
 * exchange, this records nothing and only hands it the caller's identity from the transport's
 * `authInfo`. Returns what `call` returns, untouched; never throws on its own account.
 */
export function observeTransportHttpEntry(
  observability: Observability | undefined,
  args: readonly unknown[],
  call: () => unknown,
): unknown {
  let webRequest: Request | undefined;
  try {
    const [first, second] = args;
    if (isNodeRequest(first) && isNodeResponse(second)) {
      watchNodeExchange(first, second, () => observability, 'transport');
    } else if (isWebRequest(first)) {
      noteIdentity(first, authIdentityOf((second as { authInfo?: unknown } | undefined)?.authInfo));
      if (markExchange(first)) webRequest = first;
    }
  } catch {
    webRequest = undefined;
  }
  const result = call();
  if (webRequest !== undefined && isPromiseLike(result)) {
    const request = webRequest;
    const credentialsPresented = hasCredentials(request.headers.get('authorization'));
    result.then(
      (response) => recordWebExchange(observability, request, response, credentialsPresented, 'transport'),
      () => undefined,
    );
  }
  return result;
}

function isNodeRequest(value: unknown): value is IncomingMessage {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { headers?: unknown }).headers === 'object' &&
    typeof (value as { httpVersion?: unknown }).httpVersion === 'string'
  );
}

function isNodeResponse(value: unknown): value is ServerResponse {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { writeHead?: unknown }).writeHead === 'function' &&
    typeof (value as { once?: unknown }).once === 'function'
  );
}

function isWebRequest(value: unknown): value is Request {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { url?: unknown }).url === 'string' &&
    typeof (value as { headers?: { get?: unknown } }).headers?.get === 'function'
  );
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return (
    typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function'
  );
}
