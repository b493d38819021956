import { clipText } from '../text/clip-text.js';

/** Who a verified token belongs to, as far as its auth info says. */
export interface AuthIdentity {
  /** The OAuth client (`authInfo.clientId`). */
  readonly clientId?: string;
  /** The token's subject (`authInfo.extra.sub`, where verifiers of JWTs usually put the `sub` claim). */
  readonly subject?: string;
}

// Ids, not documents: a verifier that puts something long here should not fill the log line.
const maxLength = 200;

/**
 * Reads the client id and subject of an MCP SDK `AuthInfo` (v1 `req.auth`, v2 `authInfo`). Reads nothing
 * else: `authInfo.token` is the bearer token itself.
 */
export function authIdentityOf(authInfo: unknown): AuthIdentity | undefined {
  if (typeof authInfo !== 'object' || authInfo === null) return undefined;
  const { clientId, extra } = authInfo as { clientId?: unknown; extra?: unknown };
  const sub = typeof extra === 'object' && extra !== null ? (extra as { sub?: unknown }).sub : undefined;
  const identity: { clientId?: string; subject?: string } = {};
  if (typeof clientId === 'string' && clientId !== '') identity.clientId = clipText(clientId, maxLength);
  if (typeof sub === 'string' && sub !== '') identity.subject = clipText(sub, maxLength);
  return identity;
}
