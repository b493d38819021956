import { createHmac, timingSafeEqual } from 'node:crypto';
import type { NotificationV1 } from '@mcp-o11y/core';
import {
  canonicalNotifications,
  createRecordingLogger,
  type HttpReceiver,
  type ReceivedRequest,
  type ReceiverResponse,
  startHttpReceiver,
} from '@mcp-o11y/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { createWebhookNotifier, type WebhookNotifierOptions } from '../src/index.js';
import { validateAlertmanagerPayload } from './alertmanager-v4-validator.js';

const secret = 'test-signing-secret-0123456789abcdef';

/**
 * A consumer written from the README's verification steps only (not with our helper): recent timestamp,
 * HMAC-SHA256 of `<timestamp>.<raw body>`, constant-time comparison.
 */
function consumerAccepts(request: ReceivedRequest, now = Date.now()): boolean {
  const timestamp = request.headers['x-mcp-o11y-timestamp'] ?? '';
  const signature = request.headers['x-mcp-o11y-signature'] ?? '';
  if (!/^\d+$/.test(timestamp) || Math.abs(now / 1000 - Number(timestamp)) > 300) return false;
  const expected = `sha256=${createHmac('sha256', secret).update(`${timestamp}.`).update(request.body).digest('hex')}`;
  return (
    signature.length === expected.length && timingSafeEqual(Buffer.from(signature), Buffer.from(expected))
  );
}

let receiver: HttpReceiver | undefined;
afterEach(async () => {
  await receiver?.close();
  receiver = undefined;
});

/** A strict Alertmanager-webhook consumer: 400 for a payload that is not v4, 401 for a bad signature. */
async function setup(
  options: Partial<WebhookNotifierOptions> = {},
  script?: (request: ReceivedRequest) => ReceiverResponse | Promise<ReceiverResponse> | undefined,
) {
  const rejected: string[][] = [];
  receiver = await startHttpReceiver({
    handler: async (request) => {
      const scripted = await script?.(request);
      if (scripted) return scripted;
      if (options.signingSecret && !consumerAccepts(request))
        return { status: 401, body: { error: 'bad signature' } };
      const problems = validateAlertmanagerPayload(JSON.parse(request.text));
      if (problems.length > 0) {
        rejected.push(problems);
        return { status: 400, body: { error: 'not an Alertmanager v4 payload' } };
      }
      return { status: 200, body: '' };
    },
  });
  const logger = createRecordingLogger();
  const notifier = createWebhookNotifier(
    { url: `${receiver.url}/alertmanager?token=url-token-123456`, ...options },
    { env: {}, logger },
  );
  const send = (
    notification: NotificationV1 = canonicalNotifications.criticalFiring,
    signal = new AbortController().signal,
  ) => notifier.send(notification, { signal });
  return { receiver, send, rejected, logger };
}

