import type { IncomingMessage, ServerResponse } from 'node:http';
import { authIdentityOf } from './auth-identity.js';
import { classifyHttpSecurity, type HttpSecurityClassification } from './classify-http-security.js';
import { markExchange } from './exchange-marks.js';
import { parseBearerChallenge } from './parse-bearer-challenge.js';
import { recordHttpSecurityEvent, type SecurityTelemetryTarget } from './security-telemetry.js';

/**
 * What an observer records: `all` for the user's own observer (every auth outcome and rejection),
 * `transport` for the transport hook, which sits behind the user's auth middleware and so never sees its
 * 401s: it records rejections and the challenges the transport itself answers, never successes (counting
 * those alone would make the failure ratio look perfect).
 */
export type ObserverScope = 'all' | 'transport';

/** Whether an `Authorization` header value is there at all; the value itself is never kept. */
export function hasCredentials(value: string | readonly string[] | null | undefined): boolean {
  if (value === undefined || value === null) return false;
  return typeof value === 'string' ? value.trim() !== '' : value.some((item) => item.trim() !== '');
}

/** `path` without query string and fragment, which may hold secrets (`?access_token=`). */
export function pathOnly(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  const end = url.search(/[?#]/);
  return (end === -1 ? url : url.slice(0, end)).slice(0, 200);
}

/** Drops what the transport scope must not record (see {@link ObserverScope}). */
export function scoped(
  classification: HttpSecurityClassification,
  scope: ObserverScope,
  challenge: string | readonly string[] | undefined,
): HttpSecurityClassification {
  if (scope === 'all' || classification.auth === undefined) return classification;
  if (parseBearerChallenge(challenge)?.error !== undefined) return classification;
  return classification.rejection === undefined ? {} : { rejection: classification.rejection };
}

/**
 * Records the exchange of a Node request once its status is known. The status line is caught where it
 * is written (`writeHead`, which `end()` calls too), so a long SSE stream counts when it opens; headers
 * passed to `writeHead` are read from its arguments, since Node does not keep them for `getHeader`.
 * `finish` / `close` are the fallback for a response whose `writeHead` someone replaced after us.
 */
export function watchNodeExchange(
  request: IncomingMessage,
  response: ServerResponse,
  resolveTarget: () => SecurityTelemetryTarget | undefined,
  scope: ObserverScope,
): void {
  if (!markExchange(response)) return;
  const credentialsPresented = hasCredentials(request.headers.authorization);
  let writtenChallenge: string | readonly string[] | undefined;
  let recorded = false;
  const record = () => {
    if (recorded) return;
    recorded = true;
    try {
      const target = resolveTarget();
      if (target === undefined) return;
      const status = response.statusCode;
      const challenge = challengeValue(response.getHeader('www-authenticate')) ?? writtenChallenge;
      const auth = (request as { auth?: unknown }).auth;
      const classification = scoped(
        classifyHttpSecurity({ status, challenge, credentialsPresented, authenticated: auth !== undefined }),
        scope,
        challenge,
      );
      if (classification.auth === undefined && classification.rejection === undefined) return;
      const ip = (request as { ip?: unknown }).ip;
      const originalUrl = (request as { originalUrl?: unknown }).originalUrl;
      recordHttpSecurityEvent(target, {
        ...classification,
        status,
        method: request.method,
        path: pathOnly(typeof originalUrl === 'string' ? originalUrl : request.url),
        clientAddress: typeof ip === 'string' ? ip : request.socket?.remoteAddress,
        identity: authIdentityOf(auth),
      });
    } catch {
      // Observing must never break the response.
    }
  };
  const writeHead = response.writeHead;
  response.writeHead = function (this: ServerResponse, ...args: unknown[]) {
    try {
      writtenChallenge = challengeInWriteHeadArguments(args);
    } catch {
      writtenChallenge = undefined;
    }
    const result = (writeHead as (...all: unknown[]) => ServerResponse).apply(this, args);
    record();
    return result;
  } as ServerResponse['writeHead'];
  response.once('finish', record);
  response.once('close', () => {
    if (response.headersSent) record();
  });
}

function challengeValue(value: unknown): string | readonly string[] | undefined {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(String);
  return undefined;
}

/** The `WWW-Authenticate` value among `writeHead(status, [message], headers)` arguments. */
function challengeInWriteHeadArguments(args: readonly unknown[]): string | readonly string[] | undefined {
  const headers = typeof args[1] === 'string' ? args[2] : args[1];
  if (headers === undefined || headers === null || typeof headers !== 'object') return undefined;
  if (Array.isArray(headers)) {
    // [[name, value], …] or the flat [name, value, name, value, …] form.
    const pairs: unknown[][] = Array.isArray(headers[0])
      ? (headers as unknown[][])
      : Array.from({ length: Math.floor(headers.length / 2) }, (_, index) => [
          headers[index * 2],
          headers[index * 2 + 1],
        ]);
    const values = pairs
      .filter((pair) => String(pair[0]).toLowerCase() === 'www-authenticate')
      .flatMap((pair) => challengeValue(pair[1]) ?? []);
    return values.length === 0 ? undefined : values;
  }
  for (const [name, value] of Object.entries(headers)) {
    if (name.toLowerCase() === 'www-authenticate') return challengeValue(value);
  }
  return undefined;
}
