import type { NotificationV1 } from '@mcp-o11y/core';
import { canonicalNotifications, createRecordingLogger } from '@mcp-o11y/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { createSlackNotifier } from '../src/index.js';
import { type FakeSlack, type FakeSlackScript, fakeWebhookPath, startFakeSlack } from './fake-slack.js';

let slack: FakeSlack | undefined;
afterEach(async () => {
  await slack?.close();
  slack = undefined;
});

async function setup(script?: FakeSlackScript, timeoutMs = 5_000) {
  slack = await startFakeSlack('webhook', script);
  const logger = createRecordingLogger();
  const notifier = createSlackNotifier({ webhookUrl: slack.url, timeoutMs }, { env: {}, logger });
  return { slack, notifier, logger };
}

const send = (
  notifier: ReturnType<typeof createSlackNotifier>,
  notification: NotificationV1 = canonicalNotifications.criticalFiring,
  signal = new AbortController().signal,
) => notifier.send(notification, { signal });

describe('slack incoming webhook against a local Slack that validates Block Kit', () => {
  it.each(Object.entries(canonicalNotifications))(
    'delivers %s as valid Block Kit',
    async (_, notification) => {
      const { slack, notifier } = await setup();
      const result = await send(notifier, notification);
      expect(slack.rejections).toEqual([]);
      expect(result).toEqual({ status: 'delivered' });
      const [request] = slack.receiver.requests;
      expect(request?.path).toBe(fakeWebhookPath);
      expect(request?.headers['content-type']).toBe('application/json; charset=utf-8');
    },
  );

  it('delivers a hostile label without letting it mention anyone', async () => {
    const { slack, notifier } = await setup();
    const alert = canonicalNotifications.mediumFiring.alerts[0]!;
    const hostile: NotificationV1 = {
      ...canonicalNotifications.mediumFiring,
      title: 'Pwned <!channel>',
      alerts: [
        { ...alert, labels: { ...alert.labels, owner: '<!channel> <@U123> <http://evil.example|login>' } },
      ],
    };
    expect(await send(notifier, hostile)).toEqual({ status: 'delivered' });
    const body = slack.receiver.requests[0]!.text;
    expect(body).toContain('&lt;!channel&gt; &lt;@U123&gt; &lt;http://evil.example|login&gt;');
    expect(JSON.stringify(JSON.parse(body).attachments)).not.toMatch(/<!channel>|<@U123>|<http:\/\/evil/);
  });

  it('is refused by the fake Slack when a payload breaks a limit (the receiver can fail)', async () => {
    const { slack } = await setup();
    const response = await fetch(slack.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        text: 'x',
        blocks: [{ type: 'header', text: { type: 'plain_text', text: 'h'.repeat(151) } }],
      }),
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toBe('invalid_blocks');
  });

  it('maps 429 with Retry-After to retryable after that wait', async () => {
    const { notifier } = await setup(() => ({
      status: 429,
      headers: { 'retry-after': '7', 'content-type': 'text/plain' },
      body: 'rate_limited',
    }));
    expect(await send(notifier)).toMatchObject({ status: 'retryable', retryAfterMs: 7_000 });
  });

  it('reads retry_after from a JSON 429 without the header (alertmanager#2111)', async () => {
    const { notifier } = await setup(() => ({
      status: 429,
      body: { ok: false, error: 'rate_limited', retry_after: 4 },
    }));
    const result = await send(notifier);
    expect(result).toMatchObject({ status: 'retryable', retryAfterMs: 4_000 });
    expect(result.status !== 'delivered' && result.reason).toContain('rate_limited');
  });

  it.each([
    [400, 'invalid_payload'],
    [400, 'no_text'],
    [400, 'too_many_attachments'],
    [403, 'action_prohibited'],
    [403, 'posting_to_general_channel_denied'],
    [403, 'invalid_token'],
    [403, 'team_disabled'],
    [404, 'channel_not_found'],
    [404, 'no_service'],
    [404, 'no_active_hooks'],
    [410, 'channel_is_archived'],
  ])('maps %i %s to failed, naming the code', async (status, code) => {
    const { notifier } = await setup(() => ({
      status,
      headers: { 'content-type': 'text/plain' },
      body: code,
    }));
    const result = await send(notifier);
    expect(result.status).toBe('failed');
    expect(result.status === 'failed' && result.reason).toContain(code);
  });

  it.each([
    [500, 'rollup_error'],
    [502, 'bad gateway'],
    [503, ''],
  ])('maps %i %s to retryable', async (status, body) => {
    const { notifier } = await setup(() => ({ status, headers: { 'content-type': 'text/plain' }, body }));
    expect((await send(notifier)).status).toBe('retryable');
  });

  it('gives up on a hung Slack after timeoutMs, as retryable', async () => {
    const { notifier, slack } = await setup(() => new Promise(() => undefined), 300);
    const started = performance.now();
    const result = await send(notifier);
    expect(result).toMatchObject({ status: 'retryable', reason: expect.stringContaining('300 ms') });
    expect(performance.now() - started).toBeLessThan(3_000);
    expect(slack.receiver.requests).toHaveLength(1);
  });

  it('stops a hung request when the caller aborts', async () => {
    const { notifier, slack } = await setup(() => new Promise(() => undefined));
    const controller = new AbortController();
    const sending = send(notifier, canonicalNotifications.lowFiring, controller.signal);
    await slack.receiver.waitForRequests(1);
    controller.abort();
    expect(await sending).toMatchObject({ status: 'retryable', reason: expect.stringContaining('aborted') });
  });

  it('keeps the webhook URL out of reasons and logs, even when Slack echoes it', async () => {
    const { notifier, logger } = await setup((request) => ({
      status: 400,
      headers: { 'content-type': 'text/plain' },
      body: `bad request to ${request.path}`,
    }));
    const result = await send(notifier);
    expect(result.status).toBe('failed');
    const everything = JSON.stringify([result, logger.records]);
    expect(everything).not.toContain('XXXXsecretXXXXtoken');
    expect(logger.records.length).toBeGreaterThan(0);
  });
});
