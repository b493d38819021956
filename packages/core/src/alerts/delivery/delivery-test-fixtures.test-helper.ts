import { MeterProvider, MetricReader } from '@opentelemetry/sdk-metrics';
import type { NotificationV1 } from '../../spec/notifier/v1/notification-v1.js';
import type { DeliveryResultV1, NotifierV1 } from '../../spec/notifier/v1/notifier-v1.js';
import type { FakeClock } from './fake-clock.test-helper.js';

/** A small fetch-based webhook notifier, the way the notifier packages map HTTP answers to results. */
export function webhookNotifier(id: string, fetch: typeof globalThis.fetch, clock: FakeClock) {
  const sentAt: number[] = [];
  const notifier: NotifierV1 = {
    specificationVersion: 'v1',
    id,
    async send(notification, { signal }): Promise<DeliveryResultV1> {
      sentAt.push(clock.now());
      let response: Response;
      try {
        response = await fetch('https://hooks.test/services/T000/B000/s3cr3t', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ groupKey: notification.groupKey, status: notification.status }),
          signal,
        });
      } catch {
        return { status: 'retryable', reason: signal.aborted ? 'aborted' : 'connection failed' };
      }
      if (response.ok) return { status: 'delivered' };
      const retryAfter = Number(response.headers.get('retry-after'));
      if (response.status === 429) {
        return Number.isFinite(retryAfter) && retryAfter > 0
          ? { status: 'retryable', reason: 'HTTP 429', retryAfterMs: retryAfter * 1000 }
          : { status: 'retryable', reason: 'HTTP 429' };
      }
      if (response.status >= 500) return { status: 'retryable', reason: `HTTP ${response.status}` };
      return { status: 'failed', reason: `HTTP ${response.status}` };
    },
  };
  return { notifier, sentAt };
}

/** A notification of group `group`. */
export function notification(
  group = 'HighErrorRate',
  status: NotificationV1['status'] = 'firing',
): NotificationV1 {
  return {
    groupKey: `{alertname="${group}"}`,
    status,
    severity: 'medium',
    title: `[${status.toUpperCase()}] ${group}`,
    alerts: [
      {
        fingerprint: `${group}:get_forecast`,
        name: group,
        severity: 'medium',
        status,
        labels: { tool: 'get_forecast' },
        annotations: { summary: `${group} on get_forecast` },
        startsAt: Date.UTC(2026, 0, 15, 9, 0, 0),
      },
    ],
    commonLabels: { tool: 'get_forecast' },
    service: 'weather-mcp',
  };
}

class CollectingReader extends MetricReader {
  protected override async onForceFlush(): Promise<void> {}
  protected override async onShutdown(): Promise<void> {}
}

/** A real MeterProvider and a way to read each metric's points as `{ "<attributes json>": value }`. */
export function testMeter() {
  const reader = new CollectingReader();
  const provider = new MeterProvider({ readers: [reader] });
  return {
    meter: provider.getMeter('delivery-test'),
    async points(name: string): Promise<Record<string, number>> {
      const { resourceMetrics } = await reader.collect();
      const values: Record<string, number> = {};
      for (const scope of resourceMetrics.scopeMetrics) {
        for (const metric of scope.metrics) {
          if (metric.descriptor.name !== name) continue;
          for (const point of metric.dataPoints) {
            const key = Object.entries(point.attributes)
              .sort(([left], [right]) => left.localeCompare(right))
              .map(([key, value]) => `${key}=${String(value)}`)
              .join(',');
            const value = point.value;
            values[key] = typeof value === 'number' ? value : (value as { count: number }).count;
          }
        }
      }
      return values;
    },
  };
}
