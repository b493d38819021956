import { cpus } from 'node:os';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { Worker } from 'node:worker_threads';
import { createObservability, instrument, type Observability } from '@mcp-o11y/core';
import { jaeger } from '@mcp-o11y/jaeger';
import { otlp } from '@mcp-o11y/otlp';
import { zipkin } from '@mcp-o11y/zipkin';
import { formatBytes, formatRatio, formatTable } from './format-table.ts';
import { type Headline, reportHeadlines } from './headlines.ts';
import { loadSdk, type Sdk, type SdkClient, type SdkMcpServer } from './load-mcp-sdk.ts';
import { type Benchmark, canCollectGarbage, collectGarbage, quantile } from './measure.ts';

/*
 * Does a backend that is down, hangs or answers 500/429 change the MCP server's latency?
 *
 * Method, and why (the first version of this benchmark, packages/otlp/bench/otlp-latency-bench.ts, timed
 * Streamable HTTP round trips and saw p99 of 45-78 ms against a p50 of 1.5 ms whatever the collector did):
 * - The MCP round trip goes over InMemoryTransport, so what is timed is the server's own work. Over
 *   Streamable HTTP every call allocates fetch, undici and SSE objects (~20 KiB of garbage a call; 2 200
 *   calls grew the heap to 120-160 MB between collections) and 60-90 % of the calls slower than 10 ms
 *   overlapped a scavenge or mark-compact of 10-25 ms (up to 84 ms once) on the loaded 2-vCPU machine;
 *   the rest were the process being descheduled (load average 6-8). No cluster at 40 ms, the signature of
 *   Nagle + delayed ACK: node:http servers and undici both set TCP_NODELAY. The tail measured the HTTP
 *   stack's garbage and the neighbours, identically with a healthy and a hanging collector.
 * - Calls arrive at a fixed rate (open loop) and each call's latency is counted from when it was due, not
 *   from when the loop got round to it: exporter work that blocks the event loop (serialising a batch,
 *   handling a response or a timeout) delays the calls due meanwhile, and that delay is counted. A closed
 *   loop over InMemoryTransport would never yield to the event loop, so the exporter would never run.
 * - The exporter talks to a real HTTP collector on 127.0.0.1, run in a worker thread (its own event loop
 *   and heap, as a separate collector process would have): healthy, down (connection refused), hanging
 *   (never answers), 500, 429 with Retry-After.
 * - Variants interleaved: every round times each (adapter, backend) pair once, the order rotated by one per
 *   round; the p99 of a turn is divided by the p99 of the same adapter's healthy turn of the same round,
 *   and the median of those ratios over rounds is reported.
 * Then, per variant, a fresh pipeline: heap retained after N calls (after a full GC) and the spans the
 * pipeline counted as dropped; finally the collector turns healthy and the time until a new span arrives
 * is the recovery time. Information only: a benchmark never fails a run.
 */

/** What the collector does with each request. `down` is a port nobody listens on. */
export type BackendMode = 'healthy' | 'down' | 'hanging' | '500' | '429';

const BACKEND_MODES: readonly BackendMode[] = ['healthy', 'down', 'hanging', '500', '429'];

type AdapterEntry = NonNullable<Parameters<typeof createObservability>[0]>['adapters'] extends
  | readonly (infer Entry)[]
  | undefined
  ? Entry
  : never;

/** One exporter under test: how to build its adapter for a collector at `baseUrl`. */
export interface OutageAdapter {
  /** Row label. */
  readonly name: string;
  /** Adapter id, as `diagnostics()` names it in faults and dropped counts. */
  readonly id: string;
  /** The adapter, exporting to the collector at `baseUrl` (`http://127.0.0.1:port`). */
  readonly create: (baseUrl: string) => AdapterEntry;
}

/** The three adapters of issue 7 over HTTP; each keeps its own default timeout (10 s) and retries. */
export const OUTAGE_ADAPTERS: readonly OutageAdapter[] = [
  { name: 'otlp (http/protobuf)', id: 'otlp', create: (baseUrl) => otlp({ endpoint: baseUrl }) },
  { name: 'zipkin (v2 JSON)', id: 'zipkin', create: (baseUrl) => zipkin({ url: `${baseUrl}/api/v2/spans` }) },
  {
    name: 'jaeger (otlp, default)',
    id: 'jaeger',
    create: (baseUrl) => jaeger({ mode: 'otlp', endpoint: `${baseUrl}/v1/traces` }),
  },
  {
    name: 'jaeger (thrift-http)',
    id: 'jaeger',
    create: (baseUrl) => jaeger({ mode: 'thrift-http', endpoint: `${baseUrl}/api/traces` }),
  },
];

