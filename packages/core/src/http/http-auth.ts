import { sameSecret } from './same-secret.js';

/**
 * Credentials an endpoint requires: a bearer token (`Authorization: Bearer <token>`, Prometheus
 * `authorization.credentials`, Alertmanager `http_config.authorization`) or HTTP basic auth
 * (`basic_auth`). Without one an endpoint is open, which is why every server binds 127.0.0.1 by default.
 */
export type HttpAuth =
  | { readonly bearer: string }
  | { readonly basic: { readonly username: string; readonly password: string } };

/**
 * Whether an `Authorization` header satisfies `auth` (always true without `auth`). The scheme is
 * case-insensitive; the credentials are compared with {@link sameSecret}, so neither a wrong token nor a
 * wrong length answers faster.
 */
export function isAuthorized(header: string | null | undefined, auth: HttpAuth | undefined): boolean {
  if (auth === undefined) return true;
  if (typeof header !== 'string') return false;
  const space = header.indexOf(' ');
  if (space < 0) return false;
  const scheme = header.slice(0, space).toLowerCase();
  const credentials = header.slice(space + 1).trim();
  if ('bearer' in auth) return scheme === 'bearer' && sameSecret(credentials, auth.bearer);
  if (scheme !== 'basic') return false;
  const expected = Buffer.from(`${auth.basic.username}:${auth.basic.password}`, 'utf8').toString('base64');
  return sameSecret(credentials, expected);
}

/** The `WWW-Authenticate` value of a 401 for `auth`, e.g. `Bearer realm="metrics"`. */
export function authChallenge(auth: HttpAuth, realm: string): string {
  return `${'bearer' in auth ? 'Bearer' : 'Basic'} realm="${realm.replace(/["\\]/g, '')}"`;
}
