import { describe, expect, it } from 'vitest';
import type { AlertRoutingV1 } from '../../spec/alerts/v1/alert-routing-v1.js';
import type { NotificationV1 } from '../../spec/notifier/v1/notification-v1.js';
import type { NotificationDeliveryOutcome, NotificationSink } from './alert-engine-options.js';
import { createHarness, MemoryStateStore } from './engine-test-harness.test-helper.js';

/**
 * A receiver whose answer never comes back: the process is killed while the request is out. `saved`
 * tells what the state store held when each notification left.
 */
class CutOffSink implements NotificationSink {
  readonly sent: { notification: NotificationV1; saved: string | undefined }[] = [];
  constructor(private readonly store: MemoryStateStore) {}
  deliver(_notifierId: string, notification: NotificationV1): Promise<NotificationDeliveryOutcome> {
    this.sent.push({ notification, saved: this.store.data.get('alert-engine') });
    return new Promise(() => {});
  }
}

const routing: AlertRoutingV1 = {
  route: {
    notifiers: ['slack'],
    groupBy: ['alertname'],
    groupWait: '0s',
    groupInterval: '1m',
    repeatInterval: '4h',
  },
};

/** A process over `store` whose deliveries never return: it is killed while they are out. */
function doomedProcess(store: MemoryStateStore, start?: number) {
  const harness = createHarness({ store, routing, ...(start === undefined ? {} : { start }) });
  const sink = new CutOffSink(store);
  (harness.engine as unknown as { options: { sink: NotificationSink } }).options.sink = sink;
  return { ...harness, cutOff: sink };
}

/** A first process that fires and is killed with its firing notification out for delivery. */
async function killedMidDelivery() {
  const store = new MemoryStateStore();
  const first = doomedProcess(store);
  first.fail('search', 3);
  await first.engine.evaluateNow();
  expect(first.cutOff.sent.map((each) => each.notification.status)).toEqual(['firing']);
  // Killed here: the answer never came, nothing after this point ran.
  return { store, sink: first.cutOff, start: first.clock() };
}

describe('AlertEngine across a crash mid-delivery', () => {
  it('saves the firing alert and the delivery in flight before the notification leaves', async () => {
    const { sink } = await killedMidDelivery();
    const saved = JSON.parse(sink.sent[0]?.saved ?? 'null') as {
      alerts: { state: string }[];
      dispatcher: { inFlight: { firing: string[] }[] };
    };
    expect(saved.alerts.map((alert) => alert.state)).toEqual(['firing']);
    expect(saved.dispatcher.inFlight).toEqual([expect.objectContaining({ firing: [expect.any(String)] })]);
  });

  it('sends the resolve after a restart when the alert cleared meanwhile (the receiver may have the firing)', async () => {
    const { store, start } = await killedMidDelivery();
    const second = createHarness({ store, routing, start: start + 2 * 60_000 });
    second.succeed('search', 5);
    await second.tick();
    await second.tick(60_000);
    expect(second.sink.to('slack')).toEqual(['resolved search:resolved']);
    // Sent once: the log now says so.
    await second.tick(60_000);
    expect(second.sink.to('slack')).toHaveLength(1);
  });

  it('sends the firing again after a restart when the alert still fires (at least once, then no repeat)', async () => {
    const { store, start } = await killedMidDelivery();
    const second = createHarness({ store, routing, start: start + 2 * 60_000 });
    for (const ms of [0, 60_000, 60_000, 60_000]) {
      second.fail('search', 3);
      await second.tick(ms);
    }
    expect(second.sink.to('slack')).toEqual(['firing search:firing']);
  });

  it('keeps the resolve due across a second crash that cuts off the resolve itself', async () => {
    const { store, start } = await killedMidDelivery();
    const second = doomedProcess(store, start + 2 * 60_000);
    second.succeed('search', 5);
    await second.engine.evaluateNow();
    await second.engine.evaluateNow();
    expect(second.cutOff.sent.map((each) => each.notification.status)).toEqual(['resolved']);
    // Killed again with the resolve out: the third process must still send it.
    const third = createHarness({ store, routing, start: start + 4 * 60_000 });
    await third.tick();
    await third.tick(60_000);
    expect(third.sink.to('slack')).toEqual(['resolved search:resolved']);
  });

  it('still notifies when the state store hangs: the wait for the save is bounded', async () => {
    const hanging = new MemoryStateStore();
    hanging.save = () => new Promise(() => {});
    // The bound elapses at once here; in production it is 5 s.
    const scheduler = {
      setTimeout: (callback: () => void) => setTimeout(callback, 0),
      clearTimeout: (handle: unknown) => clearTimeout(handle as ReturnType<typeof setTimeout>),
    };
    const harness = createHarness({ store: hanging, routing, scheduler });
    harness.fail('search', 3);
    await harness.engine.evaluateNow();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(harness.sink.to('slack')).toEqual(['firing search:firing']);
  });
});
