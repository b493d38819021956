import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from './config-error.js';
import { loadConfig } from './load-config.js';

async function load(yaml: string): Promise<Awaited<ReturnType<typeof loadConfig>>> {
  const directory = mkdtempSync(join(tmpdir(), 'mcp-o11y-alerts-config-'));
  const file = join(directory, 'mcp-o11y.config.yaml');
  writeFileSync(file, yaml);
  return loadConfig(file, { env: { STATE: '/var/lib/mcp-o11y' } });
}

async function issuesOf(yaml: string): Promise<{ path: string; message: string }[]> {
  const error = await load(yaml).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(ConfigError);
  return (error as ConfigError).issues.map(({ path, message }) => ({ path, message }));
}

describe('the alerts section of the config file', () => {
  it('loads rules, routing, state and delivery into createObservability options', async () => {
    const options = await load(`
alerts:
  mode: leader-only
  evaluationInterval: 10s
  retention: 7d
  state: { directory: "\${STATE}" }
  rules:
    - name: SearchSlow
      condition: { kind: latency, quantile: p95, threshold: 0.3, matchers: ['gen_ai.tool.name="search"'] }
      for: 1m
      severity: medium
      annotations: { summary: "p95 of {{labels.gen_ai.tool.name}} is {{value}} s" }
  routing:
    route:
      notifiers: [slack]
      groupWait: 10s
      routes:
        - matchers: ['severity="critical"']
          notifiers: [slack, email]
    inhibitRules:
      - sourceMatchers: ['severity="critical"']
        targetMatchers: ['severity=~"low|medium"']
        equal: [gen_ai.tool.name]
    notifiers: { email: { sendResolved: false } }
    escalations:
      - severities: [critical]
        steps: [{ after: 15m, notifiers: [email] }]
  delivery:
    defaults: { attemptTimeoutMs: 5000, backoff: { initialMs: 250 } }
    closeTimeoutMs: 2000
`);
    const alerts = options.alerts;
    if (alerts === false || alerts === undefined) throw new Error('alerts missing');
    expect(alerts.mode).toBe('leader-only');
    expect(alerts.state).toEqual({ directory: '/var/lib/mcp-o11y' });
    expect(alerts.rules?.[0]?.condition).toEqual({
      kind: 'latency',
      quantile: 'p95',
      threshold: 0.3,
      matchers: [{ name: 'gen_ai.tool.name', operator: '=', value: 'search' }],
    });
    expect(alerts.routing?.route?.routes?.[0]?.matchers).toEqual([
      { name: 'severity', operator: '=', value: 'critical' },
    ]);
    expect(alerts.routing?.escalations?.[0]?.steps[0]?.after).toBe('15m');
    expect(alerts.delivery).toEqual({
      defaults: { attemptTimeoutMs: 5000, backoff: { initialMs: 250 } },
      closeTimeoutMs: 2000,
    });
  });

  it('accepts alerts: false', async () => {
    expect((await load('alerts: false\n')).alerts).toBe(false);
  });

  it('refuses an unknown metric, a bad duration and a bad template with their field paths', async () => {
    const issues = await issuesOf(`
alerts:
  rules:
    - name: Bad
      condition: { kind: error_ratio, threshold: 0.1, window: 5x }
      severity: high
      annotations: { summary: "{{#each labels}}" }
    - name: Unknown
      condition: { kind: metric, metric: my.queue.depth, threshold: 100 }
      severity: low
`);
    expect(issues.map((issue) => issue.path)).toEqual([
      'alerts.rules[0].condition.window',
      'alerts.rules[0].annotations.summary',
    ]);
    expect(issues[0]?.message).toMatch(/expected a duration/);
    // Cross-field checks run once the schema passes, so a file is fixed in at most two rounds.
    const second = await issuesOf(`
alerts:
  rules:
    - name: Unknown
      condition: { kind: metric, metric: my.queue.depth, threshold: 100 }
      severity: low
    - name: Burn
      condition: { kind: slo_burn_rate, slo: checkout }
      severity: high
    - name: Wide
      condition: { kind: throughput, op: '<', threshold: 1, window: 1h }
      severity: low
`);
    expect(second).toEqual([
      {
        path: 'alerts.rules[0].condition.metric',
        message: expect.stringMatching(/unknown metric "my.queue.depth".*customMetrics/),
      },
      { path: 'alerts.rules[1].condition.slo', message: expect.stringMatching(/unknown SLO "checkout"/) },
      {
        path: 'alerts.rules[2].condition.window',
        message: expect.stringMatching(/in-memory retention \(900 s\)/),
      },
    ]);
  });

  it('refuses misspelt keys in routing, delivery and state with their paths', async () => {
    const issues = await issuesOf(`
alerts:
  mode: sometimes
  routing:
    route:
      routes:
        - matchers: ['severity=="critical"']
          group_wait: 10s
  delivery: { defaults: { attemptTimeout: 5s } }
  state: { dir: /tmp }
`);
    expect(issues.map((issue) => issue.path).sort()).toEqual([
      'alerts.delivery.defaults.attemptTimeout',
      'alerts.mode',
      'alerts.routing.route.routes[0].group_wait',
      'alerts.routing.route.routes[0].matchers[0]',
      'alerts.state.dir',
    ]);
  });

  it('refuses alerts when the in-memory backend is off', async () => {
    expect(await issuesOf('memory: false\nalerts: { defaultRules: false }\n')).toEqual([
      { path: 'alerts', message: expect.stringMatching(/memory: false/) },
    ]);
  });

  it('lets customMetrics name your own instruments and windows reach memory.retentionSeconds', async () => {
    const options = await load(`
memory: { retentionSeconds: 3600 }
alerts:
  customMetrics: [my.queue.depth]
  rules:
    - name: QueueDeep
      condition: { kind: metric, metric: my.queue.depth, threshold: 100 }
      severity: low
    - name: Quiet
      condition: { kind: throughput, op: '<', threshold: 1, window: 1h }
      severity: low
`);
    const alerts = options.alerts === false ? undefined : options.alerts;
    expect(alerts?.rules?.map((rule) => rule.name)).toEqual(['QueueDeep', 'Quiet']);
  });
});
