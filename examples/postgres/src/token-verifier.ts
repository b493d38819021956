import { timingSafeEqual } from 'node:crypto';
import { InvalidTokenError } from '@modelcontextprotocol/sdk/server/auth/errors.js';
import type { OAuthTokenVerifier } from '@modelcontextprotocol/sdk/server/auth/provider.js';
import type { AuthInfo } from '@modelcontextprotocol/sdk/server/auth/types.js';

/** The scope the MCP endpoint requires: a token without it gets 403 insufficient_scope. */
export const READ_SCOPE = 'books:read';

/** An accepted bearer token and the scopes it grants. */
export interface AcceptedToken {
  readonly token: string;
  readonly scopes: readonly string[];
  /** `clientId` of the resulting AuthInfo. Default: `bookshop-client`. */
  readonly clientId?: string;
}

/**
 * A token verifier for the SDK's `requireBearerAuth` that accepts a fixed set of tokens, compared in
 * constant time. A real server verifies tokens with its authorization server (introspection or JWT); the
 * middleware and what the MCP instrumentation sees are the same.
 */
export function staticTokenVerifier(accepted: readonly AcceptedToken[]): OAuthTokenVerifier {
  const known = accepted.map((entry) => ({ ...entry, bytes: Buffer.from(entry.token) }));
  return {
    async verifyAccessToken(token: string): Promise<AuthInfo> {
      const candidate = Buffer.from(token);
      const match = known.find(
        (entry) => entry.bytes.length === candidate.length && timingSafeEqual(entry.bytes, candidate),
      );
      if (match === undefined) throw new InvalidTokenError('Unknown or revoked token');
      return {
        token,
        clientId: match.clientId ?? 'bookshop-client',
        scopes: [...match.scopes],
        // requireBearerAuth refuses tokens without an expiry; these live for an hour from each check.
        expiresAt: Math.floor(Date.now() / 1000) + 3600,
      };
    },
  };
}
