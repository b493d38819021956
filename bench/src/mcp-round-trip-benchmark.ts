import { closeSync, openSync } from 'node:fs';
import { cpus } from 'node:os';
import type * as CoreModule from '@mcp-o11y/core';
import type { Observability } from '@mcp-o11y/core';
import { formatBytes, formatCallTable, formatRatio, formatTable } from './format-table.ts';
import { reportHeadlines } from './headlines.ts';
import { loadSdk, type Sdk, type SdkClient } from './load-mcp-sdk.ts';
import {
  type AsyncVariant,
  type Benchmark,
  canCollectGarbage,
  consumedTotal,
  measureInterleavedAsync,
  measureRetainedHeapAsync,
} from './measure.ts';

const ARGUMENTS = { name: 'echo', arguments: { text: 'hi' } };

const QUIET_HOOKS = { signals: false, stdinEnd: false, beforeExit: false } as const;

/** A connected server and client; `callTool` is the operation timed. */
interface Pair {
  readonly client: SdkClient;
  close(): Promise<void>;
}

/**
 * Core as built in the workspace, or another build for before/after comparisons:
 * `MCP_O11Y_BENCH_CORE=/abs/path/to/dist/index.js` (a copy of core's dist placed where core's dependencies
 * resolve, e.g. `packages/core/node_modules/.before/dist/` with core's package.json next to it). One build
 * per process: two builds loaded side by side measured 2 to 5 µs apart in A/A runs, so compare runs.
 */
const { createObservability, instrument } = (await import(
  process.env.MCP_O11Y_BENCH_CORE || '@mcp-o11y/core'
)) as typeof CoreModule;

/** How a server is set up: instrumented with a pipeline, or plain with an optional span per call. */
interface ServerSetup {
  readonly observability?: Observability;
  /** Usage by principal and client and result sizes off (issue 12's features, each with its own benchmark). */
  readonly requestOnly?: boolean;
  /** Uninstrumented server whose echo handler starts and ends one span on this pipeline's tracer. */
  readonly bareSpanOn?: Observability;
}

/**
 * The attributes of the instrumentation's server span for this call (as the in-memory store shows them),
 * with a per-call request id and correlation id: the bare span makes the SDK do the same attribute work.
 */
function bareSpanAttributes(call: number): Record<string, string> {
  const id = String(call);
  return {
    'mcp.method.name': 'tools/call',
    'gen_ai.tool.name': 'echo',
    'gen_ai.operation.name': 'execute_tool',
    'mcp.client.name': 'bench-client',
    'mcp.client.version': '1.0.0',
    'mcp.protocol.version': '2025-11-25',
    'jsonrpc.request.id': id,
    'mcp_o11y.correlation_id': `bench-${id}`,
  };
}

async function connectPair(sdk: Sdk, setup: ServerSetup): Promise<Pair> {
  const server = new sdk.McpServer({ name: 'bench', version: '1.0.0' });
  const spanTracer = setup.bareSpanOn?.tracer;
  let calls = 0;
  server.registerTool('echo', { inputSchema: { text: sdk.z.string() } }, async ({ text }) => {
    if (spanTracer !== undefined) {
      calls += 1;
      spanTracer
        .startSpan('tools/call echo', {
          kind: 1 /* SpanKind.SERVER */,
          attributes: bareSpanAttributes(calls),
        })
        .end();
    }
    return { content: [{ type: 'text', text }] };
  });
  if (setup.observability !== undefined) {
    instrument(server, {
      observability: setup.observability,
      ...(setup.requestOnly === true ? { usage: false, resultSizes: false } : {}),
    });
  }
  const client = new sdk.Client({ name: 'bench-client', version: '1.0.0' });
  const [clientTransport, serverTransport] = sdk.InMemoryTransport.createLinkedPair();
  await server.connect(serverTransport);
  await client.connect(clientTransport);
  return {
    client,
    close: async () => {
      await client.close();
      await server.close();
    },
  };
}

/**
 * One operation = one `tools/call echo` awaited before the next starts. InMemoryTransport delivers
 * synchronously, so each call completes within the microtasks of one event-loop turn: what is timed is
 * the SDK's and the instrumentation's CPU work, not I/O or scheduling.
 */
function roundTrips(pair: Pair): (iterations: number) => Promise<number> {
  const { client } = pair;
  return async (iterations) => {
    let characters = 0;
    for (let index = 0; index < iterations; index += 1) {
      const result = await client.callTool(ARGUMENTS);
      characters += result.content[0]?.text?.length ?? Number.NaN;
    }
    return characters;
  };
}

