import { canonicalNotifications, createAdapterContext, createCaptureFetch } from '@mcp-o11y/testkit';
import { describe, expect, it } from 'vitest';
import { adapter, createTelegramNotifier, telegramNotifier } from './index.js';

const botToken = '123456:TEST-token_value-abcdefghijklmnop';
const signal = new AbortController().signal;
const ok = { status: 200, body: { ok: true, result: { message_id: 7 } } };

function thrown(action: () => unknown): Error {
  try {
    action();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a throw');
}

describe('options', () => {
  it('reads TELEGRAM_BOT_TOKEN and TELEGRAM_CHAT_ID from the context env; explicit options win', async () => {
    const fetch = createCaptureFetch(() => ok);
    const context = createAdapterContext({
      env: { TELEGRAM_BOT_TOKEN: botToken, TELEGRAM_CHAT_ID: '-1001234567890123' },
    });
    const instance = await adapter.create({ fetch }, context);
    expect(instance.notifiers?.[0]?.id).toBe('telegram');
    expect(await instance.notifiers?.[0]?.send(canonicalNotifications.lowFiring, { signal })).toEqual({
      status: 'delivered',
      id: '7',
    });
    expect(fetch.requests[0]?.url).toBe(`https://api.telegram.org/bot${botToken}/sendMessage`);
    expect(fetch.requests[0]?.json()).toMatchObject({ chat_id: '-1001234567890123', parse_mode: 'HTML' });

    await createTelegramNotifier({ chatId: '42', fetch }, context).send(canonicalNotifications.lowFiring, {
      signal,
    });
    expect(fetch.requests[1]?.json()).toMatchObject({ chat_id: '42' });
  });

  it.each([
    [{}, /no bot token: .*TELEGRAM_BOT_TOKEN/],
    [{ botToken }, /no chat id: .*TELEGRAM_CHAT_ID/],
    [{ botToken: 'not-a-token/../x', chatId: '1' }, /bot token is malformed/],
    [{ botToken, chatId: 'general' }, /chatId must be a numeric id/],
    [{ botToken, chatId: -1001234567890123 as unknown as string }, /chatId must be a string/],
    [{ botToken, chatId: '1', messageThreadId: 0 }, /messageThreadId must be a positive integer/],
    [{ botToken, chatId: '1', apiBaseUrl: 'ftp://x' }, /apiBaseUrl must be an http\(s\) URL/],
  ])('refuses %j with a package-prefixed error that never contains the token', (options, message) => {
    const error = thrown(() => createTelegramNotifier(options, { env: {} }));
    expect(error.message).toMatch(/^\[@mcp-o11y\/notify-telegram\] /);
    expect(error.message).toMatch(message);
    expect(error.message).not.toContain('TEST-token');
  });

  it('parseOptions keeps chat ids as strings; a bare YAML number is accepted only while exact', () => {
    expect(adapter.parseOptions?.({ chatId: '-1001234567890123' })).toEqual({ chatId: '-1001234567890123' });
    expect(adapter.parseOptions?.({ chatId: -1001234567890123 })).toEqual({ chatId: '-1001234567890123' });
    expect(() => adapter.parseOptions?.({ chatId: Number('-10012345678901234567') })).toThrow(/quote it/);
    expect(() => adapter.parseOptions?.({ chat_id: '1' })).toThrow(/chat_id/);
    expect(() => adapter.parseOptions?.({ parseMode: 'Markdown' })).toThrow();
    expect(
      adapter.parseOptions?.({
        parseMode: 'MarkdownV2',
        messageThreadId: 3,
        fallbackToPlainText: true,
        silentSeverities: ['low', 'medium'],
      }),
    ).toBeTruthy();
  });

  it('silentSeverities decides disable_notification', async () => {
    const fetch = createCaptureFetch(() => ok);
    const notifier = createTelegramNotifier({ botToken, chatId: '1', fetch, silentSeverities: ['medium'] });
    await notifier.send(canonicalNotifications.lowFiring, { signal });
    await notifier.send(canonicalNotifications.mediumFiring, { signal });
    expect(
      fetch.requests.map(
        (request) => request.json<{ disable_notification?: boolean }>().disable_notification,
      ),
    ).toEqual([undefined, true]);
  });

  it('telegramNotifier binds the descriptor', () => {
    expect(telegramNotifier({ botToken, chatId: '1' })).toMatchObject({
      specificationVersion: 'v1',
      id: 'notify-telegram',
      kinds: ['notifier'],
    });
  });
});

describe('response mapping details', () => {
  it('a 2xx without ok: true (not a Bot API server) is failed', async () => {
    const fetch = createCaptureFetch([{ status: 200, body: '<html>proxy</html>' }]);
    const result = await createTelegramNotifier({ botToken, chatId: '1', fetch }).send(
      canonicalNotifications.lowFiring,
      { signal },
    );
    expect(result).toMatchObject({
      status: 'failed',
      reason: expect.stringContaining('is apiBaseUrl a Bot API server?'),
    });
  });

  it('429 without parameters falls back to the Retry-After header', async () => {
    const fetch = createCaptureFetch([
      {
        status: 429,
        retryAfter: '4',
        body: { ok: false, error_code: 429, description: 'Too Many Requests' },
      },
    ]);
    const result = await createTelegramNotifier({ botToken, chatId: '1', fetch }).send(
      canonicalNotifications.lowFiring,
      { signal },
    );
    expect(result).toMatchObject({ status: 'retryable', retryAfterMs: 4_000 });
  });

  it('a description echoing the token is redacted', async () => {
    const fetch = createCaptureFetch([
      {
        status: 404,
        body: { ok: false, error_code: 404, description: `Not Found: /bot${botToken}/sendMessage` },
      },
    ]);
    const result = await createTelegramNotifier({ botToken, chatId: '1', fetch }).send(
      canonicalNotifications.lowFiring,
      { signal },
    );
    expect(result).toMatchObject({
      status: 'failed',
      reason: expect.stringContaining('/bot<redacted>/sendMessage'),
    });
    expect(JSON.stringify(result)).not.toContain('TEST-token');
  });
});
