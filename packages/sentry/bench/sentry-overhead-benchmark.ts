// Added time per MCP tools/call with the Sentry adapter on, next to Sentry's own wrapMcpServerWithSentry,
// measured in the same run with the instrumentation benchmark's method (bench/src/measure.ts).
// Run from packages/sentry: `node --expose-gc bench/sentry-overhead-benchmark.ts [--quick]`.
import { closeSync, openSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus } from 'node:os';
import { createObservability, instrument, type Observability } from '@mcp-o11y/core';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import * as Sentry from '@sentry/node';
import { z } from 'zod';
import { formatNanoseconds, formatRatio, formatTable } from '../../../bench/src/format-table.ts';
import { type Headline, reportHeadlines } from '../../../bench/src/headlines.ts';
import {
  type AsyncVariant,
  canCollectGarbage,
  consumedTotal,
  measureInterleavedAsync,
} from '../../../bench/src/measure.ts';
// The built package, as users load it (run `npx tsup` first).
import { sentry } from '../dist/index.js';

const quick = process.argv.includes('--quick');
const settings = quick
  ? { rounds: 7, turnMilliseconds: 20, warmupRounds: 3, warmupIterations: 500 }
  : { rounds: 21, turnMilliseconds: 50, warmupRounds: 4, warmupIterations: 3_000 };
const write = (text: string): void => {
  process.stderr.write(text);
};
const QUIET_HOOKS = { signals: false, stdinEnd: false, beforeExit: false } as const;

// A local ingest endpoint that drains each envelope and answers 200: the DSN of both Sentry set-ups.
let envelopes = 0;
const ingest = createServer((request, response) => {
  request.resume();
  request.on('end', () => {
    envelopes += 1;
    response.end('{}');
  });
});
await new Promise<void>((resolve) => ingest.listen(0, '127.0.0.1', resolve));
const dsn = `http://publickey@127.0.0.1:${(ingest.address() as AddressInfo).port}/1`;

type Wrap = (server: McpServer) => McpServer;

async function connect(wrap: Wrap | undefined, observability?: Observability): Promise<Client> {
  let server = new McpServer({ name: 'bench', version: '1.0.0' });
  if (wrap !== undefined) server = wrap(server);
  server.registerTool('echo', { inputSchema: { text: z.string() } }, async ({ text }) => ({
    content: [{ type: 'text', text }],
  }));
  if (observability !== undefined) instrument(server, { observability });
  const client = new Client({ name: 'bench-client', version: '1.0.0' });
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  await server.connect(serverTransport);
  await client.connect(clientTransport);
  return client;
}

/** `flush` runs once at the end of each turn: with it the turn also pays for building and sending. */
function roundTrips(client: Client, flush?: () => Promise<unknown>): (iterations: number) => Promise<number> {
  return async (iterations) => {
    let characters = 0;
    for (let index = 0; index < iterations; index += 1) {
      const result = (await client.callTool({ name: 'echo', arguments: { text: 'hi' } })) as {
        content: { text?: string }[];
      };
      characters += result.content[0]?.text?.length ?? Number.NaN;
    }
    if (flush !== undefined) await flush();
    return characters;
  };
}

const devNull = openSync('/dev/null', 'w');
const pipeline = (adapters: Parameters<typeof createObservability>[0]['adapters']) =>
  createObservability({
    adapters,
    logging: { destination: devNull, requests: false },
    shutdownHooks: QUIET_HOOKS,
    registerGlobals: false,
    alerts: false,
  });
const coreOnly = await pipeline([]);
const withSentry = await pipeline([sentry({ dsn, tracesSampleRate: 1, environment: 'bench' })]);
// Sentry's own set-up as its docs show it, every span sampled, without the default integrations
// (they would patch http and console for every variant in this process).
Sentry.init({ dsn, tracesSampleRate: 1, defaultIntegrations: false, integrations: [] });

const clients = {
  bare: await connect(undefined),
  core: await connect(undefined, coreOnly),
  adapter: await connect(undefined, withSentry),
  wrapper: await connect((server) => Sentry.wrapMcpServerWithSentry(server)),
};

