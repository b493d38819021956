// Record-path and scrape cost of @mcp-o11y/prometheus, as ratios measured in the same run.
// Run from the repository root after `npx tsup` in packages/prometheus:
//   node --expose-gc packages/prometheus/bench/record-path-benchmark.ts [--quick]
import { cpus } from 'node:os';
import { createObservability } from '@mcp-o11y/core';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import { Counter, Histogram, Registry } from 'prom-client';
import { formatNanoseconds, formatRatio, formatTable } from '../../../bench/src/format-table.ts';
import { reportHeadlines } from '../../../bench/src/headlines.ts';
import {
  canCollectGarbage,
  consumedTotal,
  measureInterleaved,
  quantile,
  type VariantSummary,
} from '../../../bench/src/measure.ts';
import { PrometheusMetricReader, prometheus } from '../dist/index.js';

const quick = process.argv.includes('--quick');
const write = (text: string): void => void process.stderr.write(text);
const buckets = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10];
const LABELS = { mcp_method_name: 'tools/call', gen_ai_tool_name: 'echo' };
const ATTRIBUTES = { 'mcp.method.name': 'tools/call', 'gen_ai.tool.name': 'echo' };

function pipeline(): { reader: PrometheusMetricReader; provider: MeterProvider } {
  const reader = new PrometheusMetricReader({ targetInfo: false });
  return { reader, provider: new MeterProvider({ readers: [reader] }) };
}

// ---- record path: one histogram observation with a prebuilt label / attribute set -----------------
const promRegistry = new Registry();
const promHistogram = new Histogram({
  name: 'mcp_server_operation_duration_seconds',
  help: 'duration',
  labelNames: ['mcp_method_name', 'gen_ai_tool_name'],
  buckets,
  registers: [promRegistry],
});
const bound = promHistogram.labels(LABELS);
const recording = pipeline();
const otelHistogram = recording.provider.getMeter('bench').createHistogram('mcp.server.operation.duration', {
  unit: 's',
  advice: { explicitBucketBoundaries: buckets },
});

// What users get: the core pipeline with this adapter (direct histograms, a frozen attribute set reused per
// operation as the MCP instrumentation does), rendered by the same reader.
const observability = await createObservability({
  adapters: [prometheus({ serve: false })],
  memory: false,
  registerGlobals: false,
  logging: { destination: false },
  shutdownHooks: { signals: false, stdinEnd: false, beforeExit: false },
  alerts: false,
});
const coreHistogram = observability.meter.createHistogram('mcp.server.operation.duration', {
  unit: 's',
  advice: { explicitBucketBoundaries: buckets },
});
const FROZEN_ATTRIBUTES = Object.freeze({ ...ATTRIBUTES });

const recordVariants = [
  {
    name: 'prom-client histogram.observe(labels, v)',
    run(iterations: number): number {
      let sum = 0;
      for (let index = 0; index < iterations; index += 1) {
        const value = (index & 1023) / 1000;
        promHistogram.observe(LABELS, value);
        sum += value;
      }
      return sum;
    },
  },
  {
    name: 'OTel histogram.record(v, attributes) → Prometheus reader',
    run(iterations: number): number {
      let sum = 0;
      for (let index = 0; index < iterations; index += 1) {
        const value = (index & 1023) / 1000;
        otelHistogram.record(value, ATTRIBUTES);
        sum += value;
      }
      return sum;
    },
  },
  {
    name: 'core pipeline histogram.record(v, attributes) → Prometheus',
    run(iterations: number): number {
      let sum = 0;
      for (let index = 0; index < iterations; index += 1) {
        const value = (index & 1023) / 1000;
        coreHistogram.record(value, FROZEN_ATTRIBUTES);
        sum += value;
      }
      return sum;
    },
  },
  {
    name: 'prom-client pre-bound labels(...).observe(v)',
    run(iterations: number): number {
      let sum = 0;
      for (let index = 0; index < iterations; index += 1) {
        const value = (index & 1023) / 1000;
        bound.observe(value);
        sum += value;
      }
      return sum;
    },
  },
];

// ---- scrape: 10 000 series, ours (collect + convert + prom-client render) against prom-client alone --
const SERIES = 10_000;
const INSTRUMENTS = 10; // the SDK's default cardinality limit is 2 000 points per instrument
const scraped = pipeline();
const scrapeMeter = scraped.provider.getMeter('bench');
const nativeRegistry = new Registry();
for (let instrument = 0; instrument < INSTRUMENTS; instrument += 1) {
  const counter = scrapeMeter.createCounter(`bench.requests.${instrument}`, { unit: '{request}' });
  const native = new Counter({
    name: `bench_requests_${instrument}_total`,
    help: `bench.requests.${instrument}`,
    labelNames: ['tool', 'method'],
    registers: [nativeRegistry],
  });
  for (let point = 0; point < SERIES / INSTRUMENTS; point += 1) {
    counter.add(point + 1, { tool: `tool_${point}`, method: 'tools/call' });
    native.inc({ tool: `tool_${point}`, method: 'tools/call' }, point + 1);
  }
}

const scrapeVariants: readonly { name: string; run: () => Promise<number> }[] = [
  {
    name: `prom-client registry.metrics(), ${SERIES} native counter series`,
    run: async () => (await nativeRegistry.metrics()).length,
  },
  {
    name: `reader.render() text format, ${SERIES} OTel counter series`,
    run: async () => (await scraped.reader.render(false)).body.length,
  },
  {
    name: `reader.render() OpenMetrics, ${SERIES} OTel counter series`,
    run: async () => (await scraped.reader.render(true)).body.length,
  },
];