// ---------------------------------------------------------------------------------------------------
// The collector: node:http servers in a worker thread, one per (adapter, backend) pair.

/** CommonJS source of the worker; evaluated, so bench needs no second file. */
const COLLECTOR_WORKER = `
const { parentPort } = require('node:worker_threads');
const http = require('node:http');
const collectors = new Map();
let next = 1;
function answer(collector, request, response) {
  collector.requests += 1;
  const mode = collector.mode;
  if (mode === 'hanging') { collector.hung.add(response); response.on('close', () => collector.hung.delete(response)); return; }
  if (mode === '500') { response.writeHead(500, { 'content-type': 'text/plain' }).end('boom'); return; }
  if (mode === '429') { response.writeHead(429, { 'retry-after': '1', 'content-type': 'text/plain' }).end('slow down'); return; }
  collector.accepted += 1;
  response.writeHead(200, { 'content-type': request.headers['content-type'] === 'application/json' ? 'application/json' : 'application/x-protobuf' });
  response.end(request.headers['content-type'] === 'application/json' ? '{}' : '');
}
function listen(collector, port) {
  const server = http.createServer((request, response) => {
    request.on('error', () => {});
    request.resume();
    request.on('end', () => answer(collector, request, response));
  });
  collector.server = server;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server.address().port));
  });
}
function releaseHung(collector) {
  for (const response of collector.hung) response.destroy();
  collector.hung.clear();
}
const commands = {
  async start({ mode }) {
    const collector = { mode, requests: 0, accepted: 0, hung: new Set(), server: undefined, port: 0 };
    const id = next++;
    collectors.set(id, collector);
    collector.port = await listen(collector, 0);
    if (mode === 'down') {
      // Keep the port, refuse connections: nobody listens until the backend comes back.
      await new Promise((resolve) => { collector.server.closeAllConnections(); collector.server.close(resolve); });
      collector.server = undefined;
    }
    return { id, port: collector.port };
  },
  async heal({ id }) {
    const collector = collectors.get(id);
    releaseHung(collector);
    collector.mode = 'healthy';
    if (collector.server === undefined) await listen(collector, collector.port);
    return { accepted: collector.accepted };
  },
  async stats({ id }) {
    const collector = collectors.get(id);
    return { requests: collector.requests, accepted: collector.accepted, hung: collector.hung.size };
  },
  async close() {
    for (const collector of collectors.values()) {
      releaseHung(collector);
      if (collector.server) { collector.server.closeAllConnections(); await new Promise((resolve) => collector.server.close(resolve)); }
    }
    collectors.clear();
    return {};
  },
};
parentPort.on('message', async ({ call, command, argument }) => {
  try { parentPort.postMessage({ call, result: await commands[command](argument) }); }
  catch (error) { parentPort.postMessage({ call, error: String(error) }); }
});
`;

interface CollectorStats {
  readonly requests: number;
  readonly accepted: number;
  readonly hung: number;
}

/** Handle on the worker that runs every collector of a run. */
class CollectorWorker {
  readonly #worker = new Worker(COLLECTOR_WORKER, { eval: true });
  readonly #pending = new Map<
    number,
    { resolve: (value: unknown) => void; reject: (error: Error) => void }
  >();
  #calls = 0;

  constructor() {
    this.#worker.on(
      'message',
      ({ call, result, error }: { call: number; result?: unknown; error?: string }) => {
        const pending = this.#pending.get(call);
        this.#pending.delete(call);
        if (error === undefined) pending?.resolve(result);
        else pending?.reject(new Error(`[@mcp-o11y/bench] collector worker: ${error}`));
      },
    );
  }

  #send<T>(command: string, argument: unknown = {}): Promise<T> {
    const call = ++this.#calls;
    return new Promise<T>((resolve, reject) => {
      this.#pending.set(call, { resolve: resolve as (value: unknown) => void, reject });
      this.#worker.postMessage({ call, command, argument });
    });
  }

  start(mode: BackendMode): Promise<{ id: number; port: number }> {
    return this.#send('start', { mode });
  }
  /** Answers 2xx from now on; hung requests are reset, a down port starts listening. */
  heal(id: number): Promise<{ accepted: number }> {
    return this.#send('heal', { id });
  }
  stats(id: number): Promise<CollectorStats> {
    return this.#send('stats', { id });
  }
  async close(): Promise<void> {
    await this.#send('close');
    await this.#worker.terminate();
  }
}