/** The pipelines compared; the uninstrumented server is the baseline. */
interface Pipelines {
  readonly noAdapter: Observability;
  readonly full: Observability;
  /** Only its tracer is used, by the uninstrumented server's one bare span per call. */
  readonly bareSpan: Observability;
  shutdown(): Promise<void>;
}

async function createPipelines(): Promise<Pipelines> {
  // The default logger writes JSON lines with pino; /dev/null keeps the serialiser running without
  // flooding the terminal. Per-request lines stay off (the default), as the target says.
  const devNull = openSync('/dev/null', 'w');
  const noAdapter = await createObservability({
    memory: false,
    logging: { destination: devNull, requests: false },
    shutdownHooks: QUIET_HOOKS,
    registerGlobals: false,
  });
  // Everything on: SDK tracer (parent-based always-on: every span sampled), SDK meter, in-memory store.
  const full = await createObservability({
    logging: { destination: devNull, requests: false },
    shutdownHooks: QUIET_HOOKS,
    registerGlobals: false,
  });
  const bareSpan = await createObservability({
    logging: { destination: devNull, requests: false },
    shutdownHooks: QUIET_HOOKS,
    registerGlobals: false,
  });
  return {
    noAdapter,
    full,
    bareSpan,
    shutdown: async () => {
      await Promise.all([noAdapter.shutdown(), full.shutdown(), bareSpan.shutdown()]);
      closeSync(devNull);
    },
  };
}

// The targets for the full pipeline, printed as information: this never fails a run.
const TARGET_RATIO = 1.3;
const TARGET_ADDED_NANOSECONDS = 4_000;
const TARGET_HEAP_BYTES = 10_000_000;

