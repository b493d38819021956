import type {
  AdapterContextV1,
  DeliveryResultV1,
  LoggerV1,
  NotificationV1,
  NotifierV1,
  SendOptionsV1,
} from '@mcp-o11y/core';
import {
  classifyTelegramResponse,
  isParseError,
  parseBotApiResponse,
  redactBotToken,
} from './classify-telegram-response.js';
import { convertToTelegramMessage, type SendMessageBody } from './convert-to-telegram-message.js';
import { packageName, resolveTelegramOptions, type TelegramNotifierOptions } from './telegram-options.js';

type Attempt =
  | { readonly status: number; readonly headers: Headers; readonly body: string }
  | DeliveryResultV1;

function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause as { code?: unknown } | undefined;
  return `${error.message}${typeof cause?.code === 'string' ? ` (${cause.code})` : ''}`;
}

/**
 * Creates a Telegram notifier calling the Bot API `sendMessage`. Options resolve as explicit option →
 * `TELEGRAM_BOT_TOKEN` / `TELEGRAM_CHAT_ID` (from `context.env`, else `process.env`) → error. One
 * request per `send` — two only when `fallbackToPlainText` resends a message Telegram could not parse.
 *
 * @throws when the token or chat id is missing or malformed (message starts with the package name and
 * never contains the token).
 */
export function createTelegramNotifier(
  options: TelegramNotifierOptions = {},
  context?: Pick<AdapterContextV1, 'env'> & { readonly logger?: LoggerV1 },
): NotifierV1 {
  const resolved = resolveTelegramOptions(options, context?.env ?? process.env);
  const { botToken, timeoutMs } = resolved;
  const logger = context?.logger;

  async function post(message: SendMessageBody, signal: AbortSignal, timeout: AbortSignal): Promise<Attempt> {
    try {
      const response = await resolved.fetch(resolved.sendMessageUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(message),
        signal: AbortSignal.any([signal, timeout]),
        redirect: 'manual',
      });
      return {
        status: response.status,
        headers: response.headers,
        body: await response.text().catch(() => ''),
      };
    } catch (error) {
      if (signal.aborted) return { status: 'retryable', reason: `[${packageName}] aborted while sending` };
      if (timeout.aborted)
        return {
          status: 'retryable',
          reason: `[${packageName}] no answer from the Bot API within ${timeoutMs} ms`,
        };
      return {
        status: 'retryable',
        reason: `[${packageName}] could not reach the Bot API: ${redactBotToken(describeError(error), botToken)}`,
      };
    }
  }

  async function send(notification: NotificationV1, { signal }: SendOptionsV1): Promise<DeliveryResultV1> {
    if (signal.aborted) return { status: 'retryable', reason: `[${packageName}] aborted before sending` };
    const timeout = AbortSignal.timeout(timeoutMs);
    const first = await post(convertToTelegramMessage(notification, resolved), signal, timeout);
    if (!('body' in first)) return first;
    if (
      first.status === 400 &&
      resolved.fallbackToPlainText &&
      isParseError(parseBotApiResponse(first.body))
    ) {
      logger?.warn('Telegram could not parse the message markup; resending it as plain text', {
        parseMode: resolved.parseMode,
        groupKey: notification.groupKey,
      });
      const plain = await post(
        convertToTelegramMessage(notification, { ...resolved, parseMode: 'plain' }),
        signal,
        timeout,
      );
      return 'body' in plain
        ? classifyTelegramResponse(plain.status, plain.headers, plain.body, botToken)
        : plain;
    }
    return classifyTelegramResponse(first.status, first.headers, first.body, botToken);
  }

  return { specificationVersion: 'v1', id: resolved.id, send };
}