// ---------------------------------------------------------------------------------------------------
// One (adapter, backend) pair: a collector, a pipeline with that adapter only, an instrumented server.

const QUIET_HOOKS = { signals: false, stdinEnd: false, beforeExit: false } as const;
const ARGUMENTS = { name: 'echo', arguments: { text: 'hi' } };

interface Subject {
  readonly adapter: OutageAdapter;
  readonly mode: BackendMode;
  /** A second healthy subject: its ratio to the first is the noise floor of the comparison (A/A). */
  readonly control: boolean;
  readonly collectorId: number;
  readonly observability: Observability;
  readonly client: SdkClient;
  readonly server: SdkMcpServer;
}

async function createSubject(
  sdk: Sdk,
  collectors: CollectorWorker,
  adapter: OutageAdapter,
  mode: BackendMode,
  control = false,
): Promise<Subject> {
  const { id, port } = await collectors.start(mode);
  const observability = await createObservability({
    service: { name: 'outage-bench' },
    adapters: [adapter.create(`http://127.0.0.1:${port}`)],
    // Only the adapter consumes spans: the in-memory store would cost every variant alike.
    memory: false,
    // The process env must not redirect the adapters; batch and timeout settings stay at their defaults.
    env: {},
    logging: { destination: false },
    alerts: false,
    registerGlobals: false,
    shutdownHooks: QUIET_HOOKS,
  });
  const server = new sdk.McpServer({ name: 'bench', version: '1.0.0' });
  server.registerTool('echo', { inputSchema: { text: sdk.z.string() } }, async ({ text }) => ({
    content: [{ type: 'text', text }],
  }));
  instrument(server, { observability });
  const client = new sdk.Client({ name: 'bench-client', version: '1.0.0' });
  const [clientTransport, serverTransport] = sdk.InMemoryTransport.createLinkedPair();
  await server.connect(serverTransport);
  await client.connect(clientTransport);
  return { adapter, mode, control, collectorId: id, observability, client, server };
}

/** Heals the backend first, so a hanging exporter's shutdown does not wait for its timeout. */
async function closeSubject(subject: Subject, collectors: CollectorWorker): Promise<void> {
  await collectors.heal(subject.collectorId);
  await subject.client.close();
  await subject.server.close();
  await subject.observability.shutdown();
}

/**
 * `calls` round trips due every `intervalMs` from now; each latency counts from when the call was due,
 * so time the event loop spent elsewhere (the exporter) while a call was waiting is part of it. Between
 * calls the loop turns (setImmediate) until the next is due, so timers and I/O run as they would between
 * requests in a server.
 */
async function pacedLatencies(client: SdkClient, calls: number, intervalMs: number): Promise<Float64Array> {
  const latencies = new Float64Array(calls);
  const start = performance.now();
  for (let index = 0; index < calls; index += 1) {
    const due = start + index * intervalMs;
    while (performance.now() < due) await nextTurn();
    await client.callTool(ARGUMENTS);
    latencies[index] = performance.now() - due;
  }
  return latencies;
}

/** Round trips as fast as they complete, yielding to the event loop between calls (heap phase). */
async function yieldingCalls(client: SdkClient, calls: number): Promise<void> {
  for (let index = 0; index < calls; index += 1) {
    await client.callTool(ARGUMENTS);
    await nextTurn();
  }
}

function droppedSpans(observability: Observability, id: string): { queueFull: number; exportFailed: number } {
  let queueFull = 0;
  let exportFailed = 0;
  for (const entry of observability.diagnostics().dropped) {
    if (entry.adapter !== id || entry.signal !== 'traces') continue;
    if (entry.reason === 'queue_full') queueFull += entry.count;
    else exportFailed += entry.count;
  }
  return { queueFull, exportFailed };
}

function exportFaults(observability: Observability, id: string): number {
  return observability
    .diagnostics()
    .faults.filter((fault) => fault.adapter === id && fault.operation === 'export')
    .reduce((sum, fault) => sum + fault.count, 0);
}