/** Prints the cost of instrumenting an SDK v1 server, per `tools/call` round trip over InMemoryTransport. */
export const runMcpRoundTripBenchmark: Benchmark = async ({ quick, write }) => {
  const settings = quick
    ? { rounds: 7, turnMilliseconds: 20, warmupRounds: 3, warmupIterations: 1_000, heapCalls: [10_000] }
    : {
        rounds: 21,
        turnMilliseconds: 50,
        warmupRounds: 4,
        warmupIterations: 5_000,
        heapCalls: [1_000, 10_000, 100_000],
      };
  const sdk = loadSdk();
  const pipelines = await createPipelines();
  const pairs = [
    await connectPair(sdk, {}),
    await connectPair(sdk, { bareSpanOn: pipelines.bareSpan }),
    await connectPair(sdk, { observability: pipelines.noAdapter }),
    await connectPair(sdk, { observability: pipelines.full }),
    await connectPair(sdk, { observability: pipelines.full, requestOnly: true }),
  ];
  const variants: AsyncVariant[] = [
    { name: 'uninstrumented server', run: roundTrips(pairs[0]!) },
    { name: 'floor: uninstrumented + one bare SDK span', run: roundTrips(pairs[1]!) },
    { name: 'instrumented, no-adapter pipeline (no-op)', run: roundTrips(pairs[2]!) },
    { name: 'instrumented, full pipeline', run: roundTrips(pairs[3]!) },
    {
      name: 'instrumented, full pipeline, usage and result sizes off',
      run: roundTrips(pairs[4]!),
    },
  ];
  const fullIndex = 3;

  const cpu = cpus();
  write('\n## mcp-round-trip: cost of instrumentation per tools/call round trip\n');
  write(
    `node ${process.version}, ${cpu.length} CPUs (${cpu[0]?.model.trim() ?? 'unknown'}), ${new Date().toISOString()}\n` +
      `${settings.rounds} interleaved rounds, each variant ~${settings.turnMilliseconds} ms per turn, after ` +
      `${settings.warmupRounds} warm-up rounds; young-generation gc between turns: ${canCollectGarbage() ? 'yes' : 'no (run with --expose-gc)'}\n` +
      'round trip = SDK v1 Client.callTool("echo") → McpServer over InMemoryTransport, awaited, one at a time\n' +
      'full pipeline = SDK tracer (every span sampled) + SDK meter + in-memory store + pino logger to /dev/null (per-request log off)\n' +
      'floor = the echo handler of an uninstrumented server starts and ends one SERVER span with the same 8 attributes\n' +
      '        on a default pipeline (SDK tracer + in-memory store): what the SDK alone costs for the span the instrumentation makes\n\n',
  );
  const result = await measureInterleavedAsync(variants, settings);
  write(formatCallTable(result.variants, 'uninstr.'));

  await Promise.all(pairs.map((pair) => pair.close()));
  await pipelines.shutdown();

  // Fresh servers and pipelines, so the heap grows from empty stores; the same calls through each.
  const heapPipelines = await createPipelines();
  const bare = await connectPair(sdk, {});
  // Unmeasured calls first: V8 drops the bytecode of start-up code that stopped running after a few
  // full collections, which would otherwise show as the first measured variant's heap shrinking by MiBs.
  await roundTrips(bare)(settings.heapCalls.at(-1) ?? 0);
  const bareHeap = await measureRetainedHeapAsync(roundTrips(bare), settings.heapCalls);
  await bare.close();
  const full = await connectPair(sdk, { observability: heapPipelines.full });
  const fullHeap = await measureRetainedHeapAsync(roundTrips(full), settings.heapCalls);
  const spans = heapPipelines.full.store?.stats().spans;
  await full.close();
  await heapPipelines.shutdown();
  write('\nheap retained after gc, relative to before the first call:\n');
  write(
    formatTable(
      [
        { header: 'variant' },
        ...settings.heapCalls.map((count) => ({
          header: `${count.toLocaleString('en-US')} calls`,
          align: 'right' as const,
        })),
      ],
      [
        ['uninstrumented server', bareHeap],
        ['instrumented, full pipeline', fullHeap],
      ].map(([name, bytes]) => [
        name as string,
        ...(bytes as (number | undefined)[]).map((value) =>
          value === undefined ? 'n/a' : formatBytes(value),
        ),
      ]),
    ),
  );
  if (spans !== undefined) {
    write(
      `full pipeline store: ${spans.stored.toLocaleString('en-US')} spans kept (max ${spans.max.toLocaleString('en-US')}), ` +
        `${spans.evicted.toLocaleString('en-US')} evicted, ${(spans.skipped as number | undefined)?.toLocaleString('en-US') ?? 'n/a'} successful spans skipped by the per-second quota\n`,
    );
  }

  const full_ = result.variants[fullIndex]!;
  const lastBare = bareHeap.at(-1);
  const lastFull = fullHeap.at(-1);
  const heapDelta = lastBare === undefined || lastFull === undefined ? undefined : lastFull - lastBare;
  const lastCount = (settings.heapCalls.at(-1) ?? 0).toLocaleString('en-US');
  const noOp = result.variants[2]!;
  const requestOnly = result.variants[4]!;
  const floor = result.variants[1]!;
  reportHeadlines(
    [
      {
        benchmark: 'mcp-round-trip',
        measure: 'full pipeline vs uninstrumented',
        value: formatRatio(full_.medianRatio),
        goal: `≤ ${TARGET_RATIO.toFixed(1)}x`,
        met: full_.medianRatio <= TARGET_RATIO,
      },
      {
        benchmark: 'mcp-round-trip',
        measure: 'full pipeline, added per call',
        value: `${(full_.medianAddedNanoseconds / 1000).toFixed(2)} µs`,
        goal: `≤ ${(TARGET_ADDED_NANOSECONDS / 1000).toFixed(1)} µs`,
        met: full_.medianAddedNanoseconds <= TARGET_ADDED_NANOSECONDS,
      },
      {
        benchmark: 'mcp-round-trip',
        measure: 'full pipeline, usage and result sizes off, vs uninstrumented',
        value: `${formatRatio(requestOnly.medianRatio)}, ${(requestOnly.medianAddedNanoseconds / 1000).toFixed(2)} µs`,
      },
      {
        benchmark: 'mcp-round-trip',
        measure: 'no-op pipeline, added per call',
        value: `${(noOp.medianAddedNanoseconds / 1000).toFixed(2)} µs`,
      },
      {
        benchmark: 'mcp-round-trip',
        measure: 'floor: one bare SDK span, added per call',
        value: `${(floor.medianAddedNanoseconds / 1000).toFixed(2)} µs`,
      },
      heapDelta === undefined
        ? {
            benchmark: 'mcp-round-trip',
            measure: `heap over uninstrumented, ${lastCount} calls`,
            value: 'n/a',
          }
        : {
            benchmark: 'mcp-round-trip',
            measure: `heap over uninstrumented, ${lastCount} calls`,
            value: formatBytes(heapDelta),
            goal: '≤ 10 MB',
            met: heapDelta <= TARGET_HEAP_BYTES,
          },
    ],
    write,
  );
  write(`(sink ${consumedTotal().toExponential(3)}: keeps the loops' work observable)\n`);
};
