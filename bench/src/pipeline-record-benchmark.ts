import { cpus } from 'node:os';
import { createObservability, InMemoryBackend, type Observability } from '@mcp-o11y/core';
import {
  type Attributes,
  type Counter,
  type Histogram,
  SpanKind,
  SpanStatusCode,
  type Tracer,
} from '@opentelemetry/api';
import { formatBytes, formatNanoseconds, formatRatio, formatTable } from './format-table.ts';
import { reportHeadlines } from './headlines.ts';
import {
  type Benchmark,
  canCollectGarbage,
  consumedTotal,
  measureInterleaved,
  measureRetainedHeap,
  type Variant,
} from './measure.ts';

// One record is what the MCP server instrumentation does per request: a server span with four
// attributes (one of them per request), a duration histogram point and a counter increment with a
// prebuilt attribute set, and one observation into the in-memory window series. One request in 64 fails.
const SPAN_NAME = 'tools/call echo';
const STATUS_ERROR = { code: SpanStatusCode.ERROR };
const OK_ATTRIBUTES: Attributes = { 'mcp.method.name': 'tools/call', 'gen_ai.tool.name': 'echo' };
const ERROR_ATTRIBUTES: Attributes = { ...OK_ATTRIBUTES, 'error.type': 'tool_error' };
const SERIES_NAME = 'mcp.server.request';
const SERIES_LABELS = { method: 'tools/call', target: 'echo' };

const QUIET = {
  logging: { destination: false },
  shutdownHooks: { signals: false, stdinEnd: false, beforeExit: false },
  // Every pipeline here stays private; the context manager is installed either way, as in production.
  registerGlobals: false,
} as const;

interface Instruments {
  readonly tracer: Tracer;
  readonly duration: Histogram;
  readonly requests: Counter;
}

function instrumentsOf(observability: Observability): Instruments {
  return {
    tracer: observability.tracer,
    duration: observability.meter.createHistogram('mcp.server.operation.duration', { unit: 's' }),
    requests: observability.meter.createCounter('mcp.server.requests', { unit: '{request}' }),
  };
}

// Each variant below owns its loop (see Variant.run). All of them read the clock twice and sum the
// duration and the errors, so the ratios compare telemetry against the same bookkeeping without it.

function bareLoop(iterations: number): number {
  let seconds = 0;
  let errors = 0;
  for (let index = 0; index < iterations; index += 1) {
    const start = process.hrtime.bigint();
    const isError = (index & 63) === 63;
    const elapsed = Number(process.hrtime.bigint() - start) / 1e9;
    seconds += elapsed;
    errors += isError ? 1 : 0;
  }
  return seconds + errors;
}

function telemetryLoop({ tracer, duration, requests }: Instruments): (iterations: number) => number {
  return (iterations) => {
    let seconds = 0;
    let errors = 0;
    for (let index = 0; index < iterations; index += 1) {
      const start = process.hrtime.bigint();
      const span = tracer.startSpan(SPAN_NAME, {
        kind: SpanKind.SERVER,
        attributes: {
          'mcp.method.name': 'tools/call',
          'gen_ai.tool.name': 'echo',
          'network.transport': 'pipe',
          'jsonrpc.request.id': index,
        },
      });
      const isError = (index & 63) === 63;
      if (isError) span.setStatus(STATUS_ERROR);
      span.end();
      const elapsed = Number(process.hrtime.bigint() - start) / 1e9;
      const attributes = isError ? ERROR_ATTRIBUTES : OK_ATTRIBUTES;
      duration.record(elapsed, attributes);
      requests.add(1, attributes);
      seconds += elapsed;
      errors += isError ? 1 : 0;
    }
    return seconds + errors;
  };
}

function observeLoop(backend: InMemoryBackend): (iterations: number) => number {
  const series = backend.series(SERIES_NAME, SERIES_LABELS);
  return (iterations) => {
    let seconds = 0;
    let errors = 0;
    for (let index = 0; index < iterations; index += 1) {
      const start = process.hrtime.bigint();
      const isError = (index & 63) === 63;
      const elapsed = Number(process.hrtime.bigint() - start) / 1e9;
      series.observe(elapsed, isError);
      seconds += elapsed;
      errors += isError ? 1 : 0;
    }
    return seconds + errors;
  };
}

function fullRecordLoop(instruments: Instruments, backend: InMemoryBackend): (iterations: number) => number {
  const { tracer, duration, requests } = instruments;
  const series = backend.series(SERIES_NAME, SERIES_LABELS);
  return (iterations) => {
    let seconds = 0;
    let errors = 0;
    for (let index = 0; index < iterations; index += 1) {
      const start = process.hrtime.bigint();
      const span = tracer.startSpan(SPAN_NAME, {
        kind: SpanKind.SERVER,
        attributes: {
          'mcp.method.name': 'tools/call',
          'gen_ai.tool.name': 'echo',
          'network.transport': 'pipe',
          'jsonrpc.request.id': index,
        },
      });
      const isError = (index & 63) === 63;
      if (isError) span.setStatus(STATUS_ERROR);
      span.end();
      const elapsed = Number(process.hrtime.bigint() - start) / 1e9;
      const attributes = isError ? ERROR_ATTRIBUTES : OK_ATTRIBUTES;
      duration.record(elapsed, attributes);
      requests.add(1, attributes);
      series.observe(elapsed, isError);
      seconds += elapsed;
      errors += isError ? 1 : 0;
    }
    return seconds + errors;
  };
}

