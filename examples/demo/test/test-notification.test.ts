import { describe, expect, it } from 'vitest';
import { formatOutcome } from '../src/notify-test.ts';
import { buildTestNotification, TEST_ALERT_NAME } from '../src/test-notification.ts';

describe('buildTestNotification', () => {
  it('is a low-severity firing notification labelled as a test everywhere a reader looks', () => {
    const notification = buildTestNotification('weather-mcp', 1_700_000_000_000);
    expect(notification).toMatchObject({
      status: 'firing',
      severity: 'low',
      title: '[TEST] mcp-o11y test notification from weather-mcp',
      service: 'weather-mcp',
      commonLabels: { service: 'weather-mcp', test: 'true' },
    });
    expect(notification.alerts).toHaveLength(1);
    const [alert] = notification.alerts;
    expect(alert).toMatchObject({
      name: TEST_ALERT_NAME,
      severity: 'low',
      status: 'firing',
      startsAt: 1_700_000_000_000,
    });
    expect(alert?.annotations.summary).toBe(
      'Test notification from weather-mcp: nothing is wrong, no action needed.',
    );
    expect(alert?.endsAt).toBeUndefined();
  });
});

describe('formatOutcome', () => {
  it('prints a tick with the attempts, or a cross with the reason', () => {
    expect(formatOutcome('slack', { status: 'delivered', attempts: 1 })).toBe(
      '✓ slack delivered in 1 attempt',
    );
    expect(formatOutcome('slack', { status: 'delivered', attempts: 2 })).toBe(
      '✓ slack delivered in 2 attempts',
    );
    expect(formatOutcome('email', { status: 'failed', attempts: 1, reason: 'SMTP 535: auth failed' })).toBe(
      '✗ email failed: SMTP 535: auth failed',
    );
  });
});
