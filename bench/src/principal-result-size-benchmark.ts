import { closeSync, openSync } from 'node:fs';
import { cpus } from 'node:os';
import type * as CoreModule from '@mcp-o11y/core';
import type { InstrumentOptions, Observability } from '@mcp-o11y/core';
import { formatCallTable } from './format-table.ts';
import { type Headline, reportHeadlines } from './headlines.ts';
import { loadSdk, type Sdk, type SdkClient } from './load-mcp-sdk.ts';
import {
  type AsyncVariant,
  type Benchmark,
  canCollectGarbage,
  consumedTotal,
  type InterleavedResult,
  measureInterleaved,
  measureInterleavedAsync,
  type Variant,
} from './measure.ts';

/** Core as built in the workspace, or another build (see mcp-round-trip-benchmark.ts). */
const { createObservability, instrument } = (await import(
  process.env.MCP_O11Y_BENCH_CORE || '@mcp-o11y/core'
)) as typeof CoreModule;

const QUIET_HOOKS = { signals: false, stdinEnd: false, beforeExit: false } as const;

/** What a bearer-auth middleware would hand the transport: the same object for every message, as over one connection. */
const AUTH_INFO = Object.freeze({
  token: 'bench-token',
  clientId: 'bench-app',
  scopes: ['tools'],
  extra: { tenant: 'acme' },
});

/** The principal hook measured: reads a tenant from the token's claims, as a multi-tenant server would. */
const tenantOf: NonNullable<InstrumentOptions['principal']> = ({ authInfo }) => {
  const tenant = authInfo?.extra?.tenant;
  return typeof tenant === 'string' ? tenant : undefined;
};

/** Off: what the full pipeline did before principals, usage and result sizes. */
const FEATURES_OFF: InstrumentOptions = { usage: false, resultSizes: false };

interface Pair {
  readonly client: SdkClient;
  close(): Promise<void>;
}

/**
 * An SDK v1 server with `echo` (returns its argument) instrumented with `options` on `observability`, and a
 * plain client whose every message carries {@link AUTH_INFO} as the transport's auth info.
 */
