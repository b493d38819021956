import { createObservability, type Observability } from '@mcp-o11y/core';
import { prometheus } from '@mcp-o11y/prometheus';
import type { ReceivedRequest } from '@mcp-o11y/testkit';
import { EXPORT_TIMEOUT_MS } from './exporter-backends.js';
import { type FaultHttpServer, startFaultHttpServer } from './fault-http-server.js';
import type { FaultMode } from './fault-mode.js';
import { BOUNDS, type FaultSettings } from './fault-settings.js';
import { type CallBlock, callTools, healthyBlock, type McpPair, startMcpPair } from './mcp-traffic.js';
import { eventually, median, settledHeap } from './measure.js';

const GROUP_PATH = '/metrics/job/reliability/instance/fault-test';
const CALLS_SERIES = 'mcp_server_operation_duration_seconds_count';

/** What a Pushgateway fault scenario observed. */
export interface PushgatewayFaultOutcome {
  readonly requests: number;
  readonly unexpected: readonly string[];
  readonly latencyRatio: number;
  readonly heapPeak: number;
  readonly heapGrowth: number;
  /** Pushes that met the fault; for `refuse`, the pushes the health check saw fail. */
  readonly faultsInjected: number;
  /** Health check status while the fault was on, and after recovery. */
  readonly healthDuringFault: string;
  readonly healthAfterRecovery: string;
  /** Failed pushes counted in `mcp_o11y.adapter.errors{adapter="prometheus",operation="pushgateway.push"}`. */
  readonly failedPushesCounted: number;
  /** `tools/call` count in the last push the Pushgateway accepted after recovery, and the calls served by then. */
  readonly pushedCalls: number;
  readonly servedCalls: number;
  readonly problems: readonly string[];
}

/**
 * Sums the `tools/call` samples of the duration histogram's count in a pushed text exposition; throws on
 * a line that is not exposition format, so a malformed push fails the scenario.
 */
function toolCallsIn(request: ReceivedRequest): number {
  if (request.method !== 'PUT' || request.path !== GROUP_PATH)
    throw new Error(`unexpected ${request.method} ${request.path}`);
  let sum = 0;
  for (const line of request.text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (match === null) throw new Error(`not exposition format: ${line.slice(0, 100)}`);
    if (match[1] === CALLS_SERIES && (match[2] ?? '').includes('mcp_method_name="tools/call"'))
      sum += Number(match[3]);
  }
  return sum;
}

async function pushHealth(observability: Observability): Promise<string> {
  const report = await observability.health.run({ fresh: true });
  return report.checks.find((check) => check.name === 'prometheus-scrape')?.status ?? 'missing';
}

/**
 * The Pushgateway pushes the whole exposition on an interval: a failed push loses nothing as long as a
 * later one succeeds, because every counter is cumulative. So "nothing lost" is: once healthy again, a
 * push carries exactly the calls served; and a failing push must show, in the `prometheus-scrape` check.
 */
export async function runPushgatewayFaultScenario(
  fault: Exclude<FaultMode, 'ok'>,
  settings: FaultSettings,
): Promise<PushgatewayFaultOutcome> {
  const pushes: number[] = [];
  let server: FaultHttpServer | undefined;
  let observability: Observability | undefined;
  let pair: McpPair | undefined;
  try {
    server = await startFaultHttpServer({
      accept: (request) => {
        pushes.push(toolCallsIn(request));
        return { status: 200, body: '' };
      },
    });
    observability = await createObservability({
      service: { name: 'reliability-pushgateway' },
      adapters: [
        prometheus({
          pushgateway: {
            url: server.url,
            job: 'reliability',
            instance: 'fault-test',
            intervalMillis: 100,
            timeoutMillis: EXPORT_TIMEOUT_MS,
          },
        }),
      ],
      logging: { destination: false },
      alerts: false,
      registerGlobals: false,
      shutdownHooks: { signals: false, stdinEnd: false, beforeExit: false },
    });
    pair = await startMcpPair(observability);
    const warmup = await callTools(pair, { calls: settings.warmupCalls, intervalMs: settings.intervalMs });
    const heapStart = settledHeap();
    const healthy: CallBlock[] = [];
    const faulty: CallBlock[] = [];
    const healthSeen = new Set<string>();
    let failedPushesSeen = 0;
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
      const status = await pushHealth(observability);
      healthSeen.add(status);
      if (status === 'warn') failedPushesSeen += 1;
    }
    const faultsInjected = fault === 'refuse' ? failedPushesSeen : server.arrived[fault];
    await server.setMode('ok');
    healthy.push(await healthyBlock(pair, settings));
    const blocks = [warmup, ...healthy, ...faulty];
    const servedCalls = blocks.reduce((sum, block) => sum + block.latencies.length, 0);

    await server.setMode('ok');
    const handle = observability;
    await eventually(
      async () => {
        await handle.forceFlush();
        return pushes.at(-1) === servedCalls;
      },
      BOUNDS.recoveryMs,
      100,
    );
    const heapPeak = Math.max(...blocks.map((block) => block.heapPeak));
    return {
      requests: servedCalls,
      unexpected: blocks.flatMap((block) => block.unexpected),
      latencyRatio:
        median(faulty.flatMap((block) => block.latencies)) /
        median(healthy.flatMap((block) => block.latencies)),
      heapPeak,
      heapGrowth: heapPeak - heapStart,
      faultsInjected,
      healthDuringFault: [...healthSeen].join('/'),
      healthAfterRecovery: await pushHealth(observability),
      failedPushesCounted:
        observability
          .diagnostics()
          .faults.find((entry) => entry.adapter === 'prometheus' && entry.operation === 'pushgateway.push')
          ?.count ?? 0,
      pushedCalls: pushes.at(-1) ?? 0,
      servedCalls,
      problems: [...server.problems],
    };
  } finally {
    await pair?.close();
    await server?.setMode('ok');
    await observability?.shutdown();
    await server?.close();
  }
}
