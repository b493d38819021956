import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DeliveryResultV1, NotificationV1, NotifierV1 } from '@mcp-o11y/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createAlertmanagerWebhook } from '../../src/generate/alertmanager-webhook.js';
import {
  alertmanagerPayloadSchema,
  alertmanagerPayloadToNotification,
} from '../../src/generate/convert-alertmanager-payload.js';

/** A version 4 payload as Alertmanager 0.25 sends it (one firing, one resolved alert). */
export const PAYLOAD = {
  receiver: 'slack',
  status: 'firing',
  alerts: [
    {
      status: 'resolved',
      labels: { alertname: 'HighErrorRate', severity: 'medium', job: 'mcp', gen_ai_tool_name: 'a' },
      annotations: { summary: 'old' },
      startsAt: '2026-01-01T10:00:00Z',
      endsAt: '2026-01-01T10:05:00Z',
      generatorURL: 'http://prometheus:9090/graph?g0.expr=x',
      fingerprint: '0123456789abcdef',
    },
    {
      status: 'firing',
      labels: { alertname: 'HighErrorRate', severity: 'critical', job: 'mcp', gen_ai_tool_name: 'b' },
      annotations: {
        summary: 'Error rate of tools/call b is 50%',
        runbook_url: 'https://runbooks.example/high_error_rate',
      },
      startsAt: '2026-01-01T10:01:00Z',
      endsAt: '0001-01-01T00:00:00Z',
      generatorURL: 'http://prometheus:9090/graph?g0.expr=y',
      fingerprint: 'fedcba9876543210',
    },
  ],
  groupLabels: { alertname: 'HighErrorRate' },
  commonLabels: { alertname: 'HighErrorRate', job: 'mcp' },
  commonAnnotations: {},
  externalURL: 'http://alertmanager:9093',
  version: '4',
  groupKey: '{}:{alertname="HighErrorRate"}',
  truncatedAlerts: 0,
};

function recordingNotifier(
  id: string,
  results: DeliveryResultV1[] = [],
): NotifierV1 & { sent: NotificationV1[] } {
  const sent: NotificationV1[] = [];
  return {
    specificationVersion: 'v1',
    id,
    sent,
    send: async (notification) => {
      sent.push(notification);
      return results.shift() ?? { status: 'delivered' };
    },
  };
}

let server: Server | undefined;
afterEach(async () => {
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  server = undefined;
});

