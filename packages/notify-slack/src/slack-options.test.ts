import { createAdapterContext } from '@mcp-o11y/testkit';
import { describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { adapter } from './slack-adapter.js';
import { resolveSlackOptions } from './slack-options.js';

const url = 'https://hooks.slack.com/services/T1/B1/superSecretHookToken';

describe('resolveSlackOptions', () => {
  it('reads SLACK_WEBHOOK_URL when no option is given', () => {
    const resolved = resolveSlackOptions({}, { SLACK_WEBHOOK_URL: url });
    expect(resolved.destination).toEqual({ mode: 'webhook', url });
    expect(resolved).toMatchObject({ id: 'slack', timeoutMs: 10_000, maxAlerts: 20, replyBroadcast: false });
    expect(resolved.secrets).toContain('superSecretHookToken');
  });

  it('prefers the explicit option over env', () => {
    const other = 'https://hooks.slack.com/services/T2/B2/otherHookToken0';
    expect(
      resolveSlackOptions(
        { webhookUrl: other },
        { SLACK_WEBHOOK_URL: url, SLACK_BOT_TOKEN: 'xoxb-1', SLACK_CHANNEL: 'C1' },
      ).destination,
    ).toEqual({ mode: 'webhook', url: other });
  });

  it('uses the bot token mode from SLACK_BOT_TOKEN + SLACK_CHANNEL, over a webhook URL in env', () => {
    const resolved = resolveSlackOptions(
      {},
      { SLACK_WEBHOOK_URL: url, SLACK_BOT_TOKEN: 'xoxb-1', SLACK_CHANNEL: 'C1' },
    );
    expect(resolved.destination).toEqual({
      mode: 'bot',
      token: 'xoxb-1',
      channel: 'C1',
      postMessageUrl: 'https://slack.com/api/chat.postMessage',
    });
    expect(resolved.secrets).toEqual(['xoxb-1']);
  });

  it('treats an empty interpolated variable from a config file as unset', () => {
    expect(resolveSlackOptions({ webhookUrl: '' }, { SLACK_WEBHOOK_URL: url }).destination).toMatchObject({
      url,
    });
  });

  it.each([
    [{}, {}, /no Slack destination: set webhookUrl \(env SLACK_WEBHOOK_URL\)/],
    [{ token: 'xoxb-secretTok' }, {}, /needs a channel: set the channel option or SLACK_CHANNEL/],
    [{ webhookUrl: url, token: 'xoxb-secretTok' }, {}, /either webhookUrl or token/],
    [{ webhookUrl: 'hooks.slack.com/superSecretHookToken' }, {}, /webhookUrl is not a valid URL/],
    [{ webhookUrl: 'ftp://x/superSecretHookToken' }, {}, /must be an http\(s\) URL/],
    [{ webhookUrl: url, maxAlerts: 41 }, {}, /maxAlerts must be an integer from 1 to 40/],
  ])('refuses %j with a message that names the fix and no secret', (options, env, message) => {
    let error: unknown;
    try {
      resolveSlackOptions(options, env);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(Error);
    const text = (error as Error).message;
    expect(text).toMatch(/^\[@mcp-o11y\/notify-slack\] /);
    expect(text).toMatch(message);
    expect(text).not.toMatch(/superSecretHookToken|secretTok/);
  });
});

describe('adapter', () => {
  it('parses the config-file form strictly and throws the zod error', () => {
    expect(adapter.parseOptions?.({ webhookUrl: url, maxAlerts: 10 })).toEqual({
      webhookUrl: url,
      maxAlerts: 10,
    });
    expect(() => adapter.parseOptions?.({ webhookURL: url })).toThrow(ZodError);
    try {
      adapter.parseOptions?.({ maxAlerts: 'many' });
    } catch (error) {
      expect((error as ZodError).issues[0]?.path).toEqual(['maxAlerts']);
    }
  });

  it('creates one notifier from context.env', async () => {
    const instance = await adapter.create({}, createAdapterContext({ env: { SLACK_WEBHOOK_URL: url } }));
    expect(instance.id).toBe('notify-slack');
    expect(instance.notifiers?.map((notifier) => notifier.id)).toEqual(['slack']);
    await instance.shutdown?.();
  });
});
