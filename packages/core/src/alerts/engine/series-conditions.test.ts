import { describe, expect, it } from 'vitest';
import { createHarness } from './engine-test-harness.test-helper.js';
import { fingerprintOf } from './fingerprint.js';

// The engine numbers series once per series set, keeps rule selections and reads windows ahead from one
// tick to the next; these tests change the series set and the traffic between ticks to check that what
// the rules see is always the current store.
describe('window-series conditions across ticks', () => {
  it('evaluates a series created after the first tick, with equality and regex matchers', async () => {
    const harness = createHarness({
      rules: [
        {
          name: 'SearchFailing',
          condition: {
            kind: 'error_ratio',
            matchers: [{ name: 'gen_ai.tool.name', operator: '=', value: 'search' }],
            threshold: 0.5,
            window: '1m',
            minCount: 1,
          },
          severity: 'high',
        },
        {
          name: 'AnyFetchFailing',
          condition: {
            kind: 'error_ratio',
            matchers: [{ name: 'gen_ai.tool.name', operator: '=~', value: 'fetch_.*' }],
            threshold: 0.5,
            window: '1m',
            minCount: 1,
          },
          severity: 'high',
        },
      ],
    });
    harness.succeed('other');
    await harness.tick();
    expect(harness.engine.listAlerts()).toEqual([]);

    harness.fail('search');
    harness.fail('fetch_page');
    harness.fail('fetch_other', 2);
    await harness.tick(1000);
    expect(harness.state('SearchFailing')).toEqual(['search:firing']);
    expect(harness.state('AnyFetchFailing').sort()).toEqual(['fetch_other:firing', 'fetch_page:firing']);
  });

  it('sees the first calls of a series that was listed but silent at the previous tick', async () => {
    const harness = createHarness();
    harness.succeed('busy', 3);
    harness.backend.series('mcp.server.operation', {
      'mcp.method.name': 'tools/call',
      'gen_ai.tool.name': 'late',
    });
    await harness.tick();
    expect(harness.engine.listAlerts()).toEqual([]);
    harness.fail('late');
    await harness.tick(1000);
    expect(harness.state()).toEqual(['late:firing']);
  });

  it('follows traffic changes between ticks for quantile and ratio rules on the same window', async () => {
    const harness = createHarness({
      rules: [
        {
          name: 'Slow',
          condition: { kind: 'latency', quantile: 'p95', threshold: 0.5, window: '1m', minCount: 3 },
          severity: 'medium',
        },
        {
          name: 'ToolFailing',
          condition: { kind: 'error_ratio', threshold: 0.5, window: '1m', minCount: 1 },
          severity: 'high',
        },
      ],
    });
    const slow = harness.backend.series('mcp.server.operation', {
      'mcp.method.name': 'tools/call',
      'gen_ai.tool.name': 'slow',
    });
    for (let call = 0; call < 3; call += 1) slow.observe(2, false);
    await harness.tick();
    expect(harness.state('Slow')).toEqual(['slow:firing']);
    const firing = harness.engine.listAlerts().find((alert) => alert.name === 'Slow');
    expect(firing?.value).toBe(slow.window(60).p95);

    // Past the window: no calls, so it resolves; then two fast errors, too few for the quantile, which the
    // ratio (read ahead from the quantile's window) sees at once.
    await harness.tick(120_000);
    expect(harness.state('Slow')).toEqual(['slow:resolved']);
    for (let call = 0; call < 2; call += 1) slow.observe(0.01, true);
    await harness.tick(1000);
    expect(harness.state('Slow')).toEqual(['slow:resolved']);
    expect(harness.state('ToolFailing')).toEqual(['slow:firing']);

    for (let call = 0; call < 5; call += 1) slow.observe(3, false);
    await harness.tick(1000);
    expect(harness.state('Slow')).toEqual(['slow:firing']);
    expect(harness.engine.listAlerts().find((alert) => alert.name === 'Slow')?.value).toBe(
      slow.window(60).p95,
    );
  });

  it('rates a series that never saw a call as zero for throughput below a threshold', async () => {
    const harness = createHarness({
      rules: [
        {
          name: 'Quiet',
          condition: { kind: 'throughput', op: '<', threshold: 0.01 },
          severity: 'low',
          labels: { team: 'search' },
        },
      ],
    });
    harness.backend.series('mcp.server.operation', {
      'mcp.method.name': 'tools/call',
      'gen_ai.tool.name': 'idle',
    });
    await harness.tick();
    await harness.tick(1000);
    const [alert] = harness.engine.listAlerts();
    expect(alert).toMatchObject({ name: 'Quiet', state: 'firing', value: 0 });
    expect(alert?.labels).toEqual({
      'mcp.method.name': 'tools/call',
      'gen_ai.tool.name': 'idle',
      team: 'search',
      alertname: 'Quiet',
      severity: 'low',
    });
    expect(alert?.fingerprint).toBe(fingerprintOf(alert!.labels));
  });
});
