import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AlertRuleV1 } from '@mcp-o11y/core';
import { describe, expect, it } from 'vitest';
import { convertTemplate } from '../../src/generate/convert-template.js';
import { generatePrometheusRules } from '../../src/generate/generate-prometheus-rules.js';
import { FIXTURE_RULES_OPTIONS } from './fixture-options.js';
import { runTool, tempFiles } from './run-tool.js';

const fixtures = join(import.meta.dirname, 'fixtures');
const UNIT_TESTS = [
  'default-alerts.test.yml',
  'slo-burn-alerts.test.yml',
  'security-alerts.test.yml',
  'result-size-alerts.test.yml',
];

async function checkGenerated(yaml: string) {
  const files = tempFiles({ 'rules.yml': yaml });
  try {
    return await runTool('promtool', ['check', 'rules', join(files.dir, 'rules.yml')]);
  } finally {
    files.cleanup();
  }
}

describe('generated Prometheus rules', () => {
  it('pass promtool check rules', async () => {
    const run = await checkGenerated(generatePrometheusRules(FIXTURE_RULES_OPTIONS).yaml);
    expect(run.output).toContain('SUCCESS: 75 rules found');
    expect(run.code).toBe(0);
  });

  it('promtool unit tests: each default alert and each SLO burn alert fires and resolves', async () => {
    // The committed unit tests load the rule file the generator writes now (never a stale copy).
    const files = tempFiles({
      'mcp-o11y-rules.yml': generatePrometheusRules(FIXTURE_RULES_OPTIONS).yaml,
      ...Object.fromEntries(UNIT_TESTS.map((name) => [name, readFileSync(join(fixtures, name), 'utf8')])),
    });
    try {
      const run = await runTool('promtool', ['test', 'rules', ...UNIT_TESTS], files.dir);
      expect(run.output).not.toContain('FAILED');
      expect(run.code).toBe(0);
      expect(run.output.match(/SUCCESS/g)).toHaveLength(UNIT_TESTS.length);
    } finally {
      files.cleanup();
    }
    // promtool replays days of series for the slow burn-rate windows: seconds on a quiet machine, more
    // when CI shares the cores.
  }, 300_000);

  it('cover every default rule but the health check, which has no metric', () => {
    const { file, skipped } = generatePrometheusRules(FIXTURE_RULES_OPTIONS);
    const alerts = new Set(file.groups.flatMap((group) => group.rules.flatMap((rule) => rule.alert ?? [])));
    expect([...alerts].sort()).toEqual(
      [
        'AuthenticationFailures',
        'CircuitBreakerOpen',
        'HighCpuUsage',
        'HighErrorRate',
        'HighLatencyP95',
        'HighMemoryUsage',
        'LargeToolResults',
        'SloBurnRate:availability',
        'SloBurnRate:error-rate',
        'SloBurnRate:latency-p95',
        'SloBurnRate:latency-p99',
        'SlowIntegrationCalls',
        'TooManyRequestsInFlight',
      ].sort(),
    );
    expect(skipped).toEqual([
      { rule: 'HealthCheckFailing', reason: expect.stringContaining('not exported') },
    ]);
  });

  it('every condition kind and option combination passes promtool check rules', async () => {
    const rules: AlertRuleV1[] = [
      {
        name: 'Throughput',
        severity: 'low',
        condition: {
          kind: 'throughput',
          op: '<',
          threshold: 0.1,
          window: '10m',
          series: 'mcp.client.operation',
        },
      },
      {
        name: 'IntegrationErrors',
        severity: 'medium',
        keepFiringFor: '5m',
        labels: { 'team.name': 'ops' },
        condition: {
          kind: 'error_ratio',
          series: 'mcp_o11y.integration',
          threshold: 0.2,
          matchers: [{ name: 'integration.name', operator: '=~', value: 'pay.*' }],
        },
      },
      {
        name: 'P99',
        severity: 'high',
        condition: {
          kind: 'latency',
          quantile: 'p99',
          threshold: 2,
          matchers: [{ name: 'gen_ai.tool.name', operator: '!=', value: 'say "hi"\\' }],
        },
      },
      {
        name: 'Retries',
        severity: 'low',
        condition: {
          kind: 'metric',
          metric: 'mcp_o11y.integration.retries',
          aggregate: 'increase',
          threshold: 5,
        },
      },
      {
        name: 'GcRate',
        severity: 'low',
        condition: {
          kind: 'metric',
          metric: 'v8js.gc.duration',
          aggregate: 'rate',
          by: ['v8js.gc.type'],
          threshold: 5,
        },
      },
      {
        name: 'InFlightByMethod',
        severity: 'medium',
        condition: { kind: 'in_flight', by: ['mcp.method.name'], threshold: 10 },
      },
      {
        name: 'HalfOpen',
        severity: 'medium',
        condition: {
          kind: 'circuit_breaker_open',
          includeHalfOpen: true,
          matchers: [{ name: 'integration.name', operator: '=', value: 'db' }],
        },
      },
      { name: 'Streak', severity: 'low', condition: { kind: 'consecutive_failures', threshold: 3 } },
      {
        name: 'Templates',
        severity: 'low',
        annotations: {
          summary:
            '{{alertname}} {{severity}} {{window}} {{valuePercent}} {{thresholdPercent}} % {{labels.mcp.method.name}} {{nope}}',
          description: 'literal }} and {{value}}',
        },
        condition: { kind: 'throughput', threshold: 1 },
      },
      { name: 'CheckoutSlo', severity: 'critical', condition: { kind: 'slo_burn_rate', slo: 'checkout' } },
    ];
    const generated = generatePrometheusRules({
      rules: {
        rules,
        slos: [
          {
            name: 'checkout',
            objective: { kind: 'latency', thresholdSeconds: 0.3, target: 0.9 },
            matchers: [{ name: 'gen_ai.tool.name', operator: '=', value: 'checkout' }],
          },
        ],
        defaultRules: false,
      },
      selector: 'job="mcp-search"',
      serviceLabel: 'service',
      groupPrefix: 'search',
      interval: '30s',
    });
    expect(generated.skipped.map((skip) => skip.rule)).toEqual(['Streak']);
    const files = tempFiles({ 'rules.yml': generated.yaml });
    try {
      const run = await runTool('promtool', ['check', 'rules', join(files.dir, 'rules.yml')]);
      expect(run.output).toContain('SUCCESS');
      expect(run.code).toBe(0);
    } finally {
      files.cleanup();
    }
    // The latency threshold snaps to the bucket bound below it (0.3 s counts against le="0.2").
    expect(generated.yaml).toContain('le=\\"0.2\\"');
    expect(generated.yaml).toContain('gen_ai_tool_name=\\"checkout\\"');
  });

  it('promtool check rules rejects a broken file, so the checks above can fail', async () => {
    const files = tempFiles({
      'bad.yml': 'groups:\n  - name: x\n    rules:\n      - alert: A\n        expr: "sum(rate(x[5m])"\n',
    });
    try {
      const run = await runTool('promtool', ['check', 'rules', join(files.dir, 'bad.yml')]);
      expect(run.code).not.toBe(0);
      expect(run.output).toContain('parse error');
    } finally {
      files.cleanup();
    }
  });
});

describe('convertTemplate', () => {
  const values = { alertname: 'HighErrorRate', severity: 'high', threshold: 0.05, window: '5m' };

  it('turns core placeholders into Prometheus template actions', () => {
    expect(
      convertTemplate(
        '{{labels.gen_ai.tool.name}} is {{valuePercent}} % (above {{thresholdPercent}} %) over {{window}}',
        values,
      ),
    ).toBe('{{ $labels.gen_ai_tool_name }} is {{ $value | humanizePercentage }} (above 5 %) over 5m');
    expect(convertTemplate('{{value}} > {{threshold}} for {{alertname}} ({{severity}})', values)).toBe(
      '{{ printf "%.4g" $value }} > 0.05 for HighErrorRate (high)',
    );
  });

  it('renders unknown or unavailable variables visibly, as Go string literals', () => {
    expect(convertTemplate('{{nope}} {{threshold}}', { alertname: 'A', severity: 'low' })).toBe(
      '{{ "{{?nope}}" }} {{ "{{?threshold}}" }}',
    );
  });
});
