import type { NotificationV1 } from '@mcp-o11y/core';
import { canonicalNotifications, createAdapterContext } from '@mcp-o11y/testkit';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTelegramNotifier, type TelegramNotifierOptions } from '../src/index.js';
import { type FakeBotApi, startFakeBotApi } from './fake-bot-api.js';

const botToken = '7712345678:AAH-secretTokenValue_0123456789abcdef';
const chatId = '-1001234567890123'; // a supergroup id: 16 digits, beyond what some JSON tools keep exact
let api: FakeBotApi;

const notifier = (options: TelegramNotifierOptions = {}) =>
  createTelegramNotifier({ botToken, chatId, apiBaseUrl: api.apiBaseUrl, ...options });
const send = (
  notification: NotificationV1 = canonicalNotifications.criticalFiring,
  options: TelegramNotifierOptions = {},
  signal = new AbortController().signal,
) => notifier(options).send(notification, { signal });
const expectNoToken = (value: unknown) => {
  expect(JSON.stringify(value)).not.toContain(botToken);
  expect(JSON.stringify(value)).not.toContain(botToken.split(':')[1]);
};

beforeAll(async () => {
  api = await startFakeBotApi({
    token: botToken,
    chats: [{ id: chatId, threads: [42] }, { id: '-1009999999999', kicked: true }, { id: '@mcp_alerts' }],
  });
});
afterAll(() => api.close());
beforeEach(() => {
  api.receiver.reset();
  api.accepted.length = 0;
  api.answers.length = 0;
});

describe.each(['HTML', 'MarkdownV2'] as const)(
  '%s: against a fake Bot API that parses like Telegram',
  (parseMode) => {
    it.each(Object.keys(canonicalNotifications) as (keyof typeof canonicalNotifications)[])(
      'delivers %s',
      async (name) => {
        const result = await send(canonicalNotifications[name], { parseMode });
        expect(api.answers.map((answer) => answer.body.description)).toEqual([undefined]);
        expect(result).toEqual({ status: 'delivered', id: expect.stringMatching(/^\d+$/) });
        const [message] = api.accepted;
        expect(message!.request.parse_mode).toBe(parseMode);
        expect(message!.parsed.text.length).toBeLessThanOrEqual(4096);
        expect(message!.parsed.text).toContain(canonicalNotifications[name].title.slice(0, 40));
      },
    );

    it('shows markup characters literally, with the bold, code and link entities intact', async () => {
      await send(canonicalNotifications.markup, { parseMode });
      const { text, entities } = api.accepted[0]!.parsed;
      expect(text).toContain('Summary <b>&*_[]()~`>#+-=|{}.!');
      expect(text).toContain('tool=<b>&*_[]()~`>#+-=|{}.!');
      const types = entities.map((entity) => entity.type);
      expect(types).toEqual(expect.arrayContaining(['bold', 'italic', 'code', 'text_link']));
      const code = entities.find(
        (entity) => entity.type === 'code' && text.slice(entity.offset).startsWith('tool='),
      )!;
      expect(text.slice(code.offset, code.offset + code.length)).toBe('tool=<b>&*_[]()~`>#+-=|{}.!');
    });

    it('a label like instance="10.0.0.1:9100" goes through (MarkdownV2 reserves . and =)', async () => {
      const base = canonicalNotifications.mediumFiring;
      const alert = {
        ...base.alerts[0]!,
        labels: { instance: '10.0.0.1:9100', job: 'a-b_c' },
        annotations: { summary: 'rps < 50 & p99 > 2s (100%)!' },
      };
      expect((await send({ ...base, alerts: [alert] }, { parseMode })).status).toBe('delivered');
      expect(api.accepted[0]!.parsed.text).toContain('rps < 50 & p99 > 2s (100%)!');
    });

    it('a message far over 4096 visible characters is cut before markup and accepted', async () => {
      const base = canonicalNotifications.groupOfThirty;
      const result = await send(
        { ...base, alerts: [...base.alerts, ...base.alerts, ...base.alerts] },
        { parseMode },
      );
      expect(result.status).toBe('delivered');
      expect(api.accepted[0]!.parsed.text).toMatch(/…and \d+ more alerts not shown$/);
    });
  },
);

