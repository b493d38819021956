import { AlertEngine, InMemoryBackend, type NotificationV1, parseRules } from '@mcp-o11y/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { recordSuiteResult } from '../report/suite-result.js';
import { expectConfigOutcome } from './config-outcome.js';
import { fuzzRuns } from './fuzz-runs.js';
import { hostileString, hostileTree, nestedArrays, settle, stableText } from './hostile-values.js';
import { prototypeChanges, snapshotPrototypes } from './prototype-guard.js';

// Alert rule files (`parseRules`, the `alerts` section's schema) fed with hostile input. Whatever
// parseRules accepts must then run in a real AlertEngine over a real in-memory backend without throwing.

const RULE_KEYS = [
  'rules',
  'slos',
  'defaultRules',
  'customMetrics',
  'name',
  'condition',
  'kind',
  'for',
  'keepFiringFor',
  'severity',
  'labels',
  'annotations',
  'summary',
  'description',
  'runbook',
  'message',
  'enabled',
  'series',
  'matchers',
  'window',
  'op',
  'threshold',
  'minCount',
  'quantile',
  'metric',
  'aggregate',
  'by',
  'numerator',
  'denominator',
  'includeHalfOpen',
  'check',
  'status',
  'slo',
  'windows',
  'long',
  'short',
  'factor',
  'objective',
  'target',
  'thresholdSeconds',
  'operator',
  'value',
] as const;

const RULE_LEAVES = [
  fc.constantFrom(
    'error_ratio',
    'latency',
    'throughput',
    'consecutive_failures',
    'metric',
    'metric_ratio',
    'in_flight',
    'circuit_breaker_open',
    'health_check_status',
    'slo_burn_rate',
    'availability',
  ),
  fc.constantFrom('low', 'medium', 'high', 'critical', 'p50', 'p99', '>', '<=', '=~', '!='),
  fc.constantFrom('5m', '0s', '1ms', '30d', '999999999999d', '5x', '-1m', '1.5h', '', 'PT5M'),
  fc.constantFrom('mcp.server.operation', 'process.cpu.utilization', 'mcp_o11y.errors', '__proto__'),
  fc.constantFrom(
    'gen_ai.tool.name="search"',
    'tool=~"("',
    'tool=~"(a+)+$"',
    '__proto__="x"',
    'constructor!~".*"',
    '="x"',
    'a="\\"',
  ),
  fc.constantFrom(
    '{{labels.gen_ai.tool.name}} fails at {{valuePercent}} %',
    '{{labels.__proto__}} {{labels.constructor}}',
    '{{constructor.constructor("return process")()}}',
    '{{{{value}}}}',
    '{{ value',
    '{{labels.}}',
    `${'{{value}}'.repeat(1_000)}`,
  ),
  fc.constantFrom('latency-p95', 'availability', 'HighErrorRate', 'SloBurnRate:availability'),
];

const rulesTree = hostileTree(RULE_KEYS, RULE_LEAVES);

/** A rules file shaped like a real one, with hostile strings and numbers where values go. */
const plausibleRules = fc.record({
  rules: fc.array(
    fc.record({
      name: fc.oneof(fc.constantFrom('ToolFailing', 'A_b:c.d-e'), hostileString(2)),
      condition: fc.oneof(
        fc.record({
          kind: fc.constant('error_ratio'),
          threshold: fc.double(),
          window: fc.constantFrom('1m', '5m', '16m'),
          minCount: fc.integer({ min: -1, max: 5 }),
        }),
        fc.record({
          kind: fc.constant('throughput'),
          threshold: fc.double(),
          matchers: fc.array(RULE_LEAVES[4] as fc.Arbitrary<string>, { maxLength: 3 }),
        }),
        fc.record({ kind: fc.constant('consecutive_failures'), threshold: fc.integer({ min: -1, max: 3 }) }),
      ),
      severity: fc.constantFrom('low', 'high', 'critical'),
      labels: fc.dictionary(fc.constantFrom('team', 'x.y', '__proto__', 'bad key'), hostileString(3), {
        maxKeys: 3,
      }),
      annotations: fc.record({ summary: RULE_LEAVES[5] as fc.Arbitrary<string> }),
    }),
    { maxLength: 4 },
  ),
  defaultRules: fc.boolean(),
});

