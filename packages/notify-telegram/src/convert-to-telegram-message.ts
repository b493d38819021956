import type { NotificationV1 } from '@mcp-o11y/core';
import { fitSegments, telegramMaxTextLength } from './fit-segments.js';
import { buildMessageSegments, type Segment } from './message-segments.js';
import { renderHtml, renderMarkdownV2, renderPlain } from './render-telegram-text.js';
import type { ResolvedTelegramOptions, TelegramParseMode } from './telegram-options.js';

/** The JSON body of a Bot API `sendMessage` call. */
export interface SendMessageBody {
  /** Always a string: supergroup ids like `-1001234567890123` must keep every digit. */
  readonly chat_id: string;
  readonly text: string;
  readonly parse_mode?: TelegramParseMode;
  readonly message_thread_id?: number;
  readonly disable_notification?: true;
  readonly link_preview_options: { readonly is_disabled: true };
}

/** What {@link convertToTelegramMessage} needs from the options. */
export type TelegramMessageOptions = Pick<
  ResolvedTelegramOptions,
  'chatId' | 'messageThreadId' | 'silentSeverities'
> & {
  /** `plain` sends no parse_mode (the fallback after a parse error). */
  readonly parseMode: TelegramParseMode | 'plain';
};

/**
 * The message as plain segments already cut to Telegram's visible-length limit. Without markup a link
 * shows its URL, so in `plain` mode links become text before the budget is applied.
 */
export function fittedSegments(
  notification: NotificationV1,
  parseMode: TelegramParseMode | 'plain',
  limit: number = telegramMaxTextLength,
): readonly Segment[] {
  let segments = buildMessageSegments(notification);
  if (parseMode === 'plain') {
    segments = segments.map((segment) =>
      segment.kind === 'link'
        ? {
            kind: 'text',
            text: `${segment.text}: ${segment.url}`,
            style: 'plain',
            ...(segment.alert === undefined ? {} : { alert: segment.alert }),
          }
        : segment,
    );
  }
  return fitSegments(segments, notification.alerts.length, limit).segments;
}

/**
 * Renders a notification as a `sendMessage` body. The 4096-character budget is spent on the plain
 * segments first; escaping and markup come after, so the visible text Telegram counts is exactly the
 * budgeted text and no tag or entity is ever cut.
 */
export function convertToTelegramMessage(
  notification: NotificationV1,
  options: TelegramMessageOptions,
): SendMessageBody {
  const segments = fittedSegments(notification, options.parseMode);
  const text =
    options.parseMode === 'HTML'
      ? renderHtml(segments)
      : options.parseMode === 'MarkdownV2'
        ? renderMarkdownV2(segments)
        : renderPlain(segments);
  return {
    chat_id: options.chatId,
    text,
    ...(options.parseMode === 'plain' ? {} : { parse_mode: options.parseMode }),
    ...(options.messageThreadId === undefined ? {} : { message_thread_id: options.messageThreadId }),
    ...(options.silentSeverities.has(notification.severity) ? { disable_notification: true as const } : {}),
    link_preview_options: { is_disabled: true },
  };
}
