export { adapter, telegramNotifier } from './adapter.js';
export {
  convertToTelegramMessage,
  type SendMessageBody,
  type TelegramMessageOptions,
} from './convert-to-telegram-message.js';
export { telegramMaxTextLength } from './fit-segments.js';
export {
  escapeHtml,
  escapeMarkdownV2,
  escapeMarkdownV2Code,
  escapeMarkdownV2Url,
} from './render-telegram-text.js';
export { createTelegramNotifier } from './telegram-notifier.js';
export {
  type TelegramNotifierOptions,
  type TelegramParseMode,
  telegramOptionsSchema,
} from './telegram-options.js';
