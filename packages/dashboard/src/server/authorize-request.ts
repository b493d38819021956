import { createHash } from 'node:crypto';
import { sameSecret } from '@mcp-o11y/core';

/** Name of the session cookie a `?token=` visit sets. */
export const SESSION_COOKIE = 'mcp_o11y_dashboard';

/** Whether `host` is a loopback interface: `127.0.0.0/8`, `::1`, `localhost`. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (bare === 'localhost' || bare === '::1' || bare === '0:0:0:0:0:0:0:1') return true;
  const mapped = bare.startsWith('::ffff:') ? bare.slice(7) : bare;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(mapped);
}

/**
 * Refuses to listen beyond loopback without a token, and a `requireToken` without one.
 * @throws Error naming what to set.
 */
export function assertSafeBinding(host: string, token: string | undefined, requireToken = false): void {
  const hasToken = token !== undefined && token !== '';
  if (!hasToken && requireToken) {
    throw new Error(
      '[@mcp-o11y/dashboard] requireToken is set but no token is: pass token (or set MCP_O11Y_DASHBOARD_TOKEN).',
    );
  }
  if (!hasToken && !isLoopbackHost(host)) {
    throw new Error(
      `[@mcp-o11y/dashboard] refusing to listen on ${host} without a token: anyone who can reach it could ` +
        'read telemetry and silence alerts. Pass token (or set MCP_O11Y_DASHBOARD_TOKEN), or bind 127.0.0.1.',
    );
  }
}

/** The cookie value for `token`: a digest, so the cookie never holds the token itself. */
export function sessionValue(token: string): string {
  return createHash('sha256').update(`mcp-o11y-dashboard-session:${token}`).digest('base64url');
}

/** What a request carries that authorisation depends on. */
export interface AuthorizationInput {
  readonly authorization: string | null | undefined;
  readonly cookie: string | null | undefined;
  /** The `token` query parameter, when present. */
  readonly queryToken: string | null | undefined;
}

/** `ok` (credentials valid, or none needed), `set-cookie` (a valid `?token=`), or `denied`. */
export type AuthorizationOutcome = 'ok' | 'set-cookie' | 'denied';

/** Checks a request against `token` (undefined: everything is allowed). */
export function authorize(input: AuthorizationInput, token: string | undefined): AuthorizationOutcome {
  if (token === undefined) return 'ok';
  const header = input.authorization ?? '';
  if (/^bearer /i.test(header) && sameSecret(header.slice(7).trim(), token)) return 'ok';
  const cookie = readCookie(input.cookie, SESSION_COOKIE);
  if (cookie !== undefined && sameSecret(cookie, sessionValue(token))) return 'ok';
  if (typeof input.queryToken === 'string' && sameSecret(input.queryToken, token)) return 'set-cookie';
  return 'denied';
}

/** The `Set-Cookie` header of a session: HttpOnly, SameSite=Strict, scoped to the base path. */
export function sessionCookie(token: string, basePath: string): string {
  return `${SESSION_COOKIE}=${sessionValue(token)}; Path=${basePath === '' ? '/' : basePath}; HttpOnly; SameSite=Strict`;
}

function readCookie(header: string | null | undefined, name: string): string | undefined {
  if (typeof header !== 'string') return undefined;
  for (const part of header.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}

/** What a state-changing request carries that the same-origin check depends on. */
export interface OriginInput {
  readonly origin: string | null | undefined;
  readonly host: string | null | undefined;
  readonly secFetchSite: string | null | undefined;
}

/**
 * CSRF guard for POST and DELETE: a browser sends `Origin` (and `Sec-Fetch-Site`) on them, and a page
 * of another site cannot forge either. Requests without both (the CLI, curl) are not from a browser
 * and pass; they still need the token when one is set.
 */
export function isSameOrigin(input: OriginInput): boolean {
  if (typeof input.secFetchSite === 'string' && !['same-origin', 'none'].includes(input.secFetchSite)) {
    return false;
  }
  if (typeof input.origin !== 'string') return true;
  if (input.origin === 'null' || typeof input.host !== 'string') return false;
  try {
    return new URL(input.origin).host === input.host.toLowerCase();
  } catch {
    return false;
  }
}
