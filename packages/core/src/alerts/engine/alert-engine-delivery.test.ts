import { describe, expect, it } from 'vitest';
import { InMemoryBackend } from '../../store/in-memory-backend.js';
import { createHarness, MemoryStateStore } from './engine-test-harness.test-helper.js';

const route = {
  notifiers: ['slack', 'email', 'teams'],
  groupBy: ['alertname'],
  groupWait: '30s',
  groupInterval: '1m',
  repeatInterval: '1h',
} as const;

describe('AlertEngine resolves, incidents and restarts', () => {
  it('sends a resolve only to notifiers that got the firing and have sendResolved', async () => {
    const h = createHarness({
      notifiers: ['slack', 'email', 'teams'],
      routing: { route, notifiers: { email: { sendResolved: false } } },
    });
    h.sink.failing.add('teams');
    h.fail('search');
    await h.tick();
    await h.tick(30_000);
    h.succeed('search', 10);
    await h.tick(60_000);
    expect(h.sink.to('slack')).toEqual(['firing search:firing', 'resolved search:resolved']);
    expect(h.sink.to('email')).toEqual(['firing search:firing']);
    expect(h.sink.to('teams')).toEqual([]);
    await h.tick(60_000);
    expect(h.sink.sent).toHaveLength(3);
  });

  it('records an incident timeline: opened, notified, acknowledged, resolved, closed', async () => {
    const h = createHarness();
    h.fail('search');
    await h.tick();
    await h.tick(30_000);
    h.engine.acknowledge(h.engine.listAlerts()[0]!.fingerprint, 'alice');
    h.succeed('search', 10);
    await h.tick(60_000);
    const [incident] = h.engine.listIncidents();
    expect(incident).toMatchObject({
      id: 'id-1',
      status: 'resolved',
      groupKey: 'root:{alertname="ToolFailing"}',
      title: 'search fails (100 %)',
      severity: 'high',
    });
    expect(incident!.timeline.map((event) => [event.kind, event.actor])).toEqual([
      ['opened', 'engine'],
      ['notified', 'slack'],
      ['acknowledged', 'alice'],
      ['resolved', 'engine'],
      ['notified', 'slack'],
    ]);
    const start = Date.UTC(2026, 0, 15, 9, 0, 0);
    expect(incident!.timeline.map((event) => (event.at - start) / 1000)).toEqual([0, 30, 30, 90, 90]);
    expect(h.engine.closeIncident('id-1', 'bob', 'postmortem done')).toBe(true);
    expect(h.engine.listIncidents()[0]).toMatchObject({ status: 'closed', closedAt: start + 90_000 });
    expect(h.engine.closeIncident('id-1', 'bob')).toBe(false);
  });

  it('purges closed incidents after the retention but keeps open ones', async () => {
    const h = createHarness({ retention: '1h' });
    h.fail('search');
    await h.tick();
    h.engine.closeIncident('id-1', 'bob');
    await h.tick(2 * 3_600_000);
    h.fail('fetch');
    await h.tick(15_000);
    expect(h.engine.listIncidents().map((incident) => incident.status)).toEqual(['open']);
  });

  it('after a restart sends exactly the lost resolve, and no duplicate firing', async () => {
    const store = new MemoryStateStore();
    let now = Date.UTC(2026, 0, 15, 9, 0, 0);
    let clock = () => now;
    // One backend (the process's windows are rebuilt by traffic; sharing it keeps the test short), on the
    // clock of whichever engine is current.
    const backend = new InMemoryBackend({}, () => clock());
    const first = createHarness({ store, backend, start: now });
    clock = first.clock;
    first.fail('search');
    await first.tick();
    await first.tick(30_000);
    expect(first.sink.to('slack')).toEqual(['firing search:firing']);
    // Killed here: no stop(). A new process restores the saved state 15 s later; the tool has recovered.
    now = first.clock() + 15_000;
    const second = createHarness({ store, backend, start: now });
    clock = second.clock;
    second.succeed('search', 5);
    await second.tick();
    expect(second.state()).toEqual(['search:resolved']);
    expect(second.sink.sent).toEqual([]);
    for (let tick = 0; tick < 8; tick += 1) await second.tick(15_000);
    expect(second.sink.to('slack')).toEqual(['resolved search:resolved']);
    expect(second.engine.listIncidents().map((incident) => incident.status)).toEqual(['resolved']);
  });

  it('a firing alert that is still firing after a restart is not notified again inside repeat_interval', async () => {
    const store = new MemoryStateStore();
    const start = Date.UTC(2026, 0, 15, 9, 0, 0);
    const first = createHarness({ store, start });
    first.fail('search');
    await first.tick();
    await first.tick(30_000);
    const second = createHarness({ store, start: start + 40_000 });
    for (let tick = 0; tick < 8; tick += 1) {
      second.fail('search');
      await second.tick(tick === 0 ? 0 : 15_000);
    }
    expect(second.state()).toEqual(['search:firing']);
    expect(second.sink.sent).toEqual([]);
  });

  it('sends a test notification to every notifier through the sink', async () => {
    const h = createHarness();
    h.sink.failing.add('email');
    const outcomes = await h.engine.sendTestNotification();
    expect(outcomes.map((each) => [each.notifierId, each.outcome.status])).toEqual([
      ['slack', 'delivered'],
      ['email', 'failed'],
    ]);
    expect(h.sink.sent[0]?.notification.title).toBe('[TEST] mcp-o11y notification');
  });
});