async function measure(withExport: boolean) {
  const flushCore = withExport ? () => coreOnly.forceFlush() : undefined;
  const flushAdapter = withExport ? () => withSentry.forceFlush() : undefined;
  const flushSentry = withExport ? () => Sentry.flush(5_000) : undefined;
  const variants: AsyncVariant[] = [
    { name: 'uninstrumented server', run: roundTrips(clients.bare) },
    { name: 'mcp-o11y core, full pipeline', run: roundTrips(clients.core, flushCore) },
    { name: 'mcp-o11y core + @mcp-o11y/sentry', run: roundTrips(clients.adapter, flushAdapter) },
    { name: "Sentry's wrapMcpServerWithSentry", run: roundTrips(clients.wrapper, flushSentry) },
  ];
  return measureInterleavedAsync(variants, settings);
}

const cpu = cpus();
write("\n## sentry-overhead: added time per tools/call, @mcp-o11y/sentry vs Sentry's own MCP wrapper\n");
write(
  `node ${process.version}, @sentry/node ${Sentry.SDK_VERSION}, ${cpu.length} CPUs (${cpu[0]?.model.trim() ?? 'unknown'}), ${new Date().toISOString()}\n` +
    `${settings.rounds} interleaved rounds, ~${settings.turnMilliseconds} ms per variant turn; young-gen gc between turns: ${canCollectGarbage() ? 'yes' : 'no (run with --expose-gc)'}\n` +
    'round trip = SDK v1 Client.callTool("echo") → McpServer over InMemoryTransport; every span sampled (tracesSampleRate 1), DSN → local receiver\n',
);

const results: Record<string, Awaited<ReturnType<typeof measure>>> = {};
const headlines: Headline[] = [];
for (const [label, withExport] of [
  ['request path only (same method as bench/src/mcp-round-trip-benchmark.ts)', false],
  [
    'request path + export: each turn ends with a flush (building, serialising and sending every event)',
    true,
  ],
] as const) {
  const result = await measure(withExport);
  results[label] = result;
  write(`\n### ${label}\n`);
  write(
    formatTable(
      [
        { header: 'variant' },
        { header: 'ns/call', align: 'right' },
        { header: 'ratio vs uninstr.', align: 'right' },
        { header: 'added µs/call', align: 'right' },
      ],
      result.variants.map((variant) => [
        variant.name,
        formatNanoseconds(variant.medianNanoseconds),
        formatRatio(variant.medianRatio),
        (variant.medianAddedNanoseconds / 1000).toFixed(2),
      ]),
    ),
  );
  const ours = result.variants[2]?.medianAddedNanoseconds ?? Number.NaN;
  const theirs = result.variants[3]?.medianAddedNanoseconds ?? Number.NaN;
  write(
    `goal ≤ 1/5 of Sentry's own cost: ${(ours / 1000).toFixed(2)} µs vs ${(theirs / 1000).toFixed(2)} µs ` +
      `(${((100 * ours) / theirs).toFixed(0)}%) ${ours <= theirs / 5 ? 'PASS' : 'FAIL'} (information only)\n`,
  );
  const path = withExport ? 'request path + export' : 'request path';
  headlines.push(
    withExport
      ? {
          benchmark: 'sentry/sentry-overhead',
          measure: `${path}: ours vs Sentry's own, added per call`,
          value: `${(ours / 1000).toFixed(2)} vs ${(theirs / 1000).toFixed(2)} µs`,
        }
      : {
          benchmark: 'sentry/sentry-overhead',
          measure: `${path}: ours as a share of Sentry's own added cost`,
          value: `${((100 * ours) / theirs).toFixed(0)} %`,
          goal: '≤ 20 %',
          met: ours <= theirs / 5,
        },
  );
}
reportHeadlines(headlines, write);
write(`envelopes received: ${envelopes}; (sink ${consumedTotal().toExponential(3)})\n`);

for (const client of Object.values(clients)) await client.close();
await Promise.all([coreOnly.shutdown(), withSentry.shutdown(), Sentry.close(2_000)]);
closeSync(devNull);
ingest.close();