/**
 * One scrape takes tens of milliseconds, so measure.ts's calibrated turns (at least 100 operations) would
 * take minutes: here every round runs each variant once, rotated, and ratios are taken within the round.
 */
async function measureScrapes(
  rounds: number,
): Promise<{ name: string; medianMs: number; ratio: number; quartiles: [number, number] }[]> {
  const times = scrapeVariants.map((): number[] => []);
  for (let round = -2; round < rounds; round += 1) {
    for (let offset = 0; offset < scrapeVariants.length; offset += 1) {
      const index = (Math.max(0, round) + offset) % scrapeVariants.length;
      const variant = scrapeVariants[index]!;
      (globalThis as { gc?: (options?: { type: string }) => void }).gc?.({ type: 'minor' });
      const start = process.hrtime.bigint();
      checksum += await variant.run();
      const elapsed = Number(process.hrtime.bigint() - start) / 1e6;
      if (round >= 0) times[index]!.push(elapsed); // the first two rounds are warm-up
    }
  }
  const baseline = times[0]!;
  return scrapeVariants.map((variant, index) => {
    const ratios = times[index]!.map((value, round) => value / baseline[round]!);
    return {
      name: variant.name,
      medianMs: quantile(times[index]!, 0.5),
      ratio: quantile(ratios, 0.5),
      quartiles: [quantile(ratios, 0.25), quantile(ratios, 0.75)],
    };
  });
}
let checksum = 0;

function table(rows: readonly VariantSummary[], unit: string): string {
  return formatTable(
    [
      { header: 'variant' },
      { header: `${unit}/turn`, align: 'right' },
      { header: 'ns each', align: 'right' },
      { header: 'ratio vs first', align: 'right' },
      { header: 'ratio p25-p75', align: 'right' },
    ],
    rows.map((row) => [
      row.name,
      String(row.iterations),
      formatNanoseconds(row.medianNanoseconds),
      formatRatio(row.medianRatio),
      `${formatRatio(row.ratioQuartiles[0])}-${formatRatio(row.ratioQuartiles[1])}`,
    ]),
  );
}

const cpu = cpus();
write(
  `\n## prometheus: record path and scrape\nnode ${process.version}, ${cpu.length} CPUs (${cpu[0]?.model.trim() ?? 'unknown'}), ` +
    `young-generation gc between turns: ${canCollectGarbage() ? 'yes' : 'no (run with --expose-gc)'}\n\n`,
);
const record = measureInterleaved(
  recordVariants,
  quick
    ? { rounds: 7, turnMilliseconds: 10, warmupRounds: 3, warmupIterations: 5_000 }
    : { rounds: 31, turnMilliseconds: 25, warmupRounds: 5, warmupIterations: 50_000 },
);
write(
  `### record path: one histogram observation (median of per-round ratios)\n${table(record.variants, 'records')}\n`,
);
const otel = record.variants[1];
const core = record.variants[2];
write(
  `record-path ratio (bare OTel SDK histogram via this reader ÷ direct prom-client observe): ${formatRatio(otel?.medianRatio ?? Number.NaN)}\n` +
    `record-path ratio (core pipeline via this reader ÷ direct prom-client observe): ${formatRatio(core?.medianRatio ?? Number.NaN)} (goal ≤ 1.2x)\n\n`,
);

const scrape = await measureScrapes(quick ? 3 : 15);
write(
  `### scrape of ${SERIES} series (${quick ? 3 : 15} interleaved rounds after 2 warm-up rounds)\n${formatTable(
    [
      { header: 'variant' },
      { header: 'ms/scrape', align: 'right' },
      { header: 'ratio vs first', align: 'right' },
      { header: 'ratio p25-p75', align: 'right' },
    ],
    scrape.map((row) => [
      row.name,
      row.medianMs.toFixed(1),
      formatRatio(row.ratio),
      `${formatRatio(row.quartiles[0])}-${formatRatio(row.quartiles[1])}`,
    ]),
  )}\n`,
);
write(`scrape time for ${SERIES} series (text format, median): ${scrape[1]?.medianMs.toFixed(1)} ms\n`);
reportHeadlines(
  [
    {
      benchmark: 'prometheus/record-path',
      measure: 'core pipeline record vs prom-client observe',
      value: formatRatio(core?.medianRatio ?? Number.NaN),
      goal: '≤ 1.2x',
      met: (core?.medianRatio ?? Number.POSITIVE_INFINITY) <= 1.2,
    },
    {
      benchmark: 'prometheus/record-path',
      measure: 'bare OTel SDK record vs prom-client observe',
      value: formatRatio(otel?.medianRatio ?? Number.NaN),
    },
    {
      benchmark: 'prometheus/record-path',
      measure: `scrape of ${SERIES} series (text format)`,
      value: `${scrape[1]?.medianMs.toFixed(1) ?? 'n/a'} ms`,
    },
    {
      benchmark: 'prometheus/record-path',
      measure: 'scrape vs prom-client registry.metrics()',
      value: formatRatio(scrape[1]?.ratio ?? Number.NaN),
    },
  ],
  write,
);
write(`(checksum ${consumedTotal() + checksum})\n`);
await recording.provider.shutdown();
await scraped.provider.shutdown();
await observability.shutdown();