async function defaultPipeline(): Promise<{ observability: Observability; store: InMemoryBackend }> {
  const observability = await createObservability(QUIET);
  if (observability.store === undefined) {
    throw new Error('[@mcp-o11y/bench] the default pipeline has no store; memory must be on by default.');
  }
  return { observability, store: observability.store };
}

/** Prints the per-record cost of the telemetry pipelines as ratios against a bare loop of the same run. */
export const runPipelineRecordBenchmark: Benchmark = async ({ quick, write }) => {
  const settings = quick
    ? {
        rounds: 7,
        turnMilliseconds: 10,
        warmupRounds: 3,
        warmupIterations: 5_000,
        checkpoints: [100, 1_000, 10_000],
      }
    : {
        rounds: 21,
        turnMilliseconds: 25,
        warmupRounds: 3,
        warmupIterations: 20_000,
        checkpoints: [100, 1_000, 10_000, 100_000],
      };
  const noAdapter = await createObservability({ ...QUIET, memory: false });
  const direct = new InMemoryBackend();
  const full = await defaultPipeline();
  const variants: Variant[] = [
    { name: 'bare loop (clock + sums)', run: bareLoop },
    { name: 'no-adapter pipeline (no-op tracer/meter)', run: telemetryLoop(instrumentsOf(noAdapter)) },
    { name: 'in-memory backend: series.observe only', run: observeLoop(direct) },
    {
      name: 'default pipeline (memory on)',
      run: fullRecordLoop(instrumentsOf(full.observability), full.store),
    },
  ];

  const cpu = cpus();
  write(`\n## pipeline-record: cost of one telemetry record\n`);
  write(
    `node ${process.version}, ${cpu.length} CPUs (${cpu[0]?.model.trim() ?? 'unknown'}), ${new Date().toISOString()}\n` +
      `${settings.rounds} interleaved rounds, each variant ~${settings.turnMilliseconds} ms per turn, after ` +
      `${settings.warmupRounds} warm-up rounds; young-generation gc between turns: ${canCollectGarbage() ? 'yes' : 'no (run with --expose-gc)'}\n` +
      'record = server span with 4 attributes + histogram point + counter increment + window observation\n\n',
  );
  const result = measureInterleaved(variants, settings);
  write(
    formatTable(
      [
        { header: 'variant' },
        { header: 'records/turn', align: 'right' },
        { header: 'ns/record', align: 'right' },
        { header: 'ratio vs bare', align: 'right' },
        { header: 'ratio p25-p75', align: 'right' },
        { header: 'added ns vs bare', align: 'right' },
      ],
      result.variants.map((variant) => [
        variant.name,
        variant.iterations.toLocaleString('en-US'),
        formatNanoseconds(variant.medianNanoseconds),
        formatRatio(variant.medianRatio),
        `${formatRatio(variant.ratioQuartiles[0])}-${formatRatio(variant.ratioQuartiles[1])}`,
        formatNanoseconds(variant.medianAddedNanoseconds),
      ]),
    ),
  );
  await Promise.all([noAdapter.shutdown(), direct.shutdown(), full.observability.shutdown()]);

  // A fresh pipeline, so the heap growth from empty stores to full (and then no further) is visible.
  const fresh = await defaultPipeline();
  const heapRows = [
    ['bare loop', measureRetainedHeap(bareLoop, settings.checkpoints)],
    [
      'default pipeline',
      measureRetainedHeap(
        fullRecordLoop(instrumentsOf(fresh.observability), fresh.store),
        settings.checkpoints,
      ),
    ],
  ] as const;
  const { spans, series } = fresh.store.stats();
  await fresh.observability.shutdown();
  write('\nheap retained after gc, relative to before the first record:\n');
  write(
    formatTable(
      [
        { header: 'variant' },
        ...settings.checkpoints.map((count) => ({
          header: `${count.toLocaleString('en-US')} records`,
          align: 'right' as const,
        })),
      ],
      heapRows.map(([name, bytes]) => [
        name,
        ...bytes.map((value) => (value === undefined ? 'n/a' : formatBytes(value))),
      ]),
    ),
  );
  write(
    `default pipeline stores: ${spans.stored.toLocaleString('en-US')} spans kept (max ${spans.max.toLocaleString('en-US')}), ` +
      `${spans.evicted.toLocaleString('en-US')} evicted; ${series.count} window series\n`,
  );
  const defaultRow = result.variants.at(-1)!;
  const lastHeap = heapRows[1][1].at(-1);
  reportHeadlines(
    [
      {
        benchmark: 'pipeline-record',
        measure: 'default pipeline record vs bare loop',
        value: formatRatio(defaultRow.medianRatio),
      },
      {
        benchmark: 'pipeline-record',
        measure: 'default pipeline, added per record',
        value: `${formatNanoseconds(defaultRow.medianAddedNanoseconds)} ns`,
      },
      {
        benchmark: 'pipeline-record',
        measure: `default pipeline heap after ${(settings.checkpoints.at(-1) ?? 0).toLocaleString('en-US')} records`,
        value: lastHeap === undefined ? 'n/a' : formatBytes(lastHeap),
      },
    ],
    write,
  );
  write(`(sink ${consumedTotal().toExponential(3)}: keeps the loops' work observable)\n`);
};
