import { z } from 'zod';
import { signatureHeader, timestampHeader } from './webhook-signature.js';

const packageName = '@mcp-o11y/notify-webhook';

/** Options of {@link createWebhookNotifier}, `webhookNotifier()` and the `notify-webhook` config entry. */
export interface WebhookNotifierOptions {
  /** Notifier id, unique among the configured notifiers. Default `webhook`. */
  readonly id?: string;
  /** Where to POST. Env `MCP_O11Y_WEBHOOK_URL`. Treated as a secret (paths and queries often hold tokens). */
  readonly url?: string;
  /** The payload's `receiver` name. Default `mcp-o11y`. */
  readonly receiver?: string;
  /** The payload's `externalURL` (your dashboard). Default `''`. */
  readonly externalUrl?: string;
  /** Send at most this many alerts (firing first); the rest are counted in `truncatedAlerts`. Default 0 = all. */
  readonly maxAlerts?: number;
  /**
   * Shared secret for the `X-MCP-O11y-Signature` HMAC-SHA256 header (at least 16 characters). Env
   * `MCP_O11Y_WEBHOOK_SECRET`. Without it, requests are not signed.
   */
  readonly signingSecret?: string;
  /** Bearer token for `Authorization: Bearer …`. Env `MCP_O11Y_WEBHOOK_TOKEN`. Exclusive with `basicAuth`. */
  readonly bearerToken?: string;
  /** HTTP basic auth. Credentials in the URL (`https://user:pass@host`) are moved here. */
  readonly basicAuth?: { readonly username: string; readonly password: string };
  /** Extra request headers. Cannot set Content-Type, Content-Length, Host, the signature headers, or Authorization when auth is set. Values are treated as secrets. */
  readonly headers?: Readonly<Record<string, string>>;
  /** Per-attempt timeout in milliseconds; core's delivery pipeline retries. Default 10 000. */
  readonly timeoutMs?: number;
  /** The `fetch` to use (proxies, tests). Default `globalThis.fetch`. Not available in config files. */
  readonly fetch?: typeof globalThis.fetch;
  /** Clock for the signature timestamp, ms since the epoch (tests). Default `Date.now`. Code only. */
  readonly clock?: () => number;
}

/** The config-file form of {@link WebhookNotifierOptions}: strict, so a misspelt key is reported. */
export const webhookNotifierOptionsSchema = z.strictObject({
  id: z.string().min(1).optional(),
  url: z.string().optional(),
  receiver: z.string().min(1).optional(),
  externalUrl: z.string().optional(),
  maxAlerts: z.number().int().min(0).optional(),
  signingSecret: z.string().optional(),
  bearerToken: z.string().optional(),
  basicAuth: z.strictObject({ username: z.string(), password: z.string() }).optional(),
  headers: z.record(z.string(), z.string()).optional(),
  timeoutMs: z.number().int().positive().optional(),
});

/** Options after explicit values, env and defaults were merged and checked. */
export interface ResolvedWebhookOptions {
  readonly id: string;
  readonly url: string;
  readonly receiver: string;
  readonly externalUrl: string;
  readonly maxAlerts: number;
  readonly signingSecret: string | undefined;
  /** Every header but the signature ones, auth included. */
  readonly headers: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
  readonly fetch: typeof globalThis.fetch;
  readonly clock: () => number;
  /** Everything that must never appear in a reason or log. */
  readonly secrets: readonly string[];
}

type Env = Readonly<Record<string, string | undefined>>;