/** Runs accepted rules once in a real engine over a backend holding series with hostile label values. */
async function evaluate(
  rules: ReturnType<typeof parseRules>,
  labelValues: readonly string[],
): Promise<unknown[]> {
  const now = Date.UTC(2026, 0, 15, 9, 0, 0);
  const backend = new InMemoryBackend({}, () => now);
  for (const value of labelValues) {
    const series = backend.series('mcp.server.operation', {
      'mcp.method.name': 'tools/call',
      'gen_ai.tool.name': value,
    });
    for (let call = 0; call < 12; call += 1) series.observe(0.01 * call, call % 2 === 0);
  }
  const errors: unknown[] = [];
  const sent: NotificationV1[] = [];
  const engine = new AlertEngine({
    source: backend,
    sink: {
      deliver: async (_id, notification) => {
        sent.push(notification);
        return { status: 'delivered', attempts: 1 };
      },
    },
    notifiers: ['test'],
    rules: rules.rules,
    slos: rules.slos,
    defaultRules: rules.defaultRules,
    clock: () => now,
    scheduler: { setTimeout: () => undefined, clearTimeout: () => undefined },
    onError: (error) => errors.push(error),
  });
  await engine.evaluateNow();
  await engine.drain();
  await engine.stop();
  return errors;
}

describe('alert rule files with hostile input', () => {
  it('parseRules returns rules or a ConfigError with paths; accepted rules evaluate without errors', async () => {
    const prototypes = snapshotPrototypes();
    let runs = 0;
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(rulesTree, plausibleRules),
        fc.array(hostileString(4), { maxLength: 3 }),
        async (raw, labelValues) => {
          runs += 1;
          const before = stableText(raw);
          const outcome = await settle(() =>
            parseRules(raw, { source: 'rules.yaml', pathPrefix: ['alerts'] }),
          );
          expectConfigOutcome(outcome, 'rules.yaml');
          expect(stableText(raw)).toBe(before);
          if (outcome.ok) {
            accepted += 1;
            expect(await evaluate(outcome.value, labelValues)).toEqual([]);
          } else {
            for (const issue of (outcome.error as { issues: { path: string }[] }).issues) {
              expect(issue.path.startsWith('alerts')).toBe(true);
            }
          }
          expect(prototypeChanges(prototypes)).toEqual([]);
        },
      ),
      fuzzRuns(150, 3_000),
    );
    expect(accepted).toBeGreaterThan(0);
    recordSuiteResult({
      area: 'fuzz',
      scenario: `alert rules: parseRules, ${runs} hostile files`,
      faults: runs,
      note: `${accepted} accepted and evaluated by a real AlertEngine without errors, the rest refused with paths under alerts.*`,
    });
  });

  it('refuses nested and oversized rule files with a ConfigError', async () => {
    const cases: unknown[] = [
      { rules: nestedArrays(100_000) },
      { rules: [{ name: 'X', severity: 'low', condition: nestedArrays(100_000) }] },
      {
        rules: Array.from({ length: 20_000 }, () => ({
          name: 'Dup',
          severity: 'low',
          condition: { kind: 'throughput', threshold: 1 },
        })),
      },
      { customMetrics: Array.from({ length: 50_000 }, (_, index) => `bad metric ${index}`) },
      'not an object',
      42,
      [],
    ];
    for (const raw of cases) {
      const outcome = await settle(() => parseRules(raw, { source: 'rules.yaml' }));
      expectConfigOutcome(outcome, 'rules.yaml');
      expect(outcome.ok).toBe(false);
    }
    recordSuiteResult({
      area: 'fuzz',
      scenario: 'alert rules: 100 000 levels, 20 000 duplicate rules, 50 000 bad metric names, non-objects',
      faults: cases.length,
      note: 'each refused with a ConfigError; message bounded',
    });
  });
});
