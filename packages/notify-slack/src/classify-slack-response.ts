import { type DeliveryResultV1, parseRetryAfter } from '@mcp-o11y/core';

/** What Slack answered, decoded. */
export interface SlackAnswer {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
}

/** Web API error codes that are worth another attempt; every other `ok: false` is permanent. */
const retryableCodes = new Set([
  'ratelimited',
  'rate_limited',
  'internal_error',
  'fatal_error',
  'service_unavailable',
  'request_timeout',
  'rollup_error',
]);

/** What to do next, for the error codes users hit most (webhook and Web API). */
const hints: Readonly<Record<string, string>> = {
  invalid_payload: 'the message was malformed; please report it with the alert that caused it',
  invalid_blocks: 'a block broke a Block Kit rule; please report it with the alert that caused it',
  no_service: 'the webhook was revoked or its app disabled; create a new webhook URL',
  no_active_hooks: 'the webhook was revoked or its app disabled; create a new webhook URL',
  team_disabled: 'the workspace was disabled',
  invalid_token: 'the webhook token is invalid; create a new webhook URL',
  invalid_auth: 'the bot token is invalid; check SLACK_BOT_TOKEN',
  not_authed: 'no bot token was sent; check SLACK_BOT_TOKEN',
  token_revoked: 'the bot token was revoked; reinstall the app',
  missing_scope: 'the bot token lacks the chat:write scope',
  channel_not_found: 'the channel does not exist or the app cannot see it',
  not_in_channel: 'invite the app to the channel (/invite @app)',
  channel_is_archived: 'the channel is archived; unarchive it or choose another',
  is_archived: 'the channel is archived; unarchive it or choose another',
  action_prohibited: 'a workspace admin restricted posting to this channel',
  posting_to_general_channel_denied: 'only admins may post to #general; choose another channel',
  too_many_attachments: 'the message had too many attachments',
  no_text: 'the message had no text',
};

function parseJson(text: string): unknown {
  const trimmed = text.trim();
  if (!trimmed.startsWith('{')) return undefined;
  try {
    return JSON.parse(trimmed) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * The error code in a Slack answer: a plain-text body (`channel_is_archived`) or the `error` of a JSON
 * body. Only code-shaped strings are taken, so a body that echoes the request (and its secrets) is never
 * copied into a reason.
 */
export function slackErrorCode(text: string, json: unknown = parseJson(text)): string | undefined {
  const candidate =
    typeof json === 'object' && json !== null ? (json as Record<string, unknown>).error : text.trim();
  return typeof candidate === 'string' && /^[a-z][a-z0-9_]{0,63}$/.test(candidate) ? candidate : undefined;
}

/** `retry_after` from a JSON body (seconds, as Slack's Web API and some webhook 429s send it). */
function retryAfterFromBody(body: unknown): number | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const seconds = (body as Record<string, unknown>).retry_after;
  return typeof seconds === 'number' && Number.isFinite(seconds) && seconds >= 0
    ? Math.ceil(seconds * 1000)
    : undefined;
}

function describe(code: string | undefined): string {
  if (code === undefined) return '';
  const hint = hints[code];
  return hint ? `: ${code} (${hint})` : `: ${code}`;
}

/**
 * Maps one Slack answer to a delivery result. Incoming webhooks answer `200 ok` or a plain-text code with
 * a 4xx; `chat.postMessage` answers 200 with `{ok: false, error}`. 429 (header or JSON `retry_after`),
 * 408 and 5xx are retryable; every other error is permanent and named by its code.
 */
export function classifySlackResponse(answer: SlackAnswer, now: number = Date.now()): DeliveryResultV1 {
  const json = parseJson(answer.text);
  const code = slackErrorCode(answer.text, json);
  const retryAfterMs = parseRetryAfter(answer.headers.get('retry-after'), now) ?? retryAfterFromBody(json);
  const withRetryAfter = (reason: string): DeliveryResultV1 =>
    retryAfterMs === undefined
      ? { status: 'retryable', reason }
      : { status: 'retryable', reason, retryAfterMs };

  if (answer.status >= 200 && answer.status < 300) {
    const body = json as { ok?: unknown; ts?: unknown } | undefined;
    if (body?.ok === false) {
      if (code !== undefined && retryableCodes.has(code))
        return withRetryAfter(`Slack answered${describe(code)}`);
      return { status: 'failed', reason: `Slack rejected the message${describe(code ?? 'unknown_error')}` };
    }
    return typeof body?.ts === 'string' ? { status: 'delivered', id: body.ts } : { status: 'delivered' };
  }
  if (answer.status === 429) return withRetryAfter(`rate limited by Slack (HTTP 429${describe(code)})`);
  if (answer.status === 408 || answer.status >= 500) {
    return withRetryAfter(`Slack answered HTTP ${answer.status}${describe(code)}`);
  }
  if (answer.status >= 300 && answer.status < 400) {
    return { status: 'failed', reason: `Slack answered a redirect (HTTP ${answer.status}); check the URL` };
  }
  return { status: 'failed', reason: `Slack rejected the message (HTTP ${answer.status}${describe(code)})` };
}