function present(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

const reservedHeaders = new Set(
  [
    'content-type',
    'content-length',
    'host',
    'transfer-encoding',
    'connection',
    signatureHeader,
    timestampHeader,
  ].map((name) => name.toLowerCase()),
);

function parseUrl(raw: string | undefined): URL {
  if (!raw) {
    throw new Error(`[${packageName}] no URL: set the url option or MCP_O11Y_WEBHOOK_URL.`);
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    // The URL may hold a token: name the option, never echo the value.
    throw new Error(`[${packageName}] url is not a valid URL; check the option or MCP_O11Y_WEBHOOK_URL.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new Error(`[${packageName}] url must be http(s); check the option or MCP_O11Y_WEBHOOK_URL.`);
  }
  return url;
}

function urlSecrets(url: URL): string[] {
  const parts = [url.href, `${url.pathname}${url.search}`, url.search, ...url.pathname.split('/')];
  for (const value of url.searchParams.values()) parts.push(value);
  return parts.filter((part) => part.length >= 8);
}

/**
 * Resolves options as: explicit option, then env (`MCP_O11Y_WEBHOOK_URL`, `MCP_O11Y_WEBHOOK_SECRET`,
 * `MCP_O11Y_WEBHOOK_TOKEN`), then defaults. Throws on a missing or invalid URL, a short signing secret,
 * two kinds of auth, or a custom header that would override a reserved one.
 */
export function resolveWebhookOptions(options: WebhookNotifierOptions, env: Env): ResolvedWebhookOptions {
  const url = parseUrl(present(options.url) ?? present(env.MCP_O11Y_WEBHOOK_URL));
  let basicAuth = options.basicAuth;
  if (url.username || url.password) {
    // fetch refuses URLs with credentials; send them as a header instead.
    basicAuth ??= { username: decodeURIComponent(url.username), password: decodeURIComponent(url.password) };
    url.username = '';
    url.password = '';
  }
  const bearerToken = present(options.bearerToken) ?? present(env.MCP_O11Y_WEBHOOK_TOKEN);
  if (basicAuth && bearerToken) {
    throw new Error(
      `[${packageName}] give either basicAuth (or credentials in the URL) or bearerToken, not both.`,
    );
  }
  const signingSecret = present(options.signingSecret) ?? present(env.MCP_O11Y_WEBHOOK_SECRET);
  if (signingSecret !== undefined && signingSecret.length < 16) {
    throw new Error(
      `[${packageName}] signingSecret (MCP_O11Y_WEBHOOK_SECRET) is shorter than 16 characters; use a random value of 32 or more.`,
    );
  }
  const secrets = urlSecrets(url);
  const headers: Record<string, string> = {};
  const authorization = basicAuth
    ? `Basic ${Buffer.from(`${basicAuth.username}:${basicAuth.password}`).toString('base64')}`
    : bearerToken
      ? `Bearer ${bearerToken}`
      : undefined;
  for (const [name, value] of Object.entries(options.headers ?? {})) {
    const lower = name.toLowerCase();
    if (reservedHeaders.has(lower) || (lower === 'authorization' && authorization)) {
      throw new Error(`[${packageName}] headers cannot set ${name}: the notifier sets it.`);
    }
    try {
      new Headers({ [name]: value });
    } catch {
      throw new Error(`[${packageName}] headers.${name} is not a valid header name or value.`);
    }
    headers[lower] = value;
    if (value.length >= 6) secrets.push(value);
  }
  if (authorization) {
    headers.authorization = authorization;
    secrets.push(authorization, authorization.slice(authorization.indexOf(' ') + 1));
    if (basicAuth?.password) secrets.push(basicAuth.password);
    if (bearerToken) secrets.push(bearerToken);
  }
  if (signingSecret) secrets.push(signingSecret);
  headers['content-type'] = 'application/json';
  const maxAlerts = options.maxAlerts ?? 0;
  if (!Number.isInteger(maxAlerts) || maxAlerts < 0) {
    throw new Error(`[${packageName}] maxAlerts must be a whole number ≥ 0 (0 = all), got ${maxAlerts}.`);
  }
  const timeoutMs = options.timeoutMs ?? 10_000;
  if (!(timeoutMs > 0)) throw new Error(`[${packageName}] timeoutMs must be positive, got ${timeoutMs}.`);
  return {
    id: options.id ?? 'webhook',
    url: url.href,
    receiver: options.receiver ?? 'mcp-o11y',
    externalUrl: options.externalUrl ?? '',
    maxAlerts,
    signingSecret,
    headers,
    timeoutMs,
    fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    clock: options.clock ?? Date.now,
    secrets,
  };
}
