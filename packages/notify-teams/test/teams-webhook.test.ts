import { canonicalNotifications } from '@mcp-o11y/testkit';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { inertLinks } from '../src/format-text.js';
import { createTeamsNotifier } from '../src/index.js';
import { type FakeWorkflowsWebhook, startFakeWorkflowsWebhook } from './fake-workflows-webhook.js';

let webhook: FakeWorkflowsWebhook;
const send = (
  notifier = createTeamsNotifier({ webhookUrl: webhook.url }),
  notification = canonicalNotifications.criticalFiring,
  signal = new AbortController().signal,
) => notifier.send(notification, { signal });

function expectNoSecret(result: unknown): void {
  const text = JSON.stringify(result);
  expect(text).not.toContain(webhook.signature);
  expect(text).not.toContain('0f1e2d3c4b5a69788796a5b4c3d2e1f0');
}

beforeAll(async () => {
  webhook = await startFakeWorkflowsWebhook();
});
afterAll(() => webhook.close());
beforeEach(() => {
  webhook.receiver.reset();
  webhook.verdicts.length = 0;
  webhook.successStatus = 202;
});

describe('teams notifier against a local Workflows webhook (strict Adaptive Card 1.4 check)', () => {
  it.each(Object.keys(canonicalNotifications) as (keyof typeof canonicalNotifications)[])(
    'delivers %s as a card the receiver accepts',
    async (name) => {
      const result = await send(undefined, canonicalNotifications[name]);
      expect(webhook.verdicts).toEqual([[]]);
      expect(result).toEqual({ status: 'delivered' });
      const [request] = webhook.receiver.requests;
      expect(request!.headers['content-type']).toBe('application/json; charset=utf-8');
      const card = request!.json<{ attachments: { content: { body: { text?: string }[] } }[] }>()
        .attachments[0]!.content;
      // Links in alert text are made inert (a zero-width space after `]`); everything else arrives as is.
      expect(card.body[0]!.text).toContain(inertLinks(canonicalNotifications[name].title));
    },
  );

  it('treats 200 (some flows) like 202: any 2xx is delivered, no body "1" required', async () => {
    webhook.successStatus = 200;
    expect(await send()).toEqual({ status: 'delivered' });
  });

  it('sends a 30-alert non-Latin group that would exceed 28 KB as a trimmed card the receiver accepts', async () => {
    const base = canonicalNotifications.nonLatin;
    const alerts = Array.from({ length: 60 }, (_, index) => ({
      ...base.alerts[0]!,
      fingerprint: `f${index}`,
      labels: { tool: `поиск_${index}` },
    }));
    const result = await send(undefined, { ...base, alerts });
    expect(webhook.verdicts).toEqual([[]]);
    expect(result.status).toBe('delivered');
    const request = webhook.receiver.requests[0]!;
    expect(request.body.byteLength).toBeLessThanOrEqual(28_000);
    expect(request.text).toMatch(/…and \d+ more alerts \(\d+ firing\) not shown/);
  });

  it('the receiver refuses a body over 28 000 bytes with 413, and the notifier reports it failed', async () => {
    const notifier = createTeamsNotifier({ webhookUrl: webhook.url, maxPayloadBytes: 40_000 });
    const base = canonicalNotifications.groupOfThirty;
    const result = await send(notifier, { ...base, alerts: [...base.alerts, ...base.alerts] });
    expect(webhook.verdicts[0]?.[0]).toMatch(/over the 28000-byte Teams limit/);
    expect(result).toMatchObject({ status: 'failed', reason: expect.stringContaining('too large (413)') });
  });

  it('the retired MessageCard format is refused by a Workflows receiver (the real one says 202 and shows nothing)', async () => {
    const result = await send(createTeamsNotifier({ webhookUrl: webhook.url, format: 'messagecard' }));
    expect(webhook.verdicts[0]?.[0]).toMatch(/body.type must be "message"/);
    expect(result.status).toBe('failed');
  });

  it('429 with Retry-After is retryable after that delay', async () => {
    webhook.script({ status: 429, retryAfter: '7', body: '{"error":{"code":"WorkflowTriggerIsThrottled"}}' });
    expect(await send()).toEqual({
      status: 'retryable',
      retryAfterMs: 7_000,
      reason: expect.stringMatching(
        /^\[@mcp-o11y\/notify-teams\] the Teams webhook throttled the request \(429\): .*WorkflowTriggerIsThrottled/,
      ),
    });
  });

  it.each([500, 502, 503, 504])('%i is retryable', async (status) => {
    webhook.script({ status, body: 'gateway trouble' });
    expect(await send()).toMatchObject({ status: 'retryable' });
  });

  it.each([400, 401, 403, 404])('%i is failed (permanent)', async (status) => {
    webhook.script({ status, body: `{"error":{"message":"rejected ${webhook.url}"}}` });
    const result = await send();
    expect(result).toMatchObject({ status: 'failed' });
    expectNoSecret(result);
  });

  it('a wrong signature gets 401 from the receiver; the reason says what to do and leaks nothing', async () => {
    const wrong = webhook.url.replace(webhook.signature, 'd3Jvbmctc2lnbmF0dXJlLXZhbHVl');
    const result = await send(createTeamsNotifier({ webhookUrl: wrong }));
    expect(result).toMatchObject({
      status: 'failed',
      reason: expect.stringContaining('copy the URL again from Workflows'),
    });
    expect(JSON.stringify(result)).not.toContain('d3Jvbmctc2lnbmF0dXJlLXZhbHVl');
  });

  it('a hung webhook is abandoned after timeoutMs as retryable', async () => {
    webhook.script({ hang: true });
    const started = Date.now();
    const result = await send(createTeamsNotifier({ webhookUrl: webhook.url, timeoutMs: 200 }));
    expect(result).toEqual({
      status: 'retryable',
      reason: '[@mcp-o11y/notify-teams] no answer from the Teams webhook within 200 ms',
    });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('a hung webhook is abandoned when the caller aborts', async () => {
    webhook.script({ hang: true });
    const controller = new AbortController();
    const sending = send(undefined, undefined, controller.signal);
    await webhook.receiver.waitForRequests(1);
    controller.abort();
    expect(await sending).toEqual({
      status: 'retryable',
      reason: '[@mcp-o11y/notify-teams] aborted while sending',
    });
  });

  it('a closed port is retryable, without the URL in the reason', async () => {
    const closed = await startFakeWorkflowsWebhook();
    await closed.close();
    const result = await send(createTeamsNotifier({ webhookUrl: closed.url }));
    expect(result).toMatchObject({ status: 'retryable', reason: expect.stringContaining('ECONNREFUSED') });
    expect(JSON.stringify(result)).not.toContain(closed.signature);
  });
});
