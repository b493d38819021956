import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createObservability, type Observability } from '@mcp-o11y/core';
import { countExports } from './count-exports.js';
import type { TraceBackend } from './exporter-backends.js';
import { type FaultHttpServer, startFaultHttpServer } from './fault-http-server.js';
import type { FaultMode } from './fault-mode.js';
import { BOUNDS, type FaultSettings } from './fault-settings.js';
import { type CallBlock, callTools, healthyBlock, type McpPair, startMcpPair } from './mcp-traffic.js';
import { counterSum, eventually, median, settledHeap } from './measure.js';
import { spanTap } from './span-tap.js';

/** Small batches on a short schedule, so a block of calls meets several exports and a full queue. */
export const EXPORT_BATCH_SIZE = 64;
export const BATCH_ENV = {
  OTEL_BSP_MAX_QUEUE_SIZE: '256',
  OTEL_BSP_MAX_EXPORT_BATCH_SIZE: String(EXPORT_BATCH_SIZE),
  OTEL_BSP_SCHEDULE_DELAY: '100',
} as const;

/** Everything a trace fault scenario observed; the test asserts on it and records it. */
export interface TraceFaultOutcome {
  /** MCP calls served (warm-up, healthy and faulty blocks). */
  readonly requests: number;
  /** Calls that did not answer as they should. */
  readonly unexpected: readonly string[];
  /** Median latency of the faulty blocks ÷ that of the healthy blocks. */
  readonly latencyRatio: number;
  /** Peak heap during the scenario, and its growth over the start (after gc), bytes. */
  readonly heapPeak: number;
  readonly heapGrowth: number;
  /** Requests that met the fault at the server; for `refuse`, the exports started while the port was closed. */
  readonly faultsInjected: number;
  /** Spans the pipeline ended, the backend received (distinct), and received more than once. */
  readonly ended: number;
  readonly received: number;
  readonly duplicates: number;
  /** `mcp_o11y.exporter.dropped{adapter}` and the same from `diagnostics().dropped`. */
  readonly countedByMetric: number;
  readonly countedByDiagnostics: number;
  /** Whether a span sent after the backend healed arrived, and malformed payloads seen. */
  readonly recovered: boolean;
  readonly problems: readonly string[];
}

const QUIET = { signals: false, stdinEnd: false, beforeExit: false } as const;

/**
 * One backend, one fault: an instrumented MCP server serves calls in blocks, healthy and faulty in turn,
 * while the adapter exports to a local server in that mode; then the server heals and the scenario waits
 * until every span the pipeline ended is either at the backend or counted as dropped.
 */
export async function runTraceFaultScenario(
  backend: TraceBackend,
  fault: Exclude<FaultMode, 'ok'>,
  settings: FaultSettings,
): Promise<TraceFaultOutcome> {
  const receivedIds: string[] = [];
  const ended = new Set<string>();
  let server: FaultHttpServer | undefined;
  let observability: Observability | undefined;
  let pair: McpPair | undefined;
  let exportsIntoRefusal = 0;
  const scratch = mkdtempSync(join(tmpdir(), 'reliability-faults-'));
  try {
    server = await startFaultHttpServer({
      accept: (request) => {
        const accepted = backend.accept(request);
        receivedIds.push(...accepted.spanIds);
        return accepted.response;
      },
    });
    observability = await createObservability({
      service: { name: `reliability-${backend.id}` },
      adapters: [
        countExports(backend.adapter(server.url, scratch), () => {
          if (server?.mode === 'refuse') exportsIntoRefusal += 1;
        }),
        spanTap((id) => ended.add(id)),
      ],
      env: BATCH_ENV,
      logging: { destination: false },
      alerts: false,
      registerGlobals: false,
      shutdownHooks: QUIET,
    });
    pair = await startMcpPair(observability);
    const warmup = await callTools(pair, { calls: settings.warmupCalls, intervalMs: settings.intervalMs });
    const heapStart = settledHeap();
    const healthy: CallBlock[] = [];
    const faulty: CallBlock[] = [];
    for (let round = 0; round < settings.rounds; round += 1) {
      await server.setMode('ok');
      healthy.push(await healthyBlock(pair, settings));
      await server.setMode(fault);
      faulty.push(
        await callTools(pair, {
          calls: settings.callsPerBlock,
          intervalMs: settings.intervalMs,
          minDurationMs: settings.faultMinMs,
        }),
      );
    }
    const faultsInjected = fault === 'refuse' ? exportsIntoRefusal : server.arrived[fault];

    // Heal, then send marker spans until one arrives: the adapter delivers again.
    await server.setMode('ok');
    const tracer = observability.tracer;
    const handle = observability;
    const recovered = await eventually(
      async () => {
        const marker = tracer.startSpan('after recovery');
        const id = marker.spanContext().spanId;
        marker.end();
        await handle.forceFlush();
        return receivedIds.includes(id);
      },
      BOUNDS.recoveryMs,
      100,
    );
    // The baseline brackets the faults, so a neighbour's load that comes and goes weighs on both sides.
    healthy.push(await healthyBlock(pair, settings));
    // Retries of batches from the outage may still be running: wait until the books balance (or give up).
    const counted = () =>
      counterSum(handle, 'mcp_o11y.exporter.dropped', (attributes) => attributes.adapter === backend.id);
    const distinctReceived = () => new Set(receivedIds.filter((id) => ended.has(id))).size;
    await eventually(
      async () => {
        await handle.forceFlush();
        return distinctReceived() + (await counted()) >= ended.size;
      },
      BOUNDS.recoveryMs,
      100,
    );
    const blocks = [warmup, ...healthy, ...faulty];
    const heapPeak = Math.max(...blocks.map((block) => block.heapPeak));
    return {
      requests: blocks.reduce((sum, block) => sum + block.latencies.length, 0),
      unexpected: blocks.flatMap((block) => block.unexpected),
      latencyRatio:
        median(faulty.flatMap((block) => block.latencies)) /
        median(healthy.flatMap((block) => block.latencies)),
      heapPeak,
      heapGrowth: heapPeak - heapStart,
      faultsInjected,
      ended: ended.size,
      received: distinctReceived(),
      duplicates: receivedIds.length - new Set(receivedIds).size,
      countedByMetric: await counted(),
      countedByDiagnostics: observability
        .diagnostics()
        .dropped.filter((entry) => entry.adapter === backend.id && entry.signal === 'traces')
        .reduce((sum, entry) => sum + entry.count, 0),
      recovered,
      problems: [...server.problems],
    };
  } finally {
    await pair?.close();
    // Heal first, so a shutdown flush does not wait for a hung backend's timeout.
    await server?.setMode('ok');
    await observability?.shutdown();
    await server?.close();
    rmSync(scratch, { recursive: true, force: true });
  }
}
