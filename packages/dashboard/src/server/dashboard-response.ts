import { redactValue } from '@mcp-o11y/core';

/** A framework-neutral request: what the node:http and fetch adapters hand the dashboard. */
export interface DashboardRequest {
  readonly method: string;
  /** Path and query, e.g. `/dashboard/api/tools?window=300`. */
  readonly url: string;
  /** A header by lower-case name. */
  header(name: string): string | undefined;
  /** The body as text, or undefined when it is over `maxBytes` (it is then not read whole). */
  text(maxBytes: number): Promise<string | undefined>;
}

/** A framework-neutral response: a body, or a server-sent event stream. */
export type DashboardResponse =
  | {
      readonly kind: 'body';
      readonly status: number;
      readonly headers: Readonly<Record<string, string>>;
      readonly body: string;
    }
  | {
      readonly kind: 'events';
      readonly status: number;
      readonly headers: Readonly<Record<string, string>>;
      /** Starts the stream; `write` takes wire-format chunks. Returns the function that ends it. */
      open(write: (chunk: string) => void): () => void;
    };

/** Headers every response carries: no framing, no sniffing, no referrer, nothing cached. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
};

/** A JSON response; every value goes through core's `redactValue`, so no secret is ever shown. */
export function json(
  status: number,
  value: unknown,
  headers: Record<string, string> = {},
): DashboardResponse {
  return {
    kind: 'body',
    status,
    headers: { ...SECURITY_HEADERS, 'content-type': 'application/json; charset=utf-8', ...headers },
    body: JSON.stringify(redactValue(value)),
  };
}

/** An error response in the API's one error shape: `{ "error": "…" }`. */
export function problem(
  status: number,
  message: string,
  headers: Record<string, string> = {},
): DashboardResponse {
  return json(status, { error: message }, headers);
}

/** A plain text or asset response. */
export function text(
  status: number,
  body: string,
  contentType = 'text/plain; charset=utf-8',
  headers: Record<string, string> = {},
): DashboardResponse {
  return {
    kind: 'body',
    status,
    headers: { ...SECURITY_HEADERS, 'content-type': contentType, ...headers },
    body,
  };
}
