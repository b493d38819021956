import { describe, expect, it } from 'vitest';
import { createCaptureFetch } from '../../../../testkit/src/capture-fetch.js';
import type { NotifierV1 } from '../../spec/notifier/v1/notifier-v1.js';
import type { DeliveryOutcome, DeliveryPipelineOptions } from './delivery-options.js';
import { DeliveryPipeline } from './delivery-pipeline.js';
import { notification, testMeter, webhookNotifier } from './delivery-test-fixtures.test-helper.js';
import { FakeClock, settle } from './fake-clock.test-helper.js';

// random() = 0.5 puts the jitter at its centre, so backoff waits are exactly 500, 1000, 2000, … ms.
function pipeline(notifiers: NotifierV1[], clock: FakeClock, options: Partial<DeliveryPipelineOptions> = {}) {
  const metrics = testMeter();
  const made = new DeliveryPipeline({
    notifiers,
    clock,
    random: () => 0.5,
    meter: metrics.meter,
    ...options,
    defaults: { ratePerMinute: Number.POSITIVE_INFINITY, ...options.defaults },
  });
  return { pipeline: made, metrics };
}

/** Records when `promise` settles, on the fake clock. */
function settledAt<T>(promise: Promise<T>, clock: FakeClock): { at: () => number | undefined } {
  let at: number | undefined;
  void promise.then(() => {
    at = clock.now();
  });
  return { at: () => at };
}

