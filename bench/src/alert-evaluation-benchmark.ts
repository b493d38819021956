import { cpus } from 'node:os';
import {
  AlertEngine,
  type AlertRuleV1,
  InMemoryBackend,
  type SloV1,
  type WindowSeries,
} from '@mcp-o11y/core';
import { formatBytes, formatNanoseconds, formatRatio, formatTable } from './format-table.ts';
import { type Headline, reportHeadlines } from './headlines.ts';
import {
  type Benchmark,
  canCollectGarbage,
  collectGarbage,
  consumedTotal,
  measureInterleaved,
  quantile,
} from './measure.ts';

// 10,000 series = 100 tools x 100 clients of `mcp.server.operation`, every one busy over the whole 15-minute
// retention (the worst case: a quiet series is skipped by the minimum-traffic guards). 1,000 rules, each
// scoped to one tool or one client, the way users write them. One tick = what the engine does every
// `evaluationInterval`: every rule over the windows, alert states, grouping, incidents.
const TOOLS = 100;
const CLIENTS = 100;
const SERIES_NAME = 'mcp.server.operation';
const BUCKET_SECONDS = 10;
const RETENTION_SECONDS = 900;
const T0 = 1_700_000_000_000;
const GOAL_MILLISECONDS = 50;

const tool = (index: number): string => `tool_${String(index).padStart(3, '0')}`;
const client = (index: number): string => `client_${String(index).padStart(3, '0')}`;
const byTool = (index: number) => [{ name: 'gen_ai.tool.name', operator: '=' as const, value: tool(index) }];
const byClient = (index: number) => [
  { name: 'mcp.client.name', operator: '=' as const, value: client(index) },
];

/** Eight rules per tool (ratios, rates, streaks, SLO burn) and two per client: 1,000 rules, no quantile. */
function countRules(): { rules: AlertRuleV1[]; slos: SloV1[] } {
  const rules: AlertRuleV1[] = [];
  const slos: SloV1[] = [];
  for (let index = 0; index < TOOLS; index += 1) {
    const matchers = byTool(index);
    const name = tool(index);
    slos.push({ name: `availability-${name}`, objective: { kind: 'availability', target: 0.99 }, matchers });
    rules.push(
      {
        name: `Errors5m_${name}`,
        condition: { kind: 'error_ratio', matchers, threshold: 0.05 },
        for: '1m',
        severity: 'high',
      },
      {
        name: `Errors1m_${name}`,
        condition: { kind: 'error_ratio', matchers, threshold: 0.2, window: '1m', minCount: 5 },
        severity: 'critical',
      },
      {
        name: `Errors15m_${name}`,
        condition: { kind: 'error_ratio', matchers, threshold: 0.1, window: '15m' },
        severity: 'medium',
      },
      {
        name: `Quiet_${name}`,
        condition: { kind: 'throughput', matchers, op: '<', threshold: 0.001 },
        severity: 'low',
      },
      {
        name: `Flood_${name}`,
        condition: { kind: 'throughput', matchers, threshold: 50, window: '1m' },
        severity: 'medium',
      },
      {
        name: `Streak3_${name}`,
        condition: { kind: 'consecutive_failures', matchers, threshold: 3 },
        severity: 'medium',
      },
      {
        name: `Streak10_${name}`,
        condition: { kind: 'consecutive_failures', matchers, threshold: 10 },
        severity: 'high',
      },
      {
        name: `Burn_${name}`,
        condition: { kind: 'slo_burn_rate', slo: `availability-${name}` },
        severity: 'high',
      },
    );
  }
  for (let index = 0; index < CLIENTS; index += 1) {
    const matchers = byClient(index);
    rules.push(
      {
        name: `ClientErrors_${client(index)}`,
        condition: { kind: 'error_ratio', matchers, threshold: 0.05 },
        severity: 'medium',
      },
      {
        name: `ClientStreak_${client(index)}`,
        condition: { kind: 'consecutive_failures', matchers, threshold: 5 },
        severity: 'low',
      },
    );
  }
  return { rules, slos };
}

/** The same 1,000 rules with the 200 per-client ones swapped for p95 and p99 latency per tool. */
function latencyRules(): { rules: AlertRuleV1[]; slos: SloV1[] } {
  const { rules, slos } = countRules();
  const perTool = rules.slice(0, TOOLS * 8);
  for (let index = 0; index < TOOLS; index += 1) {
    const matchers = byTool(index);
    perTool.push(
      {
        name: `P95_${tool(index)}`,
        condition: { kind: 'latency', quantile: 'p95', matchers, threshold: 0.5 },
        severity: 'medium',
      },
      {
        name: `P99_${tool(index)}`,
        condition: { kind: 'latency', quantile: 'p99', matchers, threshold: 1 },
        severity: 'high',
      },
    );
  }
  return { rules: perTool, slos };
}

