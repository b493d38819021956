import { describe, expect, it } from 'vitest';
import { createHarness, errorRule } from './engine-test-harness.test-helper.js';

const route = {
  notifiers: ['slack'],
  groupBy: ['alertname'],
  groupWait: '30s',
  groupInterval: '1m',
  repeatInterval: '1h',
} as const;

describe('AlertEngine muting, acknowledgement and escalation', () => {
  it('inhibits a lower alert while a critical one with the same tool fires', async () => {
    const h = createHarness({
      rules: [
        errorRule({
          name: 'ToolDown',
          severity: 'critical',
          condition: { kind: 'error_ratio', threshold: 0.9, window: '1m', minCount: 1 },
        }),
        errorRule({ name: 'ToolErrors', severity: 'medium' }),
      ],
      routing: {
        route: { ...route, notifiers: ['slack'] },
        inhibitRules: [
          {
            sourceMatchers: [{ name: 'severity', operator: '=', value: 'critical' }],
            targetMatchers: [{ name: 'severity', operator: '!=', value: 'critical' }],
            equal: ['gen_ai.tool.name'],
          },
        ],
      },
    });
    h.fail('search', 10);
    h.fail('fetch', 6);
    h.succeed('fetch', 4);
    await h.tick();
    await h.tick(30_000);
    const names = h.sink.sent.flatMap(({ notification }) =>
      notification.alerts.map((alert) => `${alert.name}/${alert.labels['gen_ai.tool.name']}`),
    );
    expect(names.sort()).toEqual(['ToolDown/search', 'ToolErrors/fetch']);
    const muted = h.engine
      .listAlerts()
      .find((alert) => alert.name === 'ToolErrors' && alert.labels['gen_ai.tool.name'] === 'search');
    expect(muted?.state).toBe('firing');
    expect(muted?.inhibitedBy).toHaveLength(1);
  });

  it('never lets an alert inhibit itself', async () => {
    const h = createHarness({
      routing: {
        route,
        inhibitRules: [
          {
            sourceMatchers: [{ name: 'severity', operator: '=', value: 'high' }],
            targetMatchers: [{ name: 'severity', operator: '=', value: 'high' }],
            equal: ['gen_ai.tool.name'],
          },
        ],
      },
    });
    h.fail('search');
    await h.tick();
    await h.tick(30_000);
    expect(h.sink.to('slack')).toEqual(['firing search:firing']);
  });

  it('silences matching alerts until the silence expires', async () => {
    const h = createHarness({ routing: { route } });
    const silence = h.engine.silence({
      matchers: [{ name: 'gen_ai.tool.name', operator: '=', value: 'search' }],
      duration: '1h',
      createdBy: 'ops',
      comment: 'maintenance',
    });
    h.fail('search');
    await h.tick();
    h.fail('search');
    await h.tick(30_000);
    h.fail('search');
    await h.tick(45_000);
    expect(h.sink.sent).toEqual([]);
    expect(h.engine.listAlerts()[0]?.silencedBy).toEqual([silence.id]);
    expect(h.engine.expireSilence(silence.id)).toBe(true);
    expect(h.engine.listSilences()[0]?.status).toBe('expired');
    h.fail('search');
    await h.tick(15_000);
    expect(h.sink.to('slack')).toEqual(['firing search:firing']);
  });

  it('lets a silence lapse on its own at endsAt', async () => {
    const h = createHarness({ routing: { route } });
    h.engine.silence({
      matchers: [{ name: 'alertname', operator: '=', value: 'ToolFailing' }],
      duration: '2m',
      createdBy: 'ops',
      comment: 'deploy',
    });
    for (let elapsed = 0; elapsed <= 120_000; elapsed += 15_000) {
      h.fail('search');
      await h.tick(elapsed === 0 ? 0 : 15_000);
    }
    expect(h.sink.sent).toHaveLength(0);
    h.fail('search');
    await h.tick(60_000);
    expect(h.sink.to('slack')).toEqual(['firing search:firing']);
  });

  it('refuses a silence that would mute everything', () => {
    const h = createHarness();
    expect(() =>
      h.engine.silence({
        matchers: [{ name: 'x', operator: '=~', value: '.*' }],
        duration: '1h',
        createdBy: 'a',
        comment: 'b',
      }),
    ).toThrow(/every alert/);
  });

  const escalation = {
    route,
    escalations: [{ severities: ['high' as const], steps: [{ after: '5m' as const, notifiers: ['email'] }] }],
  };

  it('escalates an unacknowledged alert to further notifiers after the delay, once', async () => {
    const h = createHarness({ routing: escalation });
    h.fail('search');
    await h.tick();
    for (let elapsed = 15_000; elapsed < 5 * 60_000; elapsed += 15_000) {
      h.fail('search');
      await h.tick(15_000);
    }
    expect(h.sink.to('email')).toEqual([]);
    h.fail('search');
    await h.tick(15_000);
    h.fail('search');
    await h.tick(15_000);
    expect(h.sink.to('email')).toEqual(['firing search:firing']);
    expect(h.sink.sent.find((each) => each.notifierId === 'email')?.notification.title).toMatch(
      /^\[ESCALATED\]/,
    );
    expect(h.engine.listAlerts()[0]?.escalations).toEqual([0]);
    const [incident] = h.engine.listIncidents();
    expect(incident?.timeline.map((event) => event.kind)).toContain('escalated');
  });

  it('does not escalate an acknowledged alert, and stops its repeats', async () => {
    const h = createHarness({ routing: { ...escalation, route: { ...route, repeatInterval: '2m' } } });
    h.fail('search');
    await h.tick();
    await h.tick(30_000);
    const [alert] = h.engine.listAlerts();
    expect(h.engine.acknowledge(alert!.fingerprint, 'alice')).toBe(true);
    for (let elapsed = 0; elapsed < 10 * 60_000; elapsed += 15_000) {
      h.fail('search');
      await h.tick(15_000);
    }
    expect(h.sink.to('email')).toEqual([]);
    expect(h.sink.to('slack')).toEqual(['firing search:firing']);
    expect(h.engine.listAlerts()[0]).toMatchObject({ acknowledgedBy: 'alice', escalations: [] });
  });
});
