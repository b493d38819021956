import { describeAdapterConformance, describeNotifierConformance } from '@mcp-o11y/testkit';
import { adapter, createTelegramNotifier } from '../src/index.js';

const botToken = '7712345678:AAH-secretTokenValue_0123456789abcdef';
const chatId = '-1001234567890123';
const success = [
  {
    status: 200,
    body: {
      ok: true,
      result: {
        message_id: 4242,
        chat: { id: -1001234567890123, type: 'supergroup' },
        date: 1_768_469_400,
        text: '…',
      },
    },
  },
];

for (const parseMode of ['HTML', 'MarkdownV2'] as const) {
  describeNotifierConformance({
    name: `telegram (${parseMode})`,
    create: ({ fetch }) => createTelegramNotifier({ botToken, chatId, parseMode, fetch }),
    secrets: [botToken, botToken.split(':')[1]!],
    success,
    // The URL holds the token: snapshot the path with it replaced, and the decoded body.
    snapshot: (request) => ({
      path: new URL(request.url).pathname.replace(botToken, '<token>'),
      body: request.json(),
    }),
  });
}

describeAdapterConformance({
  name: 'notify-telegram',
  descriptor: adapter,
  options: {},
  env: { TELEGRAM_BOT_TOKEN: botToken, TELEGRAM_CHAT_ID: chatId },
  importModule: () => import('../src/index.js'),
});