describe('DeliveryPipeline: retries', () => {
  it('delivers on the first attempt and records the outcome, the attempt and the stats', async () => {
    const clock = new FakeClock();
    const slack = webhookNotifier('slack', createCaptureFetch([{ status: 200 }]), clock);
    const { pipeline: delivery, metrics } = pipeline([slack.notifier], clock);
    await expect(clock.run(delivery.deliver('slack', notification()))).resolves.toEqual({
      status: 'delivered',
      attempts: 1,
    });
    expect(await metrics.points('mcp_o11y.notifications.sent')).toEqual({
      'notifier.id=slack,outcome=delivered': 1,
    });
    expect(await metrics.points('mcp_o11y.notifications.attempts')).toEqual({
      'notifier.id=slack,result=delivered': 1,
    });
    expect(await metrics.points('mcp_o11y.notifications.delivery.duration')).toEqual({
      'notifier.id=slack,outcome=delivered': 1,
    });
    expect(delivery.stats().slack).toEqual({
      delivered: 1,
      failed: 0,
      queued: 0,
      consecutiveFailures: 0,
      lastSuccessAt: clock.now(),
    });
  });

  it('waits out a 429 Retry-After, and pauses the whole notifier meanwhile', async () => {
    const clock = new FakeClock();
    const fetch = createCaptureFetch([{ status: 429, retryAfter: '3' }, { status: 200 }, { status: 200 }]);
    const slack = webhookNotifier('slack', fetch, clock);
    const { pipeline: delivery } = pipeline([slack.notifier], clock);
    const first = delivery.deliver('slack', notification('HighErrorRate'));
    await settle();
    expect(delivery.stats().slack?.pausedUntil).toBe(clock.now() + 3000);
    const other = delivery.deliver('slack', notification('SlowTool'));
    await clock.run(Promise.all([first, other]));
    const [rateLimited, retried, otherSent] = slack.sentAt as [number, number, number];
    expect(retried - rateLimited).toBeGreaterThanOrEqual(3000);
    expect(otherSent - rateLimited).toBeGreaterThanOrEqual(3000);
    expect(await first).toEqual({ status: 'delivered', attempts: 2 });
  });

  it('retries a 500 with growing backoff', async () => {
    const clock = new FakeClock();
    const fetch = createCaptureFetch([{ status: 500 }, { status: 500 }, { status: 503 }, { status: 200 }]);
    const slack = webhookNotifier('slack', fetch, clock);
    const { pipeline: delivery, metrics } = pipeline([slack.notifier], clock);
    expect(await clock.run(delivery.deliver('slack', notification()))).toEqual({
      status: 'delivered',
      attempts: 4,
    });
    const gaps = slack.sentAt.slice(1).map((at, index) => at - slack.sentAt[index]!);
    expect(gaps).toEqual([500, 1000, 2000]);
    expect(await metrics.points('mcp_o11y.notifications.attempts')).toEqual({
      'notifier.id=slack,result=retryable': 3,
      'notifier.id=slack,result=delivered': 1,
    });
  });

  it('does not retry a 400: one attempt, one dead letter, the hook called once', async () => {
    const clock = new FakeClock();
    const fetch = createCaptureFetch([{ status: 400, body: 'invalid_payload' }]);
    const slack = webhookNotifier('slack', fetch, clock);
    const hooked: string[] = [];
    const { pipeline: delivery, metrics } = pipeline([slack.notifier], clock, {
      onDeadLetter: (record) => hooked.push(`${record.notifierId}: ${record.reason}`),
    });
    const outcome = await clock.run(delivery.deliver('slack', notification()));
    await clock.advance(120_000);
    expect(outcome).toEqual({ status: 'failed', attempts: 1, reason: 'HTTP 400', deadLettered: true });
    expect(fetch.requests).toHaveLength(1);
    expect(hooked).toEqual(['slack: HTTP 400']);
    expect(delivery.deadLetters()).toMatchObject([{ notifierId: 'slack', outcome: 'failed', attempts: 1 }]);
    expect(await metrics.points('mcp_o11y.notifications.sent')).toEqual({
      'notifier.id=slack,outcome=failed': 1,
    });
    expect(delivery.stats().slack).toMatchObject({
      failed: 1,
      consecutiveFailures: 1,
      lastFailureReason: 'HTTP 400',
    });
  });

  it.each([
    ['honours the abort signal (capture-fetch hang)', 'signal'],
    ['ignores the signal entirely', 'deaf'],
  ])(
    'cuts a hanging notifier that %s at the attempt timeout while another delivers on time',
    async (_name, kind) => {
      const clock = new FakeClock();
      const start = clock.now();
      const hung =
        kind === 'signal'
          ? webhookNotifier(
              'teams',
              createCaptureFetch(() => ({ hang: true })),
              clock,
            ).notifier
          : ({
              specificationVersion: 'v1',
              id: 'teams',
              send: () => new Promise(() => {}),
            } satisfies NotifierV1);
      const slack = webhookNotifier('slack', createCaptureFetch([{ status: 200 }]), clock);
      const { pipeline: delivery, metrics } = pipeline([hung, slack.notifier], clock, {
        defaults: { attemptTimeoutMs: 10_000, maxAttempts: 1 },
      });
      const cut = delivery.deliver('teams', notification());
      const onTime = settledAt(delivery.deliver('slack', notification()), clock);
      const cutAt = settledAt(cut, clock);
      await settle();
      expect(onTime.at()).toBe(start);
      await clock.advance(9_999);
      expect(cutAt.at()).toBeUndefined();
      await clock.advance(1);
      expect(cutAt.at()).toBe(start + 10_000);
      expect(await cut).toMatchObject({
        status: 'failed',
        attempts: 1,
        reason: expect.stringMatching(/attempt timeout/),
      });
      expect(await metrics.points('mcp_o11y.notifications.attempts')).toMatchObject({
        'notifier.id=teams,result=timeout': 1,
      });
    },
  );

  it('treats a throwing notifier as retryable, hides URLs in the reason, and isolates it', async () => {
    const clock = new FakeClock();
    let calls = 0;
    const throwing: NotifierV1 = {
      specificationVersion: 'v1',
      id: 'buggy',
      send: (() => {
        calls += 1;
        if (calls === 1) throw new Error('sync bug posting to https://hooks.slack.com/services/T/B/s3cr3t');
        if (calls === 2) return Promise.reject(new TypeError('async bug'));
        return Promise.resolve({ status: 'delivered' });
      }) as NotifierV1['send'],
    };
    const slack = webhookNotifier('slack', createCaptureFetch([{ status: 200 }]), clock);
    const { pipeline: delivery, metrics } = pipeline([throwing, slack.notifier], clock);
    const buggy = delivery.deliver('buggy', notification());
    expect(await clock.run(delivery.deliver('slack', notification()), 0)).toEqual({
      status: 'delivered',
      attempts: 1,
    });
    expect(await clock.run(buggy)).toEqual({ status: 'delivered', attempts: 3 });
    expect(await metrics.points('mcp_o11y.notifications.attempts')).toMatchObject({
      'notifier.id=buggy,result=error': 2,
    });

    const once = pipeline([{ ...throwing, id: 'once' }], clock, { defaults: { maxAttempts: 1 } }).pipeline;
    calls = 0;
    const outcome = await clock.run(once.deliver('once', notification()));
    expect(outcome.reason).toBe('gave up after 1 attempts: notifier threw: Error: sync bug posting to <url>');
  });

  it('gives up after maxAttempts, and after maxReschedules, with a dead letter', async () => {
    const clock = new FakeClock();
    const down = webhookNotifier(
      'slack',
      createCaptureFetch(() => ({ status: 500 })),
      clock,
    );
    const { pipeline: delivery, metrics } = pipeline([down.notifier], clock);
    const outcome: DeliveryOutcome = await clock.run(delivery.deliver('slack', notification()));
    // Round 1: 0, 0.5, 1.5, 3.5, 7.5, 15.5 s; the next wait (16 s) + a 10 s attempt outlast the 30 s round,
    // and so does every 30 s wait after it: one attempt per round, until the 3 reschedules are used up.
    expect(outcome).toEqual({
      status: 'failed',
      attempts: 9,
      reason: 'gave up after 9 attempts in 4 rounds of 30000 ms: HTTP 500',
      deadLettered: true,
    });
    expect(down.sentAt.map((at) => (at - down.sentAt[0]!) / 1000)).toEqual([
      0, 0.5, 1.5, 3.5, 7.5, 15.5, 31.5, 61.5, 91.5,
    ]);
    expect(await metrics.points('mcp_o11y.notifications.sent')).toEqual({
      'notifier.id=slack,outcome=dead_lettered': 1,
    });

    const strict = pipeline([down.notifier], clock, { defaults: { maxReschedules: 0 } }).pipeline;
    const few = pipeline([down.notifier], clock, { defaults: { maxAttempts: 3 } }).pipeline;
    expect(await clock.run(few.deliver('slack', notification()))).toMatchObject({
      attempts: 3,
      reason: 'gave up after 3 attempts: HTTP 500',
    });
    expect(await clock.run(strict.deliver('slack', notification()))).toMatchObject({
      attempts: 6,
      reason: 'gave up after 6 attempts in 1 rounds of 30000 ms: HTTP 500',
    });
  });
});