async function listen(handler: Parameters<typeof createServer>[1]): Promise<string> {
  server = createServer(handler);
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('alertmanagerPayloadToNotification', () => {
  it('maps a version 4 payload to a core notification, firing first', () => {
    const notification = alertmanagerPayloadToNotification(alertmanagerPayloadSchema.parse(PAYLOAD));
    expect(notification).toMatchObject({
      groupKey: '{}:{alertname="HighErrorRate"}',
      status: 'firing',
      severity: 'critical',
      title: '[FIRING:1] HighErrorRate',
      service: 'mcp',
      commonLabels: { alertname: 'HighErrorRate', job: 'mcp' },
    });
    expect(notification.alerts.map((alert) => [alert.status, alert.fingerprint])).toEqual([
      ['firing', 'fedcba9876543210'],
      ['resolved', '0123456789abcdef'],
    ]);
    const [firing, resolved] = notification.alerts;
    expect(firing).toMatchObject({
      name: 'HighErrorRate',
      runbookUrl: 'https://runbooks.example/high_error_rate',
      dashboardUrl: 'http://prometheus:9090/graph?g0.expr=y',
      annotations: { summary: 'Error rate of tools/call b is 50%' },
      startsAt: Date.parse('2026-01-01T10:01:00Z'),
    });
    expect(firing?.endsAt).toBeUndefined();
    expect(resolved?.endsAt).toBe(Date.parse('2026-01-01T10:05:00Z'));
  });
});

describe('createAlertmanagerWebhook', () => {
  it('queues the notification for the notifiers the URL names and answers 202', async () => {
    const slack = recordingNotifier('slack');
    const email = recordingNotifier('email');
    const webhook = createAlertmanagerWebhook({ notifiers: [slack, email] });
    const url = await listen(webhook.handler);
    const response = await fetch(`${url}/alertmanager?notifier=slack`, {
      method: 'POST',
      body: JSON.stringify(PAYLOAD),
    });
    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({ queued: ['slack'] });
    await webhook.close();
    expect(slack.sent).toHaveLength(1);
    expect(email.sent).toHaveLength(0);
  });

  it('retries through core pipeline, waiting at least Retry-After', async () => {
    const slack = recordingNotifier('slack', [
      { status: 'retryable', reason: 'HTTP 429', retryAfterMs: 300 },
    ]);
    const webhook = createAlertmanagerWebhook({
      notifiers: [slack],
      awaitDelivery: true,
      delivery: { defaults: { backoff: { initialMs: 10 } } },
    });
    const started = Date.now();
    const response = await webhook.fetch(
      new Request('http://x/alertmanager', { method: 'POST', body: JSON.stringify(PAYLOAD) }),
    );
    expect(response.status).toBe(200);
    expect(slack.sent).toHaveLength(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    await webhook.close();
  });

  it('answers 502 with awaitDelivery when a notifier fails permanently', async () => {
    const webhook = createAlertmanagerWebhook({
      notifiers: [recordingNotifier('slack', [{ status: 'failed', reason: 'HTTP 400 invalid_payload' }])],
      awaitDelivery: true,
    });
    const response = await webhook.fetch(
      new Request('http://x/', { method: 'POST', body: JSON.stringify(PAYLOAD) }),
    );
    expect(response.status).toBe(502);
    expect(await response.json()).toMatchObject({ failed: ['slack: HTTP 400 invalid_payload'] });
    await webhook.close();
  });

  it.each([
    ['GET', {}, JSON.stringify(PAYLOAD), '', 405],
    ['POST', {}, '{not json', '', 400],
    ['POST', {}, JSON.stringify({ ...PAYLOAD, version: '3' }), '', 400],
    ['POST', {}, JSON.stringify({ ...PAYLOAD, alerts: [] }), '', 400],
    ['POST', {}, JSON.stringify(PAYLOAD), '?notifier=pager', 404],
    ['POST', { authorization: 'Bearer wrong-token' }, JSON.stringify(PAYLOAD), '', 401],
    ['POST', { authorization: 'Bearer s3cret-token' }, 'x'.repeat(2048), '', 413],
    ['POST', { authorization: 'Bearer s3cret-token' }, JSON.stringify(PAYLOAD), '', 202],
  ])('%s %j %s → %i', async (method, headers, body, query, status) => {
    const webhook = createAlertmanagerWebhook({
      notifiers: [recordingNotifier('slack')],
      bearerToken: 's3cret-token',
      maxBodyBytes: 1024,
    });
    const url = await listen(webhook.handler);
    const auth = 'authorization' in headers ? headers : { authorization: 'Bearer s3cret-token', ...headers };
    const response = await fetch(`${url}/${query}`, {
      method,
      headers: auth,
      ...(method === 'GET' ? {} : { body }),
    });
    expect(response.status).toBe(status);
    expect(await response.text()).not.toContain('s3cret');
    await webhook.close();
  });

  it('answers 503 so Alertmanager retries when the queue is full', async () => {
    const hanging: NotifierV1 = {
      specificationVersion: 'v1',
      id: 'slack',
      send: () => new Promise(() => undefined),
    };
    const webhook = createAlertmanagerWebhook({
      notifiers: [hanging],
      delivery: { defaults: { queueSize: 1, attemptTimeoutMs: 50, deadlineMs: 100 } },
    });
    const post = () =>
      webhook.fetch(new Request('http://x/', { method: 'POST', body: JSON.stringify(PAYLOAD) }));
    expect((await post()).status).toBe(202);
    const refused = await post();
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('10');
    await webhook.close(100);
  });

  it('listens on 127.0.0.1 by default; with basic auth, wrong or missing credentials get 401', async () => {
    const notifier = recordingNotifier('slack');
    const webhook = createAlertmanagerWebhook({
      notifiers: [notifier],
      auth: { basic: { username: 'alertmanager', password: 'w3bh00k-pass' } },
    });
    const running = await webhook.listen({ port: 0 });
    try {
      expect(running.host).toBe('127.0.0.1');
      expect(running.url).toBe(`http://127.0.0.1:${running.port}/alertmanager`);
      const post = (authorization?: string) =>
        fetch(running.url, {
          method: 'POST',
          headers: authorization === undefined ? {} : { authorization },
          body: JSON.stringify(PAYLOAD),
        });
      const basic = (user: string, password: string) =>
        `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
      for (const authorization of [undefined, basic('alertmanager', 'wrong'), 'Bearer w3bh00k-pass']) {
        const refused = await post(authorization);
        expect(refused.status, String(authorization)).toBe(401);
        expect(refused.headers.get('www-authenticate')).toBe('Basic realm="alertmanager webhook"');
      }
      expect(notifier.sent).toHaveLength(0);
      expect((await post(basic('alertmanager', 'w3bh00k-pass'))).status).toBe(202);
    } finally {
      await running.close();
      await webhook.close();
    }
  });

  it('refuses bearerToken and auth together', () => {
    expect(() =>
      createAlertmanagerWebhook({ notifiers: [], bearerToken: 'a', auth: { bearer: 'b' } }),
    ).toThrow('either bearerToken or auth');
  });

  it('answers 413 to a streamed body over the limit in the fetch handler, without reading it whole', async () => {
    const webhook = createAlertmanagerWebhook({
      notifiers: [recordingNotifier('slack')],
      maxBodyBytes: 1024,
    });
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1;
        if (pulled > 1000) controller.close();
        else controller.enqueue(new Uint8Array(512));
      },
    });
    const response = await webhook.fetch(
      new Request('http://x/', { method: 'POST', body, duplex: 'half' } as RequestInit),
    );
    expect(response.status).toBe(413);
    expect(pulled).toBeLessThan(10);
    await webhook.close();
  });
});
