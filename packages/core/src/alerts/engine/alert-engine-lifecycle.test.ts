import { describe, expect, it } from 'vitest';
import { createHarness, errorRule } from './engine-test-harness.test-helper.js';

describe('AlertEngine life cycle', () => {
  it('keeps an alert pending until `for` elapsed, then fires', async () => {
    const h = createHarness({ rules: [errorRule({ for: '1m' })] });
    h.fail('search');
    await h.tick();
    expect(h.state()).toEqual(['search:pending']);
    h.fail('search');
    await h.tick(45_000);
    expect(h.state()).toEqual(['search:pending']);
    h.fail('search');
    await h.tick(15_000);
    expect(h.state()).toEqual(['search:firing']);
  });

  it('drops a pending alert whose condition stops holding, without notifying', async () => {
    const h = createHarness({ rules: [errorRule({ for: '1m' })] });
    h.fail('search');
    await h.tick();
    h.succeed('search', 10);
    await h.tick(15_000);
    expect(h.state()).toEqual([]);
    await h.tick(120_000);
    expect(h.sink.sent).toEqual([]);
  });

  it('sends nothing when the alert resolves inside group_wait', async () => {
    const h = createHarness();
    h.fail('search');
    await h.tick();
    expect(h.state()).toEqual(['search:firing']);
    h.succeed('search', 10);
    await h.tick(15_000);
    expect(h.state()).toEqual(['search:resolved']);
    await h.tick(15_000);
    await h.tick(60_000);
    expect(h.sink.sent).toEqual([]);
  });

  it('notifies after group_wait, grouping alerts of the same group into one notification', async () => {
    const h = createHarness();
    h.fail('search');
    await h.tick();
    h.fail('fetch');
    await h.tick(15_000);
    expect(h.sink.sent).toEqual([]);
    await h.tick(15_000);
    expect(h.sink.to('slack')).toEqual(['firing search:firing,fetch:firing']);
    const [{ notification }] = h.sink.sent as [(typeof h.sink.sent)[number]];
    expect(notification).toMatchObject({
      groupKey: 'root:{alertname="ToolFailing"}',
      status: 'firing',
      severity: 'high',
      title: '[FIRING:2] ToolFailing',
      commonLabels: { alertname: 'ToolFailing', severity: 'high', 'mcp.method.name': 'tools/call' },
      service: 'mcp-server',
    });
    expect(notification.alerts[0]?.annotations.summary).toBe('search fails (100 %)');
  });

  it('repeats an unchanged firing group only once repeat_interval elapsed', async () => {
    const h = createHarness();
    h.fail('search');
    await h.tick();
    await h.tick(30_000);
    expect(h.sink.sent).toHaveLength(1);
    for (let elapsed = 0; elapsed < 4 * 60_000; elapsed += 15_000) {
      h.fail('search');
      await h.tick(15_000);
    }
    expect(h.sink.sent).toHaveLength(1);
    for (let elapsed = 0; elapsed < 60_000; elapsed += 15_000) {
      h.fail('search');
      await h.tick(15_000);
    }
    expect(h.sink.to('slack')).toEqual(['firing search:firing', 'firing search:firing']);
  });

  it('notifies at once when a new alert joins an already notified group', async () => {
    const h = createHarness();
    h.fail('search');
    await h.tick();
    await h.tick(30_000);
    expect(h.sink.sent).toHaveLength(1);
    h.fail('search');
    h.fail('fetch');
    await h.tick(15_000);
    expect(h.sink.to('slack')).toEqual(['firing search:firing', 'firing search:firing,fetch:firing']);
  });

  it('sends the resolve on the next group_interval tick', async () => {
    const h = createHarness();
    h.fail('search');
    await h.tick();
    await h.tick(30_000);
    h.succeed('search', 10);
    await h.tick(15_000);
    expect(h.sink.sent).toHaveLength(1);
    await h.tick(45_000);
    expect(h.sink.to('slack')).toEqual(['firing search:firing', 'resolved search:resolved']);
    expect(h.sink.sent[1]?.notification.title).toBe('[RESOLVED] ToolFailing');
  });

  it('keeps firing for keepFiringFor after the condition stops', async () => {
    const h = createHarness({ rules: [errorRule({ keepFiringFor: '1m' })] });
    h.fail('search');
    await h.tick();
    h.succeed('search', 10);
    await h.tick(30_000);
    expect(h.state()).toEqual(['search:firing']);
    await h.tick(30_000);
    expect(h.state()).toEqual(['search:resolved']);
  });

  it('does nothing with mode off, and only on the leader with leader-only', async () => {
    const off = createHarness({ mode: 'off' });
    off.fail('search');
    await off.tick();
    expect(off.state()).toEqual([]);
    let leader = false;
    const follower = createHarness({ mode: 'leader-only', isLeader: () => leader });
    follower.fail('search');
    await follower.tick();
    expect(follower.state()).toEqual([]);
    leader = true;
    await follower.tick();
    expect(follower.state()).toEqual(['search:firing']);
  });
});