describe('DeliveryPipeline: rescheduling', () => {
  it('reschedules on a Retry-After longer than the round budget, and keeps a group in order', async () => {
    const clock = new FakeClock();
    const start = clock.now();
    const fetch = createCaptureFetch([{ status: 429, retryAfter: '120' }, { status: 200 }, { status: 200 }]);
    const slack = webhookNotifier('slack', fetch, clock);
    const { pipeline: delivery } = pipeline([slack.notifier], clock);
    const firing = delivery.deliver('slack', notification('HighErrorRate', 'firing'));
    await clock.advance(1_000);
    const resolved = delivery.deliver('slack', notification('HighErrorRate', 'resolved'));
    const firingAt = settledAt(firing, clock);
    await clock.advance(60_000);
    expect(firingAt.at()).toBeUndefined();
    expect(await clock.run(Promise.all([firing, resolved]))).toEqual([
      { status: 'delivered', attempts: 2 },
      { status: 'delivered', attempts: 1 },
    ]);
    expect(firingAt.at()).toBeGreaterThanOrEqual(start + 120_000);
    expect(fetch.requests.map((request) => request.json<{ status: string }>().status)).toEqual([
      'firing',
      'firing',
      'resolved',
    ]);
  });

  it('parks a notification whose backoff outlasts the round: other groups pass, its own group waits', async () => {
    const clock = new FakeClock();
    const start = clock.now();
    let brokenFailures = 0;
    const fetch = createCaptureFetch((request) => {
      const { groupKey, status } = request.json<{ groupKey: string; status: string }>();
      return groupKey.includes('Broken') && status === 'firing' && brokenFailures++ < 2
        ? { status: 500 }
        : { status: 200 };
    });
    const slack = webhookNotifier('slack', fetch, clock);
    const { pipeline: delivery } = pipeline([slack.notifier], clock, {
      defaults: { deadlineMs: 1_000, backoff: { initialMs: 5_000 }, maxReschedules: 2 },
    });
    const broken = delivery.deliver('slack', notification('Broken', 'firing'));
    const brokenResolved = delivery.deliver('slack', notification('Broken', 'resolved'));
    const healthy = settledAt(delivery.deliver('slack', notification('Healthy')), clock);
    await settle();
    expect(healthy.at()).toBe(start);
    expect(await clock.run(Promise.all([broken, brokenResolved]))).toEqual([
      { status: 'delivered', attempts: 3 },
      { status: 'delivered', attempts: 1 },
    ]);
    const sent = fetch.requests.map((request) => {
      const { groupKey, status } = request.json<{ groupKey: string; status: string }>();
      return `${groupKey.includes('Broken') ? 'Broken' : 'Healthy'} ${status}`;
    });
    expect(sent).toEqual([
      'Broken firing',
      'Healthy firing',
      'Broken firing',
      'Broken firing',
      'Broken resolved',
    ]);
    // Rounds of 1 s: each 5 s, then 10 s wait is a reschedule, not a failure.
    expect(slack.sentAt.map((at) => at - start)).toEqual([0, 0, 5_000, 15_000, 15_000]);
  });
});
