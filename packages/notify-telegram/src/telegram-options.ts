import type { SeverityV1 } from '@mcp-o11y/core';
import { z } from 'zod';

/** The package name every error and reason starts with. */
export const packageName = '@mcp-o11y/notify-telegram';

/** The parse modes the notifier renders; legacy `Markdown` is not offered (no nesting, lossy escaping). */
export type TelegramParseMode = 'HTML' | 'MarkdownV2';

/** Default time one attempt may take before it is abandoned as retryable. */
export const defaultTimeoutMs = 10_000;

/** Options of {@link createTelegramNotifier}, `telegramNotifier()` and the `notify-telegram` config entry. */
export interface TelegramNotifierOptions {
  /**
   * The bot token from @BotFather (`123456789:AA…`). A secret: it sits in the request path, and is
   * redacted from every reason, log and error. Default: env `TELEGRAM_BOT_TOKEN`. Required.
   */
  readonly botToken?: string;
  /**
   * Target chat: a numeric id (groups and supergroups are negative, `-100…`) or `@channelusername`.
   * Kept as a string end to end — never converted to a number. Default: env `TELEGRAM_CHAT_ID`. Required.
   */
  readonly chatId?: string;
  /** Forum topic (`message_thread_id`) to post in, for forum supergroups. Default: none. */
  readonly messageThreadId?: number;
  /** `HTML` (default) or `MarkdownV2`. Values are escaped for the chosen mode. */
  readonly parseMode?: TelegramParseMode;
  /** Severities sent with `disable_notification: true` (no sound). Default `['low']`. */
  readonly silentSeverities?: readonly SeverityV1[];
  /**
   * When Telegram refuses the markup (400 "can't parse entities"), resend the same message once as plain
   * text in the same `send`. Default false: the attempt fails and the notification goes to dead letters.
   */
  readonly fallbackToPlainText?: boolean;
  /** Bot API server, for a self-hosted `telegram-bot-api`. Default `https://api.telegram.org`. */
  readonly apiBaseUrl?: string;
  /** Notifier id, unique among the configured notifiers. Default `telegram`. */
  readonly id?: string;
  /** Milliseconds one attempt may take. Default 10 000. */
  readonly timeoutMs?: number;
  /** The `fetch` to use (tests, proxies). Default `globalThis.fetch`. */
  readonly fetch?: typeof globalThis.fetch;
}

const severities = ['low', 'medium', 'high', 'critical'] as const;

/**
 * What the config file may hold: every option except `fetch`; unknown keys are refused. A chat id
 * written as a bare YAML number is accepted only while it is exact, then kept as a string.
 */
export const telegramOptionsSchema = z.strictObject({
  botToken: z.string().min(1).optional(),
  chatId: z
    .union([
      z.string().min(1),
      z
        .number()
        .refine(
          Number.isSafeInteger,
          'a chat id this large lost precision as a number: quote it in the config file',
        )
        .transform((value) => String(value)),
    ])
    .optional(),
  messageThreadId: z.number().int().positive().optional(),
  parseMode: z.enum(['HTML', 'MarkdownV2']).optional(),
  silentSeverities: z.array(z.enum(severities)).optional(),
  fallbackToPlainText: z.boolean().optional(),
  apiBaseUrl: z.string().min(1).optional(),
  id: z.string().min(1).optional(),
  timeoutMs: z.number().int().positive().optional(),
});

/** Options after env and defaults are applied. */
export interface ResolvedTelegramOptions {
  readonly botToken: string;
  readonly chatId: string;
  readonly messageThreadId?: number;
  readonly parseMode: TelegramParseMode;
  readonly silentSeverities: ReadonlySet<SeverityV1>;
  readonly fallbackToPlainText: boolean;
  /** `…/bot<token>/sendMessage`: holds the token, never shown. */
  readonly sendMessageUrl: string;
  readonly id: string;
  readonly timeoutMs: number;
  readonly fetch: typeof globalThis.fetch;
}

const fail = (message: string): never => {
  throw new Error(`[${packageName}] ${message}`);
};

/** Applies explicit option → env var → default and validates. Errors never repeat the token. */
export function resolveTelegramOptions(
  options: TelegramNotifierOptions,
  env: Readonly<Record<string, string | undefined>>,
): ResolvedTelegramOptions {
  const botToken = (options.botToken ?? env.TELEGRAM_BOT_TOKEN ?? '').trim();
  if (botToken === '')
    fail('no bot token: set the `botToken` option or TELEGRAM_BOT_TOKEN (from @BotFather).');
  if (!/^\d+:[\w-]+$/.test(botToken)) {
    fail(
      'the bot token is malformed: expected "<digits>:<letters, digits, _ or ->" as issued by @BotFather.',
    );
  }
  // A number has already lost digits if it was over 2^53; refuse it rather than guess.
  if (typeof options.chatId === 'number')
    fail('chatId must be a string; quote it so large ids keep every digit.');
  const chatId = (options.chatId ?? env.TELEGRAM_CHAT_ID ?? '').trim();
  if (chatId === '') fail('no chat id: set the `chatId` option or TELEGRAM_CHAT_ID.');
  if (!/^-?\d+$/.test(chatId) && !/^@\w{4,}$/.test(chatId)) {
    fail(
      `chatId must be a numeric id (e.g. "-1001234567890") or "@channelusername", got ${JSON.stringify(chatId)}.`,
    );
  }
  const threadId = options.messageThreadId;
  if (threadId !== undefined && !(Number.isSafeInteger(threadId) && threadId > 0)) {
    fail(`messageThreadId must be a positive integer (got ${threadId}).`);
  }
  const base = options.apiBaseUrl ?? 'https://api.telegram.org';
  if (!URL.canParse(base) || !/^https?:$/.test(new URL(base).protocol)) {
    fail(`apiBaseUrl must be an http(s) URL (got ${JSON.stringify(base)}).`);
  }
  const timeoutMs = options.timeoutMs ?? defaultTimeoutMs;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0)
    fail(`timeoutMs must be a positive number (got ${timeoutMs}).`);
  const fetchImplementation = options.fetch ?? globalThis.fetch;
  if (typeof fetchImplementation !== 'function') fail('no fetch available: pass the `fetch` option.');
  return {
    botToken,
    chatId,
    ...(threadId === undefined ? {} : { messageThreadId: threadId }),
    parseMode: options.parseMode ?? 'HTML',
    silentSeverities: new Set(options.silentSeverities ?? ['low']),
    fallbackToPlainText: options.fallbackToPlainText ?? false,
    sendMessageUrl: `${base.replace(/\/+$/, '')}/bot${botToken}/sendMessage`,
    id: options.id ?? 'telegram',
    timeoutMs,
    fetch: fetchImplementation,
  };
}
