import { type AdapterDescriptorV1, type AdapterV1, bindAdapter } from '@mcp-o11y/core';
import { createTelegramNotifier } from './telegram-notifier.js';
import { type TelegramNotifierOptions, telegramOptionsSchema } from './telegram-options.js';

/**
 * The `notify-telegram` adapter descriptor, for config-driven loading:
 * `adapters: [{ id: notify-telegram, options: { botToken: ${TELEGRAM_BOT_TOKEN}, chatId: "${TELEGRAM_CHAT_ID}" } }]`.
 */
export const adapter: AdapterDescriptorV1<TelegramNotifierOptions> = {
  specificationVersion: 'v1',
  id: 'notify-telegram',
  kinds: ['notifier'],
  parseOptions: (raw) => telegramOptionsSchema.parse(raw),
  create: (options, context) => ({
    specificationVersion: 'v1',
    id: 'notify-telegram',
    notifiers: [createTelegramNotifier(options, context)],
  }),
};

/**
 * A Telegram notifier (Bot API `sendMessage`, HTML by default) to pass to
 * `createObservability({ adapters: [...] })`. Token and chat default to env `TELEGRAM_BOT_TOKEN` and
 * `TELEGRAM_CHAT_ID`.
 */
export function telegramNotifier(options: TelegramNotifierOptions = {}): AdapterV1 {
  return bindAdapter(adapter, options);
}
