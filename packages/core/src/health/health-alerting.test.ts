import { afterEach, describe, expect, it, vi } from 'vitest';
import { createObservability } from '../pipeline/create-observability.js';
import type { Observability } from '../pipeline/observability.js';
import type { AdapterV1 } from '../spec/adapter/v1/adapter-v1.js';
import type { NotificationV1 } from '../spec/notifier/v1/notification-v1.js';

const open: Observability[] = [];
afterEach(async () => {
  vi.useRealTimers();
  for (const observability of open.splice(0)) await observability.shutdown();
});

function capturingAdapter(): { adapter: AdapterV1; sent: NotificationV1[] } {
  const sent: NotificationV1[] = [];
  const adapter: AdapterV1 = {
    specificationVersion: 'v1',
    id: 'capture',
    kinds: ['notifier'],
    create: () => ({
      specificationVersion: 'v1',
      id: 'capture',
      notifiers: [
        {
          specificationVersion: 'v1',
          id: 'capture',
          async send(notification) {
            sent.push(notification);
            return { status: 'delivered' };
          },
        },
      ],
    }),
  };
  return { adapter, sent };
}

describe('health checks in the alert engine', () => {
  it('fires the default HealthCheckFailing rule from a failing custom check, with a runbook link', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const { adapter, sent } = capturingAdapter();
    const observability = await createObservability({
      logging: { destination: false },
      shutdownHooks: { signals: false, stdinEnd: false, beforeExit: false },
      adapters: [adapter],
      alerts: {
        state: false,
        routing: { route: { groupWait: '0s', groupInterval: '1s', repeatInterval: '1h' } },
      },
      health: { builtInChecks: false },
      runbooks: { baseUrl: 'https://runbooks.example.com/mcp/' },
    });
    open.push(observability);
    observability.health.add({
      name: 'database',
      check: async () => ({ status: 'fail', message: 'ECONNREFUSED' }),
    });
    const alerts = observability.alerts!;
    await alerts.evaluateNow();
    expect(alerts.listAlerts()).toMatchObject([
      { name: 'HealthCheckFailing', state: 'pending', labels: { check: 'database' } },
    ]);
    // The rule holds for 1 minute before it fires.
    vi.setSystemTime(Date.now() + 61_000);
    await alerts.evaluateNow();
    expect(alerts.listAlerts()[0]).toMatchObject({ name: 'HealthCheckFailing', state: 'firing' });
    await expect.poll(() => sent.length).toBeGreaterThan(0);
    expect(sent[0]?.alerts[0]).toMatchObject({
      name: 'HealthCheckFailing',
      labels: { check: 'database' },
      runbookUrl: 'https://runbooks.example.com/mcp/database_connection_failure',
    });
  });

  it('runs the built-in checks on a default pipeline', async () => {
    const observability = await createObservability({
      logging: { destination: false },
      shutdownHooks: { signals: false, stdinEnd: false, beforeExit: false },
      alerts: { state: false },
    });
    open.push(observability);
    expect(observability.health.names()).toEqual([
      'configuration',
      'event-loop',
      'memory',
      'disk-space',
      'notifiers',
      'alert-state',
      'circuit-breakers',
    ]);
    const report = await observability.health.run();
    expect(report.ready).toBe(true);
    expect(report.checks.find((check) => check.name === 'configuration')?.status).toBe('pass');
  });
});
