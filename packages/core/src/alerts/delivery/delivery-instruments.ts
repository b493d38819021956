import type { Counter, Histogram, Meter, ObservableCallback } from '@opentelemetry/api';

/** Metric names of the delivery pipeline; project signals, hence the `mcp_o11y.` prefix. */
export const DELIVERY_METRICS = {
  sent: 'mcp_o11y.notifications.sent',
  attempts: 'mcp_o11y.notifications.attempts',
  duration: 'mcp_o11y.notifications.delivery.duration',
  queueSize: 'mcp_o11y.notifications.queue.size',
} as const;

/** Attribute naming the notifier on every delivery metric. */
export const NOTIFIER_ATTRIBUTE = 'notifier.id';

// From a console line (ms) to a delivery rescheduled behind a long Retry-After (minutes).
const durationBuckets = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 900];

/** The pipeline's instruments; `dispose` detaches the queue gauge's callback. */
export interface DeliveryInstruments {
  /** By `notifier.id` and `outcome`: delivered, failed, dead_lettered, dropped. */
  readonly sent: Counter;
  /** By `notifier.id` and `result`: delivered, retryable, failed, timeout, error. */
  readonly attempts: Counter;
  /** Seconds from `deliver` to the final outcome, by `notifier.id` and `outcome`. */
  readonly duration: Histogram;
  dispose(): void;
}

/** Creates the instruments on `meter`; the gauge reports `queueSizes()` on each collection. */
export function createDeliveryInstruments(
  meter: Meter,
  queueSizes: () => Iterable<readonly [notifierId: string, size: number]>,
): DeliveryInstruments {
  const gauge = meter.createObservableGauge(DELIVERY_METRICS.queueSize, {
    description: 'Notifications waiting per notifier, in flight and rescheduled ones included.',
    unit: '{notification}',
  });
  const callback: ObservableCallback = (result) => {
    for (const [notifierId, size] of queueSizes()) result.observe(size, { [NOTIFIER_ATTRIBUTE]: notifierId });
  };
  gauge.addCallback(callback);
  return {
    sent: meter.createCounter(DELIVERY_METRICS.sent, {
      description: 'Notifications by final outcome: delivered, failed (refused), dead_lettered, dropped.',
      unit: '{notification}',
    }),
    attempts: meter.createCounter(DELIVERY_METRICS.attempts, {
      description:
        'Delivery attempts by result: delivered, retryable, failed, timeout, error (notifier threw).',
      unit: '{attempt}',
    }),
    duration: meter.createHistogram(DELIVERY_METRICS.duration, {
      description: 'Time from accepting a notification to its final outcome, queueing and retries included.',
      unit: 's',
      advice: { explicitBucketBoundaries: durationBuckets },
    }),
    dispose: () => gauge.removeCallback(callback),
  };
}
