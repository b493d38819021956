import type { NotificationV1 } from '@mcp-o11y/core';
import { canonicalNotifications } from '@mcp-o11y/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { createSlackNotifier, type SlackNotifierOptions } from '../src/index.js';
import { type FakeSlack, type FakeSlackScript, fakeBotToken, startFakeSlack } from './fake-slack.js';

let slack: FakeSlack | undefined;
afterEach(async () => {
  await slack?.close();
  slack = undefined;
});

async function setup(options: Partial<SlackNotifierOptions> = {}, script?: FakeSlackScript) {
  slack = await startFakeSlack('bot', script);
  const notifier = createSlackNotifier(
    { token: fakeBotToken, channel: '#alerts', apiUrl: slack.url, ...options },
    { env: {} },
  );
  const send = (notification: NotificationV1) =>
    notifier.send(notification, { signal: new AbortController().signal });
  const bodies = () => slack!.receiver.requests.map((request) => request.json<Record<string, unknown>>());
  return { slack, notifier, send, bodies };
}

const firing = canonicalNotifications.criticalFiring;
const resolved = canonicalNotifications.criticalResolved;
const withGroup = (notification: NotificationV1, groupKey: string): NotificationV1 => ({
  ...notification,
  groupKey,
});

describe('slack bot token mode (chat.postMessage) against a local Slack', () => {
  it('posts the firing message to the channel and the resolve in its thread', async () => {
    const { send, bodies, slack } = await setup();
    const first = await send(firing);
    expect(first).toEqual({ status: 'delivered', id: '1768469401.000100' });
    expect(await send(resolved)).toMatchObject({ status: 'delivered' });
    expect(slack.rejections).toEqual([]);
    const [post, reply] = bodies();
    expect(post).toMatchObject({ channel: '#alerts' });
    expect(post).not.toHaveProperty('thread_ts');
    // The reply goes to the channel id Slack answered with, in the firing message's thread.
    expect(reply).toMatchObject({ channel: 'C0ALERTS01', thread_ts: '1768469401.000100' });
    expect(reply).not.toHaveProperty('reply_broadcast');
    expect(slack.receiver.requests[0]!.headers.authorization).toBe(`Bearer ${fakeBotToken}`);
    expect(slack.receiver.requests[0]!.text).not.toContain(fakeBotToken);
  });

  it('broadcasts the threaded resolve when replyBroadcast is set', async () => {
    const { send, bodies } = await setup({ replyBroadcast: true });
    await send(firing);
    await send(resolved);
    expect(bodies()[1]).toMatchObject({ thread_ts: '1768469401.000100', reply_broadcast: true });
  });

  it('threads each group separately, and forgets a group once its resolve was delivered', async () => {
    const { send, bodies } = await setup();
    await send(withGroup(firing, 'a'));
    await send(withGroup(firing, 'b'));
    await send(withGroup(resolved, 'b'));
    await send(withGroup(resolved, 'a'));
    await send(withGroup(resolved, 'a'));
    const threads = bodies().map((body) => body.thread_ts);
    expect(threads).toEqual([undefined, undefined, '1768469402.000100', '1768469401.000100', undefined]);
  });

  it('threads the resolve under the latest firing message of the group', async () => {
    const { send, bodies } = await setup();
    await send(firing);
    await send(firing);
    await send(resolved);
    expect(bodies()[2]).toMatchObject({ thread_ts: '1768469402.000100' });
  });

  it('keeps the thread map bounded: the oldest group falls back to a channel post', async () => {
    const { send, bodies } = await setup({ threadCapacity: 2 });
    for (const key of ['a', 'b', 'c']) await send(withGroup(firing, key));
    await send(withGroup(resolved, 'a'));
    await send(withGroup(resolved, 'c'));
    expect(bodies()[3]).not.toHaveProperty('thread_ts');
    expect(bodies()[4]).toMatchObject({ thread_ts: '1768469403.000100' });
  });

  it('does not remember a firing message that Slack refused', async () => {
    const { send, bodies } = await setup({}, (_, index) =>
      index === 0 ? { status: 200, body: { ok: false, error: 'not_in_channel' } } : undefined,
    );
    expect(await send(firing)).toMatchObject({
      status: 'failed',
      reason: expect.stringContaining('not_in_channel'),
    });
    await send(resolved);
    expect(bodies()[1]).not.toHaveProperty('thread_ts');
  });

  it.each([
    ['channel_not_found', 'failed'],
    ['invalid_auth', 'failed'],
    ['msg_too_long', 'failed'],
    ['internal_error', 'retryable'],
    ['fatal_error', 'retryable'],
  ])('maps 200 {ok:false, error:%s} to %s, naming the code', async (error, status) => {
    const { send } = await setup({}, () => ({ status: 200, body: { ok: false, error } }));
    const result = await send(firing);
    expect(result.status).toBe(status);
    expect(result.status !== 'delivered' && result.reason).toContain(error);
  });

  it('maps a Web API 429 with Retry-After to retryable with that wait', async () => {
    const { send } = await setup({}, () => ({
      status: 429,
      headers: { 'retry-after': '30' },
      body: { ok: false, error: 'ratelimited' },
    }));
    expect(await send(firing)).toMatchObject({ status: 'retryable', retryAfterMs: 30_000 });
  });

  it('is refused by the fake Slack with a wrong token (the receiver checks auth)', async () => {
    const { send } = await setup({ token: 'xoxb-wrong' });
    expect(await send(firing)).toMatchObject({
      status: 'failed',
      reason: expect.stringContaining('invalid_auth'),
    });
  });
});
