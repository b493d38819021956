import { type DeliveryResultV1, parseRetryAfter } from '@mcp-o11y/core';
import { packageName } from './telegram-options.js';

/** The Bot API response envelope. */
export interface BotApiResponse {
  readonly ok?: boolean;
  readonly result?: { readonly message_id?: number };
  readonly error_code?: number;
  readonly description?: string;
  readonly parameters?: { readonly retry_after?: number; readonly migrate_to_chat_id?: number };
}

/**
 * Removes the bot token from `text`: as given, percent-encoded, and any `bot<digits>:<secret>` path
 * segment (a token of another bot echoed by a proxy is no less secret).
 */
export function redactBotToken(text: string, botToken: string): string {
  let redacted = text;
  for (const secret of [botToken, encodeURIComponent(botToken)])
    redacted = redacted.split(secret).join('<redacted>');
  return redacted.replace(/bot\d+(?::|%3A)[\w-]+/gi, 'bot<redacted>');
}

/** Parses a response body as the Bot API envelope; anything else (proxy HTML, empty) gives `{}`. */
export function parseBotApiResponse(body: string): BotApiResponse {
  try {
    const parsed: unknown = JSON.parse(body);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? (parsed as BotApiResponse)
      : {};
  } catch {
    return {};
  }
}

/** Telegram's words for a refused markup: a bug in escaping, not something a retry fixes. */
export function isParseError(response: BotApiResponse): boolean {
  return /can't parse entities/i.test(response.description ?? '');
}

const hints: readonly [RegExp, string][] = [
  [/chat not found/i, 'check TELEGRAM_CHAT_ID and that the bot was added to the chat'],
  [/thread not found/i, 'check messageThreadId: the forum topic does not exist'],
  [/kicked|blocked|not a member|have no rights/i, 'add the bot to the chat again (and let it post)'],
  [/unauthorized|not found$/i, 'check TELEGRAM_BOT_TOKEN (revoked or mistyped?)'],
];

/**
 * Maps a Bot API answer to a delivery result: `ok: true` is delivered (with the message id); 429 is
 * retryable after `parameters.retry_after` seconds (or the `Retry-After` header); 5xx retryable; 400
 * (parse errors, too long, chat not found), 401, 403 and 404 are permanent. Reasons quote Telegram's
 * `description` with the token redacted, never the raw body.
 */
export function classifyTelegramResponse(
  status: number,
  headers: Headers,
  body: string,
  botToken: string,
): DeliveryResultV1 {
  const response = parseBotApiResponse(body);
  const description = redactBotToken(String(response.description ?? '').slice(0, 300), botToken);
  const said = description ? `: ${description}` : '';
  if (status >= 200 && status < 300 && response.ok === true) {
    const id = response.result?.message_id;
    return id === undefined ? { status: 'delivered' } : { status: 'delivered', id: String(id) };
  }
  if (status === 429 || status >= 500) {
    const seconds = response.parameters?.retry_after;
    const retryAfterMs =
      typeof seconds === 'number' && seconds >= 0
        ? seconds * 1_000
        : parseRetryAfter(headers.get('retry-after'));
    return {
      status: 'retryable',
      reason: `[${packageName}] Telegram answered ${status}${said}`,
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    };
  }
  const migrated = response.parameters?.migrate_to_chat_id;
  if (migrated !== undefined) {
    return {
      status: 'failed',
      reason: `[${packageName}] the group became a supergroup: set chatId to "${String(migrated)}"${said}`,
    };
  }
  if (status >= 200 && status < 300) {
    return {
      status: 'failed',
      reason: `[${packageName}] Telegram answered ${status} without ok: true; is apiBaseUrl a Bot API server?`,
    };
  }
  const hint =
    hints.find(([pattern]) => pattern.test(description))?.[1] ??
    (status === 401 ? 'check TELEGRAM_BOT_TOKEN' : undefined);
  return {
    status: 'failed',
    reason: `[${packageName}] Telegram answered ${status}${said}${hint ? ` (${hint})` : ''}`,
  };
}
