/** Metric names of the HTTP security events; project signals, hence the `mcp_o11y.` prefix. */
export const SECURITY_METRICS = {
  /** Counter, `{attempt}`, by `outcome` and (unless `success`) `reason`. */
  authAttempts: 'mcp_o11y.auth.attempts',
  /** Counter, `{request}`, by `kind`. */
  rejections: 'mcp_o11y.http.rejections',
} as const;

/** What became of a request's credentials: accepted, refused (401) or accepted but not allowed (403). */
export type AuthOutcome = 'success' | 'failure' | 'denied';

/**
 * Why a request failed or was denied, from the status code, the RFC 6750 `WWW-Authenticate: Bearer
 * error="…"` challenge and whether the request carried credentials at all:
 *
 * | reason | answer |
 * | --- | --- |
 * | `missing_token` | 401 to a request without an `Authorization` header |
 * | `invalid_token` | 401 (or `error="invalid_token"`) for credentials that were sent |
 * | `expired_token` | as `invalid_token`, with an `error_description` saying the token expired (RFC 6750 has no code of its own for it; both MCP SDK generations say "Token has expired") |
 * | `invalid_request` | `error="invalid_request"`: a malformed request, usually 400 |
 * | `insufficient_scope` | `error="insufficient_scope"`, usually 403 |
 * | `forbidden` | 403 without that challenge, to a request that carried credentials |
 */
export type AuthFailureReason =
  | 'missing_token'
  | 'invalid_token'
  | 'expired_token'
  | 'invalid_request'
  | 'insufficient_scope'
  | 'forbidden';

/** HTTP answers that refuse a request for its rate (429) or its size (413). */
export type HttpRejectionKind = 'rate_limited' | 'request_too_large';
