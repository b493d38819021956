import type { NotifierDeliveryStats } from '../../alerts/delivery/delivery-options.js';
import type { HealthCheckV1 } from '../../spec/health/v1/health-check-v1.js';

/** Options of {@link notifierDeliveryCheck}. */
export interface NotifierDeliveryCheckOptions {
  /** Fail at this many consecutive final delivery failures (one warns). Default 3. */
  readonly failAfter?: number;
}

/**
 * `notifiers`: whether alert notifications reach their channels, from the delivery pipeline's stats
 * (`observability.alerts.deliveryStats()`): consecutive final failures and Retry-After pauses.
 */
export function notifierDeliveryCheck(
  stats: () => Readonly<Record<string, NotifierDeliveryStats>>,
  options: NotifierDeliveryCheckOptions = {},
): HealthCheckV1 {
  const failAfter = options.failAfter ?? 3;
  return {
    specificationVersion: 'v1',
    name: 'notifiers',
    async check() {
      const entries = Object.entries(stats());
      const now = Date.now();
      const failing = entries.filter(([, each]) => each.consecutiveFailures > 0);
      const paused = entries.filter(([, each]) => each.pausedUntil !== undefined && each.pausedUntil > now);
      const worst = Math.max(0, ...failing.map(([, each]) => each.consecutiveFailures));
      const details = {
        componentType: 'component',
        observedValue: worst,
        observedUnit: 'consecutive failures',
        notifiers: Object.fromEntries(
          entries.map(([id, each]) => [
            id,
            {
              delivered: each.delivered,
              failed: each.failed,
              queued: each.queued,
              consecutiveFailures: each.consecutiveFailures,
              ...(each.lastFailureReason === undefined ? {} : { lastFailureReason: each.lastFailureReason }),
            },
          ]),
        ),
      };
      if (failing.length === 0 && paused.length === 0) {
        return { status: 'pass', message: `${entries.length} notifier(s) delivering`, details };
      }
      const names = [...new Set([...failing, ...paused].map(([id]) => id))];
      return {
        status: worst >= failAfter ? 'fail' : 'warn',
        message: `alert notifications are not getting through to ${names.join(', ')} (${worst} consecutive failure(s))`,
        details,
        remediation: `Alerts may go unseen. Check each failing notifier's credentials, webhook URL and network access; send a test with observability.alerts.sendTestNotification('${names[0] ?? ''}') or \`mcp-o11y notify test\`, and look at deadLetters() for the reasons.`,
      };
    },
  };
}
