import { describe, expect, it } from 'vitest';
import { createCaptureFetch } from '../../../../testkit/src/capture-fetch.js';
import type { NotifierV1 } from '../../spec/notifier/v1/notifier-v1.js';
import { DeliveryPipeline } from './delivery-pipeline.js';
import { notification, testMeter, webhookNotifier } from './delivery-test-fixtures.test-helper.js';
import { FakeClock, settle } from './fake-clock.test-helper.js';

const unlimited = { ratePerMinute: Number.POSITIVE_INFINITY };

describe('DeliveryPipeline: queue and rate limit', () => {
  it('bounds each queue: when full, the newest fails at once with "queue full", dead-lettered and counted', async () => {
    const clock = new FakeClock();
    const hung = webhookNotifier(
      'teams',
      createCaptureFetch(() => ({ hang: true })),
      clock,
    );
    const slack = webhookNotifier(
      'slack',
      createCaptureFetch(() => ({ status: 200 })),
      clock,
    );
    const metrics = testMeter();
    const delivery = new DeliveryPipeline({
      notifiers: [hung.notifier, slack.notifier],
      clock,
      meter: metrics.meter,
      defaults: { ...unlimited, queueSize: 2 },
    });
    void delivery.deliver('teams', notification('A'));
    void delivery.deliver('teams', notification('B'));
    expect(await delivery.deliver('teams', notification('C'))).toEqual({
      status: 'failed',
      attempts: 0,
      reason: 'queue full',
      deadLettered: true,
    });
    // The other notifier's queue is its own.
    expect(await clock.run(delivery.deliver('slack', notification('C')), 0)).toMatchObject({
      status: 'delivered',
    });
    expect(await metrics.points('mcp_o11y.notifications.sent')).toEqual({
      'notifier.id=teams,outcome=dropped': 1,
      'notifier.id=slack,outcome=delivered': 1,
    });
    expect(await metrics.points('mcp_o11y.notifications.queue.size')).toEqual({
      'notifier.id=teams': 2,
      'notifier.id=slack': 0,
    });
    expect(delivery.deadLetters()).toMatchObject([
      { notifierId: 'teams', outcome: 'dropped', reason: 'queue full' },
    ]);
    expect(delivery.stats().teams).toMatchObject({ queued: 2, failed: 1 });
  });

  it('spaces attempts by the per-notifier rate limit, after the burst', async () => {
    const clock = new FakeClock();
    const slack = webhookNotifier(
      'slack',
      createCaptureFetch(() => ({ status: 200 })),
      clock,
    );
    const telegram = webhookNotifier(
      'telegram',
      createCaptureFetch(() => ({ status: 200 })),
      clock,
    );
    const delivery = new DeliveryPipeline({
      notifiers: [slack.notifier, telegram.notifier],
      clock,
      defaults: { ratePerMinute: 60, burst: 1 },
      perNotifier: { telegram: { ratePerMinute: 20, burst: 2 } },
    });
    const groups = ['A', 'B', 'C', 'D'];
    await clock.run(
      Promise.all(
        groups.flatMap((group) => [
          delivery.deliver('slack', notification(group)),
          delivery.deliver('telegram', notification(group)),
        ]),
      ),
    );
    const start = slack.sentAt[0]!;
    expect(slack.sentAt.map((at) => at - start)).toEqual([0, 1_000, 2_000, 3_000]);
    expect(telegram.sentAt.map((at) => at - start)).toEqual([0, 0, 3_000, 6_000]);
  });

  it('keeps dead letters bounded, newest last', async () => {
    const clock = new FakeClock();
    const refused = webhookNotifier(
      'slack',
      createCaptureFetch(() => ({ status: 403 })),
      clock,
    );
    const delivery = new DeliveryPipeline({
      notifiers: [refused.notifier],
      clock,
      defaults: unlimited,
      deadLetterLimit: 2,
    });
    for (const group of ['A', 'B', 'C']) await clock.run(delivery.deliver('slack', notification(group)));
    expect(delivery.deadLetters().map((record) => record.notification.groupKey)).toEqual([
      '{alertname="B"}',
      '{alertname="C"}',
    ]);
    expect(delivery.stats().slack).toMatchObject({ failed: 3, consecutiveFailures: 3 });
  });
});

