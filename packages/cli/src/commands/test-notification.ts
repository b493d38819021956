import type { NotificationV1 } from '@mcp-o11y/core';

/** Name of the one alert a test notification carries. */
export const TEST_ALERT_NAME = 'McpO11yTestNotification';

/**
 * The notification `notify test` sends: firing (so each channel renders it as a real alert looks),
 * severity `low` (quiet channels deliver it silently), and marked as a test in the title, the labels and
 * the summary so nobody on call mistakes it for an incident. Pure.
 * @param service - `service.name` of the sender.
 * @param nowMs - Start time, ms since the epoch.
 */
export function buildTestNotification(service: string, nowMs: number): NotificationV1 {
  const labels = { service, test: 'true' };
  return {
    groupKey: `{alertname="${TEST_ALERT_NAME}",service="${service}"}`,
    status: 'firing',
    severity: 'low',
    title: `[TEST] mcp-o11y test notification from ${service}`,
    alerts: [
      {
        fingerprint: `${TEST_ALERT_NAME}:${service}`,
        name: TEST_ALERT_NAME,
        severity: 'low',
        status: 'firing',
        labels,
        annotations: {
          summary: `Test notification from ${service}: nothing is wrong, no action needed.`,
          description: 'Sent on request by `mcp-o11y notify test` to check that alerts reach this channel.',
        },
        startsAt: nowMs,
      },
    ],
    commonLabels: labels,
    service,
  };
}