describe('request fields', () => {
  it('keeps the chat id a string, every digit intact', async () => {
    await send();
    expect(api.accepted[0]!.raw).toContain('"chat_id":"-1001234567890123"');
  });

  it('accepts a channel username as chat id', async () => {
    expect((await send(undefined, { chatId: '@mcp_alerts' })).status).toBe('delivered');
  });

  it('passes message_thread_id, disables link previews, and is silent only for low severity', async () => {
    await send(canonicalNotifications.lowFiring, { messageThreadId: 42 });
    await send(canonicalNotifications.criticalFiring, { messageThreadId: 42 });
    const [low, critical] = api.accepted.map((message) => message.request);
    expect(low).toMatchObject({
      message_thread_id: 42,
      disable_notification: true,
      link_preview_options: { is_disabled: true },
    });
    expect(critical).not.toHaveProperty('disable_notification');
    expect(critical).toMatchObject({ message_thread_id: 42 });
  });

  it('posts under a self-hosted server’s base URL (trailing slash tolerated)', async () => {
    await send();
    expect(api.receiver.requests[0]!.path).toBe(`/tg-api/bot${botToken}/sendMessage`);
  });
});

describe('Bot API errors', () => {
  it('429 honours parameters.retry_after (seconds) as retryAfterMs', async () => {
    api.script({
      status: 429,
      body: {
        ok: false,
        error_code: 429,
        description: 'Too Many Requests: retry after 17',
        parameters: { retry_after: 17 },
      },
    });
    expect(await send()).toEqual({
      status: 'retryable',
      retryAfterMs: 17_000,
      reason: '[@mcp-o11y/notify-telegram] Telegram answered 429: Too Many Requests: retry after 17',
    });
  });

  it.each([500, 502])('%i is retryable', async (status) => {
    api.script({ status, body: { ok: false, error_code: status, description: 'Internal Server Error' } });
    expect((await send()).status).toBe('retryable');
  });

  it("400 can't parse entities is failed, not retried, by default", async () => {
    api.script({
      status: 400,
      body: {
        ok: false,
        error_code: 400,
        description: 'Bad Request: can\'t parse entities: Unsupported start tag "x" at byte offset 3',
      },
    });
    const result = await send();
    expect(result).toMatchObject({
      status: 'failed',
      reason: expect.stringContaining("can't parse entities"),
    });
    expect(api.receiver.requests).toHaveLength(1);
  });

  it('with fallbackToPlainText, a parse error is resent once as plain text (no parse_mode) and delivered', async () => {
    api.script({
      status: 400,
      body: {
        ok: false,
        error_code: 400,
        description: "Bad Request: can't parse entities: Can't find end of bold entity",
      },
    });
    const context = createAdapterContext();
    const fallback = createTelegramNotifier(
      { botToken, chatId, apiBaseUrl: api.apiBaseUrl, fallbackToPlainText: true },
      context,
    );
    const result = await fallback.send(canonicalNotifications.markup, {
      signal: new AbortController().signal,
    });
    expect(result.status).toBe('delivered');
    expect(api.receiver.requests).toHaveLength(2);
    const plain = api.accepted[0]!;
    expect(plain.request).not.toHaveProperty('parse_mode');
    expect(plain.parsed.text).toContain('Runbook: https://runbooks.example.com/mcp/HighErrorRate');
    expect(context.logger.records.map((record) => record.message)).toEqual([
      expect.stringContaining('resending it as plain text'),
    ]);
    expectNoToken(context.logger.records);
  });

  it('fallback does not resend on other 400s', async () => {
    expect((await send(undefined, { chatId: '-1000000000001', fallbackToPlainText: true })).status).toBe(
      'failed',
    );
    expect(api.receiver.requests).toHaveLength(1);
  });

  it.each([
    [
      'a wrong token (401)',
      { botToken: '7712345678:AAH-wrongTokenValue_0123456789abcdef' },
      401,
      /Unauthorized \(check TELEGRAM_BOT_TOKEN/,
    ],
    [
      'a kicked bot (403)',
      { chatId: '-1009999999999' },
      403,
      /bot was kicked.*add the bot to the chat again/,
    ],
    ['an unknown chat (400)', { chatId: '-1000000000001' }, 400, /chat not found \(check TELEGRAM_CHAT_ID/],
    ['an unknown forum topic (400)', { messageThreadId: 7 }, 400, /message thread not found/],
    ['a wrong base URL (404)', { apiBaseUrl: 'BASE/nope' }, 404, /Not Found/],
  ] as const)('%s is failed with a reason that says what to fix', async (_, options, status, reason) => {
    const apiBaseUrl =
      'apiBaseUrl' in options
        ? options.apiBaseUrl.replace('BASE/', api.apiBaseUrl.replace('/tg-api/', '/'))
        : api.apiBaseUrl;
    const result = await send(undefined, { ...options, apiBaseUrl });
    expect(result).toMatchObject({ status: 'failed', reason: expect.stringMatching(reason) });
    expectNoToken(result);
    expect(api.answers[0]!.status).toBe(status);
  });

  it('a migrated group reports the new chat id to configure', async () => {
    api.script({
      status: 400,
      body: {
        ok: false,
        error_code: 400,
        description: 'Bad Request: group chat was upgraded to a supergroup chat',
        parameters: { migrate_to_chat_id: -1001999999999999 },
      },
    });
    expect(await send()).toMatchObject({
      status: 'failed',
      reason: expect.stringContaining('set chatId to "-1001999999999999"'),
    });
  });

  it('a hung Bot API is abandoned after timeoutMs, and when the caller aborts', async () => {
    api.script({ hang: true });
    expect(await send(undefined, { timeoutMs: 200 })).toEqual({
      status: 'retryable',
      reason: '[@mcp-o11y/notify-telegram] no answer from the Bot API within 200 ms',
    });
    api.script({ hang: true });
    const controller = new AbortController();
    const sending = send(undefined, {}, controller.signal);
    await api.receiver.waitForRequests(2);
    controller.abort();
    expect(await sending).toEqual({
      status: 'retryable',
      reason: '[@mcp-o11y/notify-telegram] aborted while sending',
    });
  });

  it('redacts the token from fetch errors that quote the URL', async () => {
    const fetch = (async (url: string) => {
      throw new TypeError(`Failed to parse URL from ${url}`, {
        cause: Object.assign(new Error(String(url)), { code: 'ERR_INVALID_URL' }),
      });
    }) as unknown as typeof globalThis.fetch;
    const result = await send(undefined, { fetch });
    expect(result).toMatchObject({
      status: 'retryable',
      reason: expect.stringContaining('bot<redacted>/sendMessage'),
    });
    expectNoToken(result);
  });
});

describe('the fake Bot API refuses what Telegram refuses (raw requests)', () => {
  const post = async (body: Record<string, unknown>) => {
    const response = await fetch(`${api.apiBaseUrl}bot${botToken}/sendMessage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ chat_id: chatId, ...body }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  it('4096 visible characters pass, 4097 are "message is too long" — counted after entity parsing', async () => {
    expect((await post({ text: `<b>${'&amp;'.repeat(4096)}</b>`, parse_mode: 'HTML' })).status).toBe(200);
    expect(await post({ text: 'x'.repeat(4097) })).toEqual({
      status: 400,
      body: { ok: false, error_code: 400, description: 'Bad Request: message is too long' },
    });
    // 2 048 emoji are 4 096 UTF-16 units; one more is over.
    expect((await post({ text: '🔥'.repeat(2048) })).status).toBe(200);
    expect((await post({ text: '🔥'.repeat(2049) })).status).toBe(400);
  });

  it.each([
    [
      { text: 'rps <b>x</b> <blink>y</blink>', parse_mode: 'HTML' },
      `Bad Request: can't parse entities: Unsupported start tag "blink" at byte offset 13`,
    ],
    [
      { text: '<b>unclosed', parse_mode: 'HTML' },
      `Bad Request: can't parse entities: Can't find end tag corresponding to start tag "b"`,
    ],
    [
      { text: 'version 1.2', parse_mode: 'MarkdownV2' },
      `Bad Request: can't parse entities: Character '.' is reserved and must be escaped with the preceding '\\'`,
    ],
    [{ text: 'x', parse_mode: 'Markdown3' }, 'Bad Request: unsupported parse_mode "Markdown3"'],
    [{ text: ' \n ' }, 'Bad Request: message text is empty'],
  ])('%j → 400 %s', async (body, description) => {
    expect(await post(body)).toEqual({ status: 400, body: { ok: false, error_code: 400, description } });
  });
});