/** Heals the backend, then sends a span and flushes until the collector accepts a request: ms, or undefined. */
async function recoveryMilliseconds(
  subject: Subject,
  collectors: CollectorWorker,
  deadlineMs: number,
): Promise<number | undefined> {
  const { accepted } = await collectors.heal(subject.collectorId);
  const started = performance.now();
  while (performance.now() - started < deadlineMs) {
    subject.observability.tracer.startSpan('after recovery').end();
    await subject.observability.forceFlush();
    if ((await collectors.stats(subject.collectorId)).accepted > accepted) return performance.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return undefined;
}

const TARGET_P99_RATIO = 1.1;

/** Settings of one run. */
interface Settings {
  readonly rounds: number;
  readonly callsPerTurn: number;
  readonly intervalMs: number;
  readonly warmupCalls: number;
  readonly heapCalls: readonly number[];
  readonly recoveryDeadlineMs: number;
}

function millis(value: number): string {
  return value < 10 ? value.toFixed(2) : value.toFixed(1);
}

/**
 * Prints, per adapter and backend state, the p50 and p99 of paced MCP round trips against the same
 * adapter with a healthy backend, the heap retained after N calls, the spans counted as dropped, and how
 * long the exporter took to deliver again once the backend was healthy.
 */
export async function runExporterOutage(
  adapters: readonly OutageAdapter[],
  { quick, write }: Parameters<Benchmark>[0],
): Promise<void> {
  const settings: Settings = quick
    ? {
        rounds: 3,
        callsPerTurn: 100,
        intervalMs: 0.5,
        warmupCalls: 100,
        heapCalls: [500],
        recoveryDeadlineMs: 5_000,
      }
    : {
        // 15 rounds left the A/A control anywhere in 0.95-1.09x: too coarse for a 10 % question.
        rounds: 31,
        callsPerTurn: 1_000,
        intervalMs: 0.5,
        warmupCalls: 2_000,
        heapCalls: [2_000, 20_000],
        recoveryDeadlineMs: 15_000,
      };
  const sdk = loadSdk();
  const cpu = cpus();
  write('\n## exporter-outage: MCP latency while the trace backend is down, hangs, or answers 500/429\n');
  write(
    `node ${process.version}, ${cpu.length} CPUs (${cpu[0]?.model.trim() ?? 'unknown'}), ${new Date().toISOString()}\n` +
      `${settings.rounds} interleaved rounds; per turn ${settings.callsPerTurn} tools/call round trips due every ` +
      `${settings.intervalMs} ms (open loop: latency counts from when a call was due)\n` +
      'round trip = SDK v1 Client.callTool("echo") → instrumented McpServer over InMemoryTransport; pipeline = that adapter only,\n' +
      '  default batching (queue 2 048, batch 512, 5 s delay) and timeouts (10 s); collector = node:http on 127.0.0.1 in a worker thread\n' +
      'ratio = p99 (or p50) of a turn ÷ the same adapter\'s "healthy" turn of the same round; median over rounds [p25-p75]\n' +
      "pooled p99 = the 1 % tail of every call of every round (rounds × calls samples; the headline: a turn's p99 is\n" +
      '  its 10th-slowest call, which one batch export more or less in that turn moves by 2x either way)\n' +
      'order: a new random (seeded) order every round; after each turn its pipeline is flushed (at most 200 ms), so a\n' +
      "  subject's leftover batch is not exported on its 5 s timer in the middle of another subject's turn\n\n",
  );

  // ---- Latency: all subjects live for the whole phase, interleaved.
  const collectors = new CollectorWorker();
  const subjects: Subject[] = [];
  for (const adapter of adapters) {
    for (const mode of BACKEND_MODES) subjects.push(await createSubject(sdk, collectors, adapter, mode));
    subjects.push(await createSubject(sdk, collectors, adapter, 'healthy', true));
  }
  for (const subject of subjects)
    await pacedLatencies(subject.client, settings.warmupCalls, settings.intervalMs / 4);
  const p50s = subjects.map((): number[] => []);
  const p99s = subjects.map((): number[] => []);
  // Every call of every turn, per subject: the pooled p99 is the 1 % tail of rounds × calls samples.
  const pooled = subjects.map((): number[] => []);
  const random = seededRandom(0x5eed);
  for (let round = 0; round < settings.rounds; round += 1) {
    for (const index of shuffled(subjects.length, random)) {
      collectYoungGarbage();
      const latencies = await pacedLatencies(
        subjects[index]!.client,
        settings.callsPerTurn,
        settings.intervalMs,
      );
      const sorted = [...latencies];
      p50s[index]!.push(quantile(sorted, 0.5));
      p99s[index]!.push(quantile(sorted, 0.99));
      for (const latency of latencies) pooled[index]!.push(latency);
      // The turn's leftover spans (under one batch) go now, between turns, not on the batch timer in the
      // middle of another subject's turn. Bounded: a hanging backend holds its export for 10 s.
      await Promise.race([subjects[index]!.observability.forceFlush(), delay(200)]);
    }
  }
  const calls = settings.warmupCalls + settings.rounds * settings.callsPerTurn;
  const latencyRows: string[][] = [];
  // The summary keeps the worst faulty backend per adapter; the table above has every one.
  const worstP99 = new Map<string, { ratio: number; mode: BackendMode }>();
  const controls: Headline[] = [];
  for (const [index, subject] of subjects.entries()) {
    const healthyIndex = subjects.findIndex(
      (candidate) =>
        candidate.adapter === subject.adapter && candidate.mode === 'healthy' && !candidate.control,
    );
    const ratios = (values: number[][]): number[] =>
      values[index]!.map((value, round) => value / values[healthyIndex]![round]!);
    const p99Ratios = ratios(p99s);
    const p50Ratios = ratios(p50s);
    const pooledP99 = quantile(pooled[index]!, 0.99);
    const pooledRatio = pooledP99 / quantile(pooled[healthyIndex]!, 0.99);
    const dropped = droppedSpans(subject.observability, subject.adapter.id);
    const stats = await collectors.stats(subject.collectorId);
    latencyRows.push([
      subject.adapter.name,
      subject.control ? 'healthy (A/A control)' : subject.mode,
      millis(quantile(p50s[index]!, 0.5)),
      millis(quantile(p99s[index]!, 0.5)),
      formatRatio(quantile(p50Ratios, 0.5)),
      `${formatRatio(quantile(p99Ratios, 0.5))} [${formatRatio(quantile(p99Ratios, 0.25))}-${formatRatio(quantile(p99Ratios, 0.75))}]`,
      millis(pooledP99),
      formatRatio(pooledRatio),
      stats.requests.toLocaleString('en-US'),
      exportFaults(subject.observability, subject.adapter.id).toLocaleString('en-US'),
      dropped.queueFull.toLocaleString('en-US'),
      dropped.exportFailed.toLocaleString('en-US'),
    ]);
    if (subject.control) {
      controls.push({
        benchmark: 'exporter-outage',
        measure: `request p99, ${subject.adapter.name} healthy vs healthy (A/A control: the noise floor)`,
        value: formatRatio(quantile(p99Ratios, 0.5)),
      });
    } else if (subject.mode !== 'healthy') {
      const ratio = quantile(p99Ratios, 0.5);
      const worst = worstP99.get(subject.adapter.name);
      if (worst === undefined || ratio > worst.ratio) {
        worstP99.set(subject.adapter.name, { ratio, mode: subject.mode });
      }
    }
  }
  write(
    formatTable(
      [
        { header: 'adapter' },
        { header: 'backend' },
        { header: 'p50 ms', align: 'right' },
        { header: 'p99 ms', align: 'right' },
        { header: 'p50 ratio', align: 'right' },
        { header: 'p99 ratio [p25-p75]', align: 'right' },
        { header: 'pooled p99 ms', align: 'right' },
        { header: 'pooled p99 ratio', align: 'right' },
        { header: 'requests', align: 'right' },
        { header: 'export faults', align: 'right' },
        { header: 'dropped: queue full', align: 'right' },
        { header: 'dropped: export failed', align: 'right' },
      ],
      latencyRows,
    ),
  );
  write(
    `(${calls.toLocaleString('en-US')} calls = ${calls.toLocaleString('en-US')} server spans per row; ` +
      'export faults and dropped spans as observability.diagnostics() reports them for the adapter; a hanging\n' +
      ' request counts only when its 10 s timeout fires, so a short run shows the queue filling instead)\n',
  );
  await Promise.all(subjects.map((subject) => closeSubject(subject, collectors)));

  // ---- Heap, dropped spans and recovery: one fresh pipeline at a time.
  write(
    '\nper variant, a fresh pipeline: heap retained after gc (relative to before the first call), dropped spans, recovery\n',
  );
  const heapRows: string[][] = [];
  const headlines: Headline[] = [
    ...controls,
    ...[...worstP99].map(([name, worst]) => ({
      benchmark: 'exporter-outage',
      measure: `request p99, ${name} backend ${worst.mode} (worst) vs healthy`,
      value: formatRatio(worst.ratio),
      goal: `≤ ${TARGET_P99_RATIO.toFixed(2)}x`,
      met: worst.ratio <= TARGET_P99_RATIO,
    })),
  ];
  for (const adapter of adapters) {
    let peakRetained: number | undefined;
    let droppedTotal = 0;
    let unrecovered = 0;
    for (const mode of BACKEND_MODES) {
      const subject = await createSubject(sdk, collectors, adapter, mode);
      await yieldingCalls(subject.client, 200);
      const retained: string[] = [];
      let lastRetained: number | undefined;
      if (canCollectGarbage()) {
        collectGarbage();
        const before = process.memoryUsage().heapUsed;
        let done = 0;
        for (const checkpoint of settings.heapCalls) {
          await yieldingCalls(subject.client, checkpoint - done);
          done = checkpoint;
          collectGarbage();
          lastRetained = process.memoryUsage().heapUsed - before;
          retained.push(formatBytes(lastRetained));
        }
      } else {
        await yieldingCalls(subject.client, settings.heapCalls.at(-1) ?? 0);
        retained.push(...settings.heapCalls.map(() => 'n/a'));
      }
      const dropped = droppedSpans(subject.observability, adapter.id);
      const faults = exportFaults(subject.observability, adapter.id);
      const recovered = await recoveryMilliseconds(subject, collectors, settings.recoveryDeadlineMs);
      if (lastRetained !== undefined) peakRetained = Math.max(peakRetained ?? lastRetained, lastRetained);
      droppedTotal += dropped.queueFull + dropped.exportFailed;
      if (recovered === undefined) unrecovered += 1;
      heapRows.push([
        adapter.name,
        mode,
        ...retained,
        faults.toLocaleString('en-US'),
        (dropped.queueFull + dropped.exportFailed).toLocaleString('en-US'),
        recovered === undefined ? `no (> ${settings.recoveryDeadlineMs} ms)` : `${Math.round(recovered)} ms`,
      ]);
      await closeSubject(subject, collectors);
    }
    headlines.push({
      benchmark: 'exporter-outage',
      measure: `${adapter.name}: peak heap of ${BACKEND_MODES.length} backends, ${(settings.heapCalls.at(-1) ?? 0).toLocaleString('en-US')} calls`,
      value: peakRetained === undefined ? 'n/a' : formatBytes(peakRetained),
    });
    headlines.push({
      benchmark: 'exporter-outage',
      measure: `${adapter.name}: spans dropped (all counted) / backends not recovered`,
      value: `${droppedTotal.toLocaleString('en-US')} / ${unrecovered}`,
      goal: '… / 0',
      met: unrecovered === 0,
    });
  }
  write(
    formatTable(
      [
        { header: 'adapter' },
        { header: 'backend' },
        ...settings.heapCalls.map((count) => ({
          header: `heap @ ${count.toLocaleString('en-US')} calls`,
          align: 'right' as const,
        })),
        { header: 'export faults', align: 'right' },
        { header: 'dropped spans', align: 'right' },
        { header: 'delivers again after', align: 'right' },
      ],
      heapRows,
    ),
  );
  await collectors.close();
  reportHeadlines(headlines, write);
  if (quick)
    write('(--quick: a smoke run; the p99 of 100 calls is their slowest call, so these ratios are noise)\n');
}

/** A permutation of `0..count-1`: every round times the subjects in a new order (Fisher-Yates). */
function shuffled(count: number, random: () => number): number[] {
  const order = Array.from({ length: count }, (_, index) => index);
  for (let index = count - 1; index > 0; index -= 1) {
    const other = Math.floor(random() * (index + 1));
    [order[index], order[other]] = [order[other]!, order[index]!];
  }
  return order;
}

/** mulberry32: a small seeded generator, so two runs time the subjects in the same orders. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function delay(milliseconds: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, milliseconds).unref());
}

/** Scavenges the young generation before a turn, as measure.ts does; no-op without --expose-gc. */
function collectYoungGarbage(): void {
  const gc: unknown = (globalThis as { gc?: unknown }).gc;
  if (typeof gc === 'function') (gc as (options: { type: 'minor' }) => void)({ type: 'minor' });
}

/** The `run-all` entry: every adapter of issue 7. */
export const runExporterOutageBenchmark: Benchmark = (options) => runExporterOutage(OUTAGE_ADAPTERS, options);