async function connectPair(
  sdk: Sdk,
  observability: Observability,
  options: InstrumentOptions,
): Promise<Pair> {
  const server = new sdk.McpServer({ name: 'bench', version: '1.0.0' });
  server.registerTool('echo', { inputSchema: { text: sdk.z.string() } }, async ({ text }) => ({
    content: [{ type: 'text', text }],
  }));
  instrument(server, { observability, ...options });
  const client = new sdk.Client({ name: 'bench-client', version: '1.0.0' });
  const [clientTransport, serverTransport] = sdk.InMemoryTransport.createLinkedPair();
  const transport = clientTransport as { send(message: unknown, options?: object): Promise<void> };
  const send = transport.send.bind(transport);
  transport.send = (message, sendOptions) => send(message, { ...sendOptions, authInfo: AUTH_INFO });
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

/** One operation = one awaited `tools/call echo` with `text` (its result is about `text.length` + 40 bytes). */
function roundTrips(pair: Pair, text: string): (iterations: number) => Promise<number> {
  const { client } = pair;
  const call = { name: 'echo', arguments: { text } };
  return async (iterations) => {
    let characters = 0;
    for (let index = 0; index < iterations; index += 1) {
      const result = await client.callTool(call);
      characters += result.content[0]?.text?.length ?? Number.NaN;
    }
    return characters;
  };
}

/** A transport the server connects to and the benchmark drives by hand, synchronously. */
interface HandTransport {
  onmessage?: ((message: unknown, extra?: unknown) => unknown) | undefined;
  onclose?: (() => void) | undefined;
  onerror?: ((error: Error) => void) | undefined;
  start(): Promise<void>;
  send(message: unknown, options?: unknown): Promise<void> | void;
  close(): Promise<void>;
}

/**
 * The instrumentation's request path alone, synchronously: an instrumented McpServer is connected to a
 * hand-driven transport whose SDK handler is then swapped for one that does nothing (the instrumentation
 * wraps whatever is assigned), so one operation is exactly what the instrumentation does for a `tools/call`
 * received and its result sent: span, duration histogram, series, usage, result size. No SDK, no promises:
 * the variance of a round trip on a busy machine is out of the picture.
 */
async function hotPath(
  sdk: Sdk,
  observability: Observability,
  options: InstrumentOptions,
  text: string,
): Promise<(iterations: number) => number> {
  const server = new sdk.McpServer({ name: 'bench', version: '1.0.0' });
  server.registerTool('echo', { inputSchema: { text: sdk.z.string() } }, async () => ({ content: [] }));
  instrument(server, { observability, ...options });
  const transport: HandTransport = {
    start: async () => {},
    send: () => undefined,
    close: async () => {},
  };
  await server.connect(transport);
  transport.onmessage = () => undefined;
  const receive = (message: unknown) => transport.onmessage?.(message, { authInfo: AUTH_INFO });
  receive({
    jsonrpc: '2.0',
    id: 0,
    method: 'initialize',
    params: {
      protocolVersion: '2025-11-25',
      capabilities: {},
      clientInfo: { name: 'bench-client', version: '1.0.0' },
    },
  });
  transport.send({
    jsonrpc: '2.0',
    id: 0,
    result: { protocolVersion: '2025-11-25', capabilities: {}, serverInfo: { name: 'bench', version: '1' } },
  });
  let id = 0;
  return (iterations) => {
    let characters = 0;
    for (let index = 0; index < iterations; index += 1) {
      id += 1;
      // Fresh objects per request, as the SDK parses them from the wire.
      receive({ jsonrpc: '2.0', id, method: 'tools/call', params: { name: 'echo', arguments: { text } } });
      const content = [{ type: 'text', text }];
      transport.send({ jsonrpc: '2.0', id, result: { content } });
      characters += content[0]?.text.length ?? Number.NaN;
    }
    return characters;
  };
}

function table(result: InterleavedResult): string {
  return formatCallTable(result.variants, 'off');
}

// The goal for the principal hook + usage + result sizing on a small result, printed as information.
const TARGET_ADDED_NANOSECONDS = 1_000;

/**
 * Prints what principals (hook or default), usage by principal and client, and result sizing add to a
 * `tools/call` round trip on the full pipeline, against the same pipeline and server with them off.
 */
export const runPrincipalResultSizeBenchmark: Benchmark = async ({ quick, write }) => {
  // Many short rounds: the effect sought (under 1 µs on a ~10 µs round trip) is smaller than a busy
  // machine's round-to-round swing, and the median over rounds is what filters that out.
  const settings = quick
    ? { rounds: 7, turnMilliseconds: 20, warmupRounds: 3, warmupIterations: 1_000 }
    : { rounds: 61, turnMilliseconds: 30, warmupRounds: 4, warmupIterations: 5_000 };
  const hotSettings = quick
    ? { rounds: 7, turnMilliseconds: 10, warmupRounds: 3, warmupIterations: 2_000 }
    : { rounds: 41, turnMilliseconds: 25, warmupRounds: 4, warmupIterations: 10_000 };
  const sdk = loadSdk();
  const devNull = openSync('/dev/null', 'w');
  // One full pipeline for every variant: SDK tracer (every span sampled), SDK meter, in-memory store.
  const observability = await createObservability({
    logging: { destination: devNull, requests: false },
    shutdownHooks: QUIET_HOOKS,
    registerGlobals: false,
  });
  const small = 'hi';
  const large = 'x'.repeat(4096);
  const setups: readonly [string, InstrumentOptions, string][] = [
    ['off (usage: false, resultSizes: false)', FEATURES_OFF, small],
    ['principal hook + usage + result sizes', { principal: tenantOf }, small],
    ['defaults (authInfo.clientId + usage + sizes)', {}, small],
    // A/A control: a second server identical to the baseline; its row is the noise floor of the table.
    ['off again (A/A control)', FEATURES_OFF, small],
  ];
  const partSetups: readonly [string, InstrumentOptions, string][] = [
    ['off (usage: false, resultSizes: false)', FEATURES_OFF, small],
    ['principal hook + usage only', { principal: tenantOf, resultSizes: false }, small],
    ['result sizes only', { usage: false }, small],
  ];
  const largeSetups: readonly [string, InstrumentOptions, string][] = [
    ['off, 4 KiB result', FEATURES_OFF, large],
    ['principal hook + usage + sizes, 4 KiB result', { principal: tenantOf }, large],
  ];
  const pairs: Pair[] = [];
  const variantsOf = async (list: readonly [string, InstrumentOptions, string][]) => {
    const variants: AsyncVariant[] = [];
    for (const [name, options, text] of list) {
      const pair = await connectPair(sdk, observability, options);
      pairs.push(pair);
      variants.push({ name, run: roundTrips(pair, text) });
    }
    return variants;
  };
  const smallVariants = await variantsOf(setups);
  const partVariants = await variantsOf(partSetups);
  const largeVariants = await variantsOf(largeSetups);

  const cpu = cpus();
  write('\n## principal-result-size: cost of usage by principal and result sizing per tools/call\n');
  write(
    `node ${process.version}, ${cpu.length} CPUs (${cpu[0]?.model.trim() ?? 'unknown'}), ${new Date().toISOString()}\n` +
      `${settings.rounds} interleaved rounds, each variant ~${settings.turnMilliseconds} ms per turn, after ` +
      `${settings.warmupRounds} warm-up rounds; young-generation gc between turns: ${canCollectGarbage() ? 'yes' : 'no (run with --expose-gc)'}\n` +
      'round trip = SDK v1 Client.callTool("echo") → McpServer over InMemoryTransport, every message with the same authInfo\n' +
      'every variant: instrument(server, options) on one full pipeline (SDK tracer, SDK meter, in-memory store)\n' +
      'principal hook = ({ authInfo }) => authInfo.extra.tenant; usage = mcp_o11y.usage.requests + per-principal and per-client series\n' +
      'result sizes = JSON.stringify + UTF-8 length, token estimate, two histograms and the size series\n\n',
  );
  const hotVariants: Variant[] = [];
  for (const [name, options, text] of [...partSetups, ...setups.slice(1, 3), ...largeSetups]) {
    hotVariants.push({ name, run: await hotPath(sdk, observability, options, text) });
  }
  write('instrumentation hot path alone (synchronous: a tools/call received and its result sent, no SDK):\n');
  const hot = measureInterleaved(hotVariants, hotSettings);
  write(table(hot));
  write('\nfull round trips (SDK client and server; noisier):\n');
  const smallResult = await measureInterleavedAsync(smallVariants, settings);
  write(table(smallResult));
  write('\nthe parts, measured apart (their sum is noisier than the row above):\n');
  write(table(await measureInterleavedAsync(partVariants, settings)));
  write('\nthe same with a 4 KiB text result (JSON.stringify grows with the result):\n');
  const largeResult = await measureInterleavedAsync(largeVariants, settings);
  write(table(largeResult));
  await Promise.all(pairs.map((pair) => pair.close()));
  await observability.shutdown();
  closeSync(devNull);

  const headlines: Headline[] = (
    [
      ['hot path', hot.variants[3]],
      ['round trip', smallResult.variants[1]],
    ] as const
  ).flatMap(([label, summary]) =>
    summary === undefined
      ? []
      : [
          {
            benchmark: 'principal-result-size',
            measure: `principal + usage + sizes, added per call (${label})`,
            value: `${(summary.medianAddedNanoseconds / 1000).toFixed(2)} µs`,
            goal: `< ${(TARGET_ADDED_NANOSECONDS / 1000).toFixed(1)} µs`,
            met: summary.medianAddedNanoseconds < TARGET_ADDED_NANOSECONDS,
          },
        ],
  );
  const control = smallResult.variants[3];
  if (control !== undefined) {
    headlines.push({
      benchmark: 'principal-result-size',
      measure: 'A/A control (noise floor), added per call',
      value: `${(control.medianAddedNanoseconds / 1000).toFixed(2)} µs`,
    });
  }
  reportHeadlines(headlines, write);
  write(`(sink ${consumedTotal().toExponential(3)}: keeps the loops' work observable)\n`);
};