describe('DeliveryPipeline: close', () => {
  it('drains the queues, retries included, then refuses new notifications', async () => {
    const clock = new FakeClock();
    const slack = webhookNotifier('slack', createCaptureFetch([{ status: 500 }, { status: 200 }]), clock);
    const delivery = new DeliveryPipeline({
      notifiers: [slack.notifier],
      clock,
      random: () => 0.5,
      defaults: unlimited,
    });
    const pending = delivery.deliver('slack', notification());
    const closed = delivery.close();
    expect(delivery.close()).toBe(closed);
    await clock.run(closed);
    expect(await pending).toEqual({ status: 'delivered', attempts: 2 });
    expect(await delivery.deliver('slack', notification())).toEqual({
      status: 'failed',
      attempts: 0,
      reason: 'pipeline closed',
      deadLettered: true,
    });
  });

  it('settles what is still pending at its timeout, aborting the attempt in flight', async () => {
    const clock = new FakeClock();
    const start = clock.now();
    const fetch = createCaptureFetch(() => ({ hang: true }));
    const hung = webhookNotifier('teams', fetch, clock);
    const delivery = new DeliveryPipeline({
      notifiers: [hung.notifier],
      clock,
      defaults: { ...unlimited, attemptTimeoutMs: 60_000 },
    });
    const inFlight = delivery.deliver('teams', notification('A'));
    const waiting = delivery.deliver('teams', notification('B'));
    const closed = delivery.close(1_000);
    await clock.run(closed);
    expect(clock.now() - start).toBeLessThanOrEqual(1_100);
    expect(await inFlight).toMatchObject({
      status: 'failed',
      attempts: 1,
      reason: expect.stringMatching(/closed/),
    });
    expect(await waiting).toMatchObject({
      status: 'failed',
      attempts: 0,
      reason: expect.stringMatching(/closed/),
    });
    expect(delivery.deadLetters().map((record) => record.outcome)).toEqual(['dropped', 'dead_lettered']);
    expect(clock.pendingTimers).toBe(0);
  });
});

describe('DeliveryPipeline: configuration', () => {
  const notifier = (id: string): NotifierV1 => ({
    specificationVersion: 'v1',
    id,
    send: async () => ({ status: 'delivered' }),
  });

  it('fails an unknown notifier id at once, without a dead letter', async () => {
    const delivery = new DeliveryPipeline({ notifiers: [notifier('slack')] });
    expect(await delivery.deliver('pager', notification())).toEqual({
      status: 'failed',
      attempts: 0,
      reason: 'unknown notifier "pager" (configured: slack)',
      deadLettered: false,
    });
    expect(delivery.deadLetters()).toEqual([]);
  });

  it('fails a malformed notification at once instead of rejecting', async () => {
    const delivery = new DeliveryPipeline({ notifiers: [notifier('slack')] });
    const malformed = { title: 'no group' } as unknown as Parameters<DeliveryPipeline['deliver']>[1];
    expect(await delivery.deliver('slack', malformed)).toMatchObject({
      status: 'failed',
      deadLettered: false,
    });
  });

  it('refuses duplicate ids, overrides for unknown notifiers and bad settings, naming the field', () => {
    expect(() => new DeliveryPipeline({ notifiers: [notifier('a'), notifier('a')] })).toThrow(
      /two notifiers have the id "a"/,
    );
    expect(
      () => new DeliveryPipeline({ notifiers: [notifier('a')], perNotifier: { b: { queueSize: 1 } } }),
    ).toThrow(/perNotifier names "b"/);
    expect(() => new DeliveryPipeline({ notifiers: [notifier('a')], defaults: { queueSize: 0 } })).toThrow(
      /defaults.queueSize must be an integer ≥ 1, got 0/,
    );
    expect(
      () =>
        new DeliveryPipeline({ notifiers: [notifier('a')], perNotifier: { a: { backoff: { jitter: 2 } } } }),
    ).toThrow(/perNotifier.a.backoff.jitter must be/);
  });

  it('uses the real clock and timers by default', async () => {
    const delivery = new DeliveryPipeline({ notifiers: [notifier('slack')] });
    await settle();
    expect(await delivery.deliver('slack', notification())).toEqual({ status: 'delivered', attempts: 1 });
    await delivery.close();
  });
});