/** Fills every series with `perBucket` observations in each of `buckets` buckets ending at `end`. */
function fill(
  series: readonly WindowSeries[],
  clock: { now: number },
  buckets: number,
  perBucket: number,
): number {
  let state = 42;
  const random = (): number => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
  for (let bucket = buckets - 1; bucket >= 0; bucket -= 1) {
    clock.now = T0 - bucket * BUCKET_SECONDS * 1000;
    series.forEach((each, index) => {
      // Tool 0 fails 30 % of its calls, so some alerts fire (one per client); the rest 1 %.
      const errorRate = index % TOOLS === 0 ? 0.3 : 0.01;
      // Each tool has its own typical latency (5 to 100 ms); one series spreads over about 4.5x of it.
      const typical = 0.005 * Math.exp(((index % TOOLS) / TOOLS) * 3);
      for (let call = 0; call < perBucket; call += 1) {
        each.observe(typical * Math.exp(random() * 1.5), random() < errorRate);
      }
    });
  }
  clock.now = T0;
  return series.length * buckets * perBucket;
}

interface TickResult {
  readonly name: string;
  readonly rules: number;
  readonly ticksMs: readonly number[];
  readonly alerts: number;
}

async function timeTicks(
  name: string,
  backend: InMemoryBackend,
  clock: { now: number },
  set: { rules: AlertRuleV1[]; slos: SloV1[]; defaultRules: boolean },
  ticks: number,
): Promise<TickResult> {
  const engine = new AlertEngine({
    source: backend,
    sink: { deliver: async () => ({ status: 'delivered', attempts: 1 }) },
    notifiers: ['null'],
    rules: set.rules,
    slos: set.slos,
    defaultRules: set.defaultRules,
    routing: { route: { notifiers: ['null'], groupWait: '0s' } },
    clock: () => clock.now,
    // Ticks are driven by hand; the engine's own timer never runs.
    scheduler: { setTimeout: () => undefined, clearTimeout: () => undefined },
    onError: (error) => {
      throw error;
    },
  });
  const ticksMs: number[] = [];
  for (let tick = 0; tick < ticks + 2; tick += 1) {
    clock.now = T0 + tick * 1000;
    const start = process.hrtime.bigint();
    await engine.evaluateNow();
    // The first two ticks compile and create every alert record; report the steady state.
    if (tick >= 2) ticksMs.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  await engine.drain();
  clock.now = T0;
  const rules = set.rules.length;
  return { name, rules, ticksMs, alerts: engine.listAlerts().length };
}

export const runAlertEvaluationBenchmark: Benchmark = async ({ quick, write }) => {
  const clock = { now: T0 };
  const gc = canCollectGarbage();
  if (gc) collectGarbage();
  // Heap plus ArrayBuffer backing stores: the window buckets keep their numbers in typed arrays, whose
  // storage V8 does not count in heapUsed.
  const retained = (): number => {
    const usage = process.memoryUsage();
    return usage.heapUsed + usage.arrayBuffers;
  };
  const heapBefore = retained();
  const backend = new InMemoryBackend(
    { maxSeries: TOOLS * CLIENTS, bucketSeconds: BUCKET_SECONDS, retentionSeconds: RETENTION_SECONDS },
    () => clock.now,
  );
  const series: WindowSeries[] = [];
  for (let c = 0; c < CLIENTS; c += 1) {
    for (let t = 0; t < TOOLS; t += 1) {
      series.push(
        backend.series(SERIES_NAME, {
          'mcp.method.name': 'tools/call',
          'gen_ai.tool.name': tool(t),
          'mcp.client.name': client(c),
        }),
      );
    }
  }
  const buckets = RETENTION_SECONDS / BUCKET_SECONDS + 1;
  const perBucket = quick ? 2 : 5;
  const observations = fill(series, clock, buckets, perBucket);
  if (gc) collectGarbage();
  const heapPerSeries = gc ? (retained() - heapBefore) / series.length : undefined;

  write('\n## alert-evaluation: cost of one alert evaluation tick\n');
  write(
    `node ${process.version}, ${cpus().length} CPUs (${cpus()[0]?.model ?? 'unknown'}), ${new Date().toISOString()}\n`,
  );
  write(
    `${series.length.toLocaleString('en-US')} series (${TOOLS} tools x ${CLIENTS} clients), each busy in all ${buckets} buckets of ${BUCKET_SECONDS} s ` +
      `(${perBucket} calls per bucket, ${observations.toLocaleString('en-US')} observations); goal: under ${GOAL_MILLISECONDS} ms per tick\n\n`,
  );

  const ticks = quick ? 3 : 15;
  const results = [
    await timeTicks(
      '1,000 rules: ratios, rates, streaks, SLO burn',
      backend,
      clock,
      { ...countRules(), defaultRules: false },
      ticks,
    ),
    await timeTicks(
      '1,000 rules incl. 200 latency quantiles',
      backend,
      clock,
      { ...latencyRules(), defaultRules: false },
      ticks,
    ),
    await timeTicks(
      'default rule pack only',
      backend,
      clock,
      { rules: [], slos: [], defaultRules: true },
      ticks,
    ),
  ];
  write(
    formatTable(
      [
        { header: 'rule set', align: 'left' },
        { header: 'rules', align: 'right' },
        { header: 'ms/tick p50', align: 'right' },
        { header: 'p25-p75', align: 'right' },
        { header: 'max', align: 'right' },
        { header: 'alerts', align: 'right' },
        { header: 'goal', align: 'left' },
      ],
      results.map((result) => {
        const median = quantile(result.ticksMs, 0.5);
        return [
          result.name,
          result.rules === 0 ? 'pack' : String(result.rules),
          median.toFixed(1),
          `${quantile(result.ticksMs, 0.25).toFixed(1)}-${quantile(result.ticksMs, 0.75).toFixed(1)}`,
          Math.max(...result.ticksMs).toFixed(1),
          String(result.alerts),
          median < GOAL_MILLISECONDS ? 'met' : 'MISSED',
        ];
      }),
    ),
  );
  write(`(${ticks} timed ticks each, after 2 untimed ones)\n\n`);
  const headlines: Headline[] = results.map((result) => {
    const median = quantile(result.ticksMs, 0.5);
    return {
      benchmark: 'alert-evaluation',
      measure: `tick, ${result.name} (${series.length.toLocaleString('en-US')} series)`,
      value: `${median.toFixed(1)} ms`,
      goal: `< ${GOAL_MILLISECONDS} ms`,
      met: median < GOAL_MILLISECONDS,
    };
  });

  // What a condition pays per series: the merged-sketch window (quantiles) against the counts-only path.
  const probe = series.slice(0, 1000);
  const summary = measureInterleaved(
    [
      {
        name: 'series.counts(300) (ratios, rates)',
        run: (iterations) => {
          let total = 0;
          for (let index = 0; index < iterations; index += 1)
            total += probe[index % probe.length]!.counts(300).count;
          return total;
        },
      },
      {
        name: 'series.window(300) (quantiles)',
        run: (iterations) => {
          let total = 0;
          for (let index = 0; index < iterations; index += 1)
            total += probe[index % probe.length]!.window(300).count;
          return total;
        },
      },
    ],
    { rounds: quick ? 3 : 11, turnMilliseconds: quick ? 10 : 40, warmupRounds: 2, warmupIterations: 200 },
  );
  write(
    formatTable(
      [
        { header: 'per series and tick', align: 'left' },
        { header: 'ns/call', align: 'right' },
        { header: 'ratio', align: 'right' },
      ],
      summary.variants.map((variant) => [
        variant.name,
        formatNanoseconds(variant.medianNanoseconds),
        formatRatio(variant.medianRatio),
      ]),
    ),
  );
  write(
    heapPerSeries === undefined
      ? 'memory per series: run with --expose-gc to measure\n'
      : `memory per series (heap + array buffers after gc, ${buckets} filled buckets): ${formatBytes(heapPerSeries)}\n`,
  );
  const quantiles = summary.variants[1];
  if (quantiles !== undefined) {
    headlines.push({
      benchmark: 'alert-evaluation',
      measure: 'latency quantile window vs counts, per series',
      value: formatRatio(quantiles.medianRatio),
    });
  }
  headlines.push({
    benchmark: 'alert-evaluation',
    measure: 'memory per series',
    value: heapPerSeries === undefined ? 'n/a' : formatBytes(heapPerSeries),
  });
  reportHeadlines(headlines, write);
  write(`(sink ${consumedTotal().toExponential(3)})\n`);
};
