import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../config/config-error.js';
import type { AdapterV1 } from '../spec/adapter/v1/adapter-v1.js';
import type { AlertRuleV1 } from '../spec/alerts/v1/alert-rule-v1.js';
import type { NotificationV1 } from '../spec/notifier/v1/notification-v1.js';
import type { NotifierV1 } from '../spec/notifier/v1/notifier-v1.js';
import type { AlertsOptions } from './alerts-options.js';
import { createObservability } from './create-observability.js';
import type { Observability } from './observability.js';
import type { ObservabilityOptions } from './observability-options.js';

const quiet: Partial<ObservabilityOptions> = {
  logging: { destination: false },
  shutdownHooks: { signals: false, stdinEnd: false, beforeExit: false },
};

const toolFails: AlertRuleV1 = {
  name: 'ToolFails',
  condition: { kind: 'consecutive_failures', threshold: 3 },
  severity: 'high',
  annotations: { summary: '{{labels.gen_ai.tool.name}} failed {{value}} times in a row' },
};

const fastRoute: AlertsOptions['routing'] = {
  route: { groupWait: '0s', groupInterval: '100ms', repeatInterval: '1h' },
};

function capturingAdapter(id = 'capture'): { adapter: AdapterV1; sent: NotificationV1[] } {
  const sent: NotificationV1[] = [];
  const notifier: NotifierV1 = {
    specificationVersion: 'v1',
    id,
    async send(notification) {
      sent.push(notification);
      return { status: 'delivered' };
    },
  };
  const adapter: AdapterV1 = {
    specificationVersion: 'v1',
    id,
    kinds: ['notifier'],
    create: () => ({ specificationVersion: 'v1', id, notifiers: [notifier] }),
  };
  return { adapter, sent };
}

const open: Observability[] = [];
async function create(options: ObservabilityOptions): Promise<Observability> {
  const observability = await createObservability({ ...quiet, ...options });
  open.push(observability);
  return observability;
}
afterEach(async () => {
  for (const observability of open.splice(0)) await observability.shutdown();
});

function failCalls(observability: Observability, count: number): void {
  const series = observability.store!.series('mcp.server.operation', {
    'mcp.method.name': 'tools/call',
    'gen_ai.tool.name': 'get_weather',
  });
  for (let index = 0; index < count; index += 1) series.observe(0.05, true);
}

describe('alerts on the handle', () => {
  it('fires and resolves through the adapters’ notifiers, and only those', async () => {
    const { adapter, sent } = capturingAdapter();
    const observability = await create({
      adapters: [adapter],
      alerts: { state: false, defaultRules: false, rules: [toolFails], routing: fastRoute },
    });
    const alerts = observability.alerts!;
    expect(alerts.notifierIds()).toEqual(['capture']);

    failCalls(observability, 3);
    await alerts.evaluateNow();
    expect(alerts.listAlerts()).toMatchObject([
      { name: 'ToolFails', state: 'firing', labels: { 'gen_ai.tool.name': 'get_weather' } },
    ]);
    await expect.poll(() => sent.length).toBe(1);
    expect(sent[0]).toMatchObject({ status: 'firing', service: 'mcp-server' });
    expect(sent[0]?.alerts[0]?.annotations.summary).toBe('get_weather failed 3 times in a row');

    observability
      .store!.series('mcp.server.operation', {
        'mcp.method.name': 'tools/call',
        'gen_ai.tool.name': 'get_weather',
      })
      .observe(0.05, false);
    // A resolve waits for the group interval, like any change of a notified group.
    await expect
      .poll(async () => {
        await alerts.evaluateNow();
        return sent.length;
      })
      .toBe(2);
    expect(sent[1]?.status).toBe('resolved');
    expect(alerts.deliveryStats().capture).toMatchObject({ delivered: 2, failed: 0 });
    expect(alerts.listIncidents()[0]?.status).toBe('resolved');
  });

  it('uses the console notifier when no adapter contributes one, and adds it on request', async () => {
    const alone = await create({ alerts: { state: false } });
    expect(alone.alerts?.notifierIds()).toEqual(['console']);
    const { adapter } = capturingAdapter();
    const withAdapter = await create({ adapters: [adapter], alerts: { state: false } });
    expect(withAdapter.alerts?.notifierIds()).toEqual(['capture']);
    const both = await create({ adapters: [adapter], alerts: { state: false, console: true } });
    expect(both.alerts?.notifierIds()).toEqual(['capture', 'console']);
  });

  it('is undefined with alerts: false, mode off or memory off', async () => {
    expect((await create({ alerts: false })).alerts).toBeUndefined();
    expect((await create({ alerts: { mode: 'off' } })).alerts).toBeUndefined();
    expect((await create({ memory: false })).alerts).toBeUndefined();
  });

  it('evaluates in leader-only mode only on the leader', async () => {
    const { adapter, sent } = capturingAdapter();
    let leader = false;
    const observability = await create({
      adapters: [adapter],
      alerts: {
        state: false,
        defaultRules: false,
        rules: [toolFails],
        routing: fastRoute,
        mode: 'leader-only',
        isLeader: () => leader,
      },
    });
    failCalls(observability, 5);
    await observability.alerts!.evaluateNow();
    expect(observability.alerts!.listAlerts()).toEqual([]);
    leader = true;
    await observability.alerts!.evaluateNow();
    expect(observability.alerts!.listAlerts()).toHaveLength(1);
    await expect.poll(() => sent.length).toBe(1);
  });

  it('keeps its state in files under the state directory, one key per service', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'mcp-o11y-alert-state-'));
    const observability = await create({
      service: { name: 'weather mcp' },
      alerts: { state: { directory }, defaultRules: false, rules: [toolFails] },
    });
    failCalls(observability, 3);
    await observability.alerts!.evaluateNow();
    await observability.shutdown();
    expect(readdirSync(directory)).toEqual(['alert-engine.weather_mcp.json']);
  });

  it('reads the state directory from MCP_O11Y_STATE_DIR', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'mcp-o11y-alert-env-'));
    const observability = await create({
      env: { MCP_O11Y_STATE_DIR: directory },
      alerts: { defaultRules: false, rules: [toolFails] },
    });
    await observability.shutdown();
    expect(readdirSync(directory)).toEqual(['alert-engine.mcp-server.json']);
  });

  it('refuses a bad rule with its field path, and a route to an unknown notifier', async () => {
    const bad = createObservability({
      ...quiet,
      alerts: {
        state: false,
        rules: [
          {
            ...toolFails,
            condition: { kind: 'error_ratio', threshold: 0.1, window: '5x' as '5m' },
            annotations: { summary: '{{#labels}}' },
          },
        ],
      },
    });
    await expect(bad).rejects.toBeInstanceOf(ConfigError);
    const issues = await bad.catch((error: ConfigError) => error.issues.map((issue) => issue.path));
    expect(issues).toEqual(['alerts.rules[0].condition.window', 'alerts.rules[0].annotations.summary']);

    await expect(
      createObservability({
        ...quiet,
        alerts: { state: false, routing: { route: { notifiers: ['pager'] } } },
      }),
    ).rejects.toThrow(/pager/);
  });
});