describe('webhook notifier against a local Alertmanager-webhook consumer', () => {
  it.each(Object.entries(canonicalNotifications))(
    'delivers %s as a valid, signed v4 payload',
    async (_, notification) => {
      const { send, receiver, rejected } = await setup({ signingSecret: secret });
      expect(await send(notification)).toEqual({ status: 'delivered' });
      expect(rejected).toEqual([]);
      const [request] = receiver.requests;
      expect(request?.method).toBe('POST');
      expect(request?.headers['content-type']).toBe('application/json');
      expect(consumerAccepts(request!)).toBe(true);
    },
  );

  it('sends the fields in Alertmanager order, firing endsAt as Go zero time', async () => {
    const { send, receiver } = await setup();
    await send(canonicalNotifications.highFiring);
    const body = JSON.parse(receiver.requests[0]!.text);
    expect(Object.keys(body)).toEqual([
      'version',
      'groupKey',
      'truncatedAlerts',
      'status',
      'receiver',
      'groupLabels',
      'commonLabels',
      'commonAnnotations',
      'externalURL',
      'alerts',
    ]);
    expect(Object.keys(body.alerts[0])).toEqual([
      'status',
      'labels',
      'annotations',
      'startsAt',
      'endsAt',
      'generatorURL',
      'fingerprint',
    ]);
    expect(body.alerts[0]).toMatchObject({
      startsAt: '2026-01-15T09:30:00Z',
      endsAt: '0001-01-01T00:00:00Z',
    });
  });

  it('truncates to maxAlerts and says how many were left out', async () => {
    const { send, receiver } = await setup({ maxAlerts: 5, receiver: 'ops' });
    expect(await send(canonicalNotifications.groupOfThirty)).toEqual({ status: 'delivered' });
    const body = receiver.requests[0]!.json<{
      alerts: unknown[];
      truncatedAlerts: number;
      receiver: string;
    }>();
    expect(body.alerts).toHaveLength(5);
    expect(body).toMatchObject({ truncatedAlerts: 25, receiver: 'ops' });
  });

  it('rejects a tampered body, a stale timestamp and a wrong secret on the consumer side', async () => {
    const { send, receiver } = await setup({ signingSecret: secret });
    await send();
    const request = receiver.requests[0]!;
    expect(consumerAccepts(request)).toBe(true);
    const tampered = { ...request, body: Buffer.from(request.text.replace('"critical"', '"low"')) };
    expect(consumerAccepts(tampered)).toBe(false);
    expect(consumerAccepts(request, Date.now() + 10 * 60_000)).toBe(false);
    const other = createWebhookNotifier(
      { url: receiver.url, signingSecret: 'another-secret-0123456789' },
      { env: {} },
    );
    receiver.reset();
    expect(
      await other.send(canonicalNotifications.lowFiring, { signal: new AbortController().signal }),
    ).toMatchObject({
      status: 'failed',
      reason: expect.stringContaining('HTTP 401: bad signature'),
    });
  });

  it('is refused by the consumer when the payload is not v4 (the receiver can fail)', async () => {
    const { receiver } = await setup();
    const response = await fetch(receiver.url, {
      method: 'POST',
      body: JSON.stringify({ version: 4, alerts: [] }),
    });
    expect(response.status).toBe(400);
  });

  it('sends basic auth from URL credentials, bearer tokens and custom headers', async () => {
    const { send, receiver } = await setup({
      bearerToken: 'bearer-abc-123',
      headers: { 'X-Tenant': 'team-a' },
    });
    await send();
    expect(receiver.requests[0]!.headers).toMatchObject({
      authorization: 'Bearer bearer-abc-123',
      'x-tenant': 'team-a',
    });
    const basic = createWebhookNotifier(
      { url: receiver.url.replace('http://', 'http://ops:s3cret%21@') },
      { env: {} },
    );
    await basic.send(canonicalNotifications.lowFiring, { signal: new AbortController().signal });
    expect(receiver.requests[1]!.headers.authorization).toBe(
      `Basic ${Buffer.from('ops:s3cret!').toString('base64')}`,
    );
  });

  it.each([
    [{ status: 429, headers: { 'retry-after': '12' } }, 'retryable', 12_000],
    [{ status: 503, headers: { 'retry-after': '2' } }, 'retryable', 2_000],
    [{ status: 408 }, 'retryable', undefined],
    [{ status: 425 }, 'retryable', undefined],
    [{ status: 500 }, 'retryable', undefined],
    [{ status: 502 }, 'retryable', undefined],
    [{ status: 400, body: { error: 'bad payload' } }, 'failed', undefined],
    [{ status: 404 }, 'failed', undefined],
    [{ status: 410 }, 'failed', undefined],
    [{ status: 302, headers: { location: 'https://elsewhere.example' } }, 'failed', undefined],
  ] as const)('maps %j to %s', async (response, status, retryAfterMs) => {
    const { send } = await setup({}, () => response);
    const result = await send();
    expect(result.status).toBe(status);
    if (retryAfterMs !== undefined) expect(result).toMatchObject({ retryAfterMs });
  });

  it('gives up on a hung receiver after timeoutMs, and stops when the caller aborts', async () => {
    const { send, receiver } = await setup({ timeoutMs: 300 }, () => new Promise(() => undefined));
    expect(await send()).toMatchObject({ status: 'retryable', reason: expect.stringContaining('300 ms') });
    const controller = new AbortController();
    const sending = send(canonicalNotifications.lowFiring, controller.signal);
    await receiver.waitForRequests(2);
    controller.abort();
    expect(await sending).toMatchObject({ status: 'retryable', reason: expect.stringContaining('aborted') });
  });

  it('keeps URL tokens, auth and header values out of reasons and logs, even when echoed', async () => {
    const { send, logger } = await setup(
      { bearerToken: 'bearer-abc-123', headers: { 'X-Api-Key': 'api-key-987654' }, signingSecret: secret },
      (request) => ({
        status: 400,
        body: `echo ${request.path} ${JSON.stringify(request.headers)} ${secret}`,
      }),
    );
    const result = await send();
    expect(result.status).toBe('failed');
    const text = JSON.stringify([result, logger.records]);
    for (const value of ['url-token-123456', 'bearer-abc-123', 'api-key-987654', secret])
      expect(text).not.toContain(value);
  });
});
