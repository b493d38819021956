import {
  AlertEngine,
  createObservability,
  DeliveryPipeline,
  InMemoryBackend,
  InMemoryStateStore,
  type NotifierV1,
  type Observability,
} from '@mcp-o11y/core';
import { createWebhookNotifier } from '@mcp-o11y/notify-webhook';
import { otlp } from '@mcp-o11y/otlp';
import { afterAll, expect, it } from 'vitest';
import { decodeHttpRequest } from '../../../../packages/otlp/test/decode-otlp.ts';
import { type FaultHttpServer, startFaultHttpServer } from '../faults/fault-http-server.js';
import { type CallBlock, callTools, type McpPair, startMcpPair } from '../faults/mcp-traffic.js';
import { counterSum, eventually, mebibytes, settledHeap } from '../faults/measure.js';
import { spanTap } from '../faults/span-tap.js';
import { BATCH_ENV } from '../faults/trace-fault-scenario.js';
import { FULL_RUN, recordSuiteResult } from '../report/suite-result.js';
import { SimulatedClock } from './simulated-clock.js';
import { failsAt, HOURLY, receiverModeAt, SOAK_TOOLS, type SoakTool } from './soak-schedule.js';

/*
 * Soak: hours of mixed MCP traffic compressed into seconds where a clock can be controlled (the in-memory
 * windows, the alert engine and the delivery pipeline run on simulated time), real time elsewhere (MCP
 * calls, the OTLP exporter and both local backends, which flap). Asserts: the heap and the active handles
 * are flat (first quarter vs last, after gc); at every evaluation the firing alerts are exactly the
 * failing tools; every failure episode's alert is notified firing, re-sent only at the repeat interval,
 * and resolved exactly once; no MCP call fails; the OTLP books balance (ended = received + counted).
 */

const HOURS = FULL_RUN ? 4 : 1;
const CALLS_PER_TOOL = FULL_RUN ? 6 : 3;
const TICK_MS = 15_000;
const REPEAT_MS = 10 * 60_000;
/** Heap growth allowed from the end of the first quarter to the end of the last, after gc, MiB. */
const HEAP_FLAT_MIB = 4;
/**
 * Active handles the last quarter may hold beyond the first, by type: keep-alive sockets to the two local
 * servers come and go with their outages (client and server side of each), timers with the moment the
 * checkpoint falls on; a leak grows without bound instead.
 */
const HANDLES_SLACK: Readonly<Record<string, number>> = { TCPSocketWrap: 4 };
const OTHER_HANDLES_SLACK = 2;

interface Notification {
  readonly at: number;
  readonly status: 'firing' | 'resolved';
  readonly tool: SoakTool;
}

const closers: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

/** Active handles by type (`process.getActiveResourcesInfo()`), the terminal's left out. */
function handles(): Record<string, number> {
  const byType: Record<string, number> = {};
  for (const type of process.getActiveResourcesInfo())
    if (type !== 'TTYWrap') byType[type] = (byType[type] ?? 0) + 1;
  return byType;
}

/** Handle types that grew beyond their slack from `first` to `last`. */
function grownHandles(first: Record<string, number>, last: Record<string, number>): string[] {
  return Object.entries(last)
    .filter(([type, count]) => count > (first[type] ?? 0) + (HANDLES_SLACK[type] ?? OTHER_HANDLES_SLACK))
    .map(([type, count]) => `${type}: ${first[type] ?? 0} → ${count}`);
}

const total = (byType: Record<string, number>): number =>
  Object.values(byType).reduce((sum, count) => sum + count, 0);

/** Checks one tool's notifications against its episodes: what was lost, duplicated or repeated too soon. */
function auditNotifications(notifications: readonly Notification[], episodes: number): string[] {
  const problems: string[] = [];
  let firing = false;
  let lastFiringAt = 0;
  let fired = 0;
  let resolved = 0;
  for (const notification of notifications) {
    if (notification.status === 'firing') {
      if (firing && notification.at - lastFiringAt < REPEAT_MS)
        problems.push(`firing re-sent after ${(notification.at - lastFiringAt) / 1000} s`);
      if (!firing) fired += 1;
      firing = true;
      lastFiringAt = notification.at;
    } else {
      if (!firing) problems.push('resolve without a firing before it (duplicate resolve or lost firing)');
      firing = false;
      resolved += 1;
    }
  }
  if (fired !== episodes) problems.push(`${fired} episodes notified firing, ${episodes} expected`);
  if (resolved !== episodes) problems.push(`${resolved} resolves, ${episodes} expected`);
  return problems;
}

it(`soak: ${HOURS} simulated hour(s) of traffic, alerts and flapping backends`, async () => {
  const notifications: Notification[] = [];
  // Counts, not ids: the soak must not grow its own heap while it watches the pipeline's.
  let collected = 0;
  let ended = 0;
  const inFlight = new Set<Promise<unknown>>();
  const quiet = async (): Promise<void> => {
    while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
  };
  const sim = new SimulatedClock(Date.UTC(2026, 0, 15, 9, 0, 0), quiet);
  const start = sim.now();

  const receiver: FaultHttpServer = await startFaultHttpServer({
    accept: (request) => {
      const body = request.json<{
        status: 'firing' | 'resolved';
        alerts: { labels: Record<string, string> }[];
      }>();
      const tool = SOAK_TOOLS.find((name) => Object.values(body.alerts[0]?.labels ?? {}).includes(name));
      if (tool === undefined) throw new Error(`no tool label in ${request.text.slice(0, 100)}`);
      notifications.push({ at: sim.now(), status: body.status, tool });
      return { status: 200, body: '' };
    },
  });
  closers.push(() => receiver.close());
  const collector: FaultHttpServer = await startFaultHttpServer({
    accept: (request) => {
      collected += decodeHttpRequest(request).spans.length;
      return { status: 200, headers: { 'content-type': 'application/x-protobuf' }, body: new Uint8Array() };
    },
  });
  closers.push(() => collector.close());

  const observability = await createObservability({
    service: { name: 'reliability-soak' },
    adapters: [
      otlp({
        endpoint: collector.url,
        protocol: 'http/protobuf',
        timeoutMs: 500,
        metrics: false,
        logs: false,
      }),
      spanTap(() => {
        ended += 1;
      }),
    ],
    env: BATCH_ENV,
    alerts: false,
    logging: { destination: false },
    registerGlobals: false,
    shutdownHooks: { signals: false, stdinEnd: false, beforeExit: false },
  });
  closers.push(() => observability.shutdown());
  // The MCP instrumentation records its windows into a store on simulated time; spans and metrics go
  // through the real pipeline.
  const windows = new InMemoryBackend({}, sim.now);
  const view: Observability = { ...observability, store: windows };
  const pair: McpPair = await startMcpPair(view, SOAK_TOOLS);
  closers.push(() => pair.close());

  const webhook = createWebhookNotifier({
    id: 'webhook',
    url: `${receiver.url}/alerts`,
    timeoutMs: 1_000,
    clock: sim.now,
  });
  const tracked: NotifierV1 = {
    ...webhook,
    send: (notification, options) => {
      const sending = Promise.resolve(webhook.send(notification, options));
      inFlight.add(sending);
      void sending.finally(() => inFlight.delete(sending));
      return sending;
    },
  };
  const pipeline = new DeliveryPipeline({
    notifiers: [tracked],
    meter: observability.meter,
    clock: sim,
    random: () => 0.5,
    defaults: { ratePerMinute: Number.POSITIVE_INFINITY },
  });
  const engineErrors: unknown[] = [];
  const engine = new AlertEngine({
    source: windows,
    sink: pipeline,
    notifiers: ['webhook'],
    defaultRules: false,
    rules: [
      {
        name: 'ToolFailing',
        condition: { kind: 'consecutive_failures', threshold: 3 },
        severity: 'high',
        annotations: { summary: '{{labels.gen_ai.tool.name}} keeps failing' },
      },
    ],
    routing: {
      route: {
        notifiers: ['webhook'],
        groupBy: ['alertname', 'gen_ai.tool.name'],
        groupWait: '30s',
        groupInterval: '1m',
        repeatInterval: '10m',
      },
    },
    evaluationInterval: '15s',
    retention: '10m',
    clock: sim.now,
    scheduler: sim,
    store: new InMemoryStateStore(),
    onError: (error) => engineErrors.push(error),
  });
  await engine.start();

  const ticks = (HOURS * 3_600_000) / TICK_MS;
  const quarter = ticks / 4;
  const checkpoints: { heap: number; handles: Record<string, number> }[] = [];
  const stateMismatches: string[] = [];
  let requests = 0;
  const unexpected: string[] = [];
  let heapPeak = 0;
  const tally = (block: CallBlock): void => {
    requests += block.latencies.length;
    unexpected.push(...block.unexpected);
    heapPeak = Math.max(heapPeak, block.heapPeak);
  };
  for (let tick = 0; tick < ticks; tick += 1) {
    const elapsed = sim.now() - start;
    await receiver.setMode(receiverModeAt(elapsed));
    // The trace backend flaps in real time, against its own rhythm.
    await collector.setMode(tick % 16 < 2 ? '500' : tick % 16 === 8 ? 'refuse' : 'ok');
    const failing = SOAK_TOOLS.filter((tool) => failsAt(tool, elapsed));
    pair.failing.clear();
    for (const tool of failing) pair.failing.add(tool);
    const plan = ['echo', ...SOAK_TOOLS.flatMap((tool) => Array<string>(CALLS_PER_TOOL).fill(tool)), 'echo'];
    tally(await callTools(pair, { calls: plan.length, intervalMs: 0, tool: (index) => plan[index]! }));
    await sim.advance(TICK_MS);
    const firing = engine
      .listAlerts()
      .filter((alert) => alert.state === 'firing')
      .map((alert) => alert.labels['gen_ai.tool.name'])
      .sort();
    if (JSON.stringify(firing) !== JSON.stringify([...failing].sort()))
      stateMismatches.push(
        `minute ${elapsed / 60_000}: firing ${firing.join(',')} while failing ${failing.join(',')}`,
      );
    if ((tick + 1) % quarter === 0) checkpoints.push({ heap: settledHeap(), handles: handles() });
  }

  // Everything recovers: the last resolves go out, the exporter catches up.
  pair.failing.clear();
  await receiver.setMode('ok');
  await collector.setMode('ok');
  for (let minute = 0; minute < 10; minute += 1) {
    tally(
      await callTools(pair, { calls: SOAK_TOOLS.length, intervalMs: 0, tool: (index) => SOAK_TOOLS[index]! }),
    );
    await sim.advance(60_000);
  }
  await engine.stop();
  await pipeline.close();
  const counted = () =>
    counterSum(observability, 'mcp_o11y.exporter.dropped', (attributes) => attributes.adapter === 'otlp');
  const received = () => collected;
  await eventually(
    async () => {
      await observability.forceFlush();
      return received() + (await counted()) >= ended;
    },
    30_000,
    100,
  );

  const episodes = (tool: SoakTool) => HOURS * HOURLY.failures[tool].length;
  const audit = Object.fromEntries(
    SOAK_TOOLS.map((tool) => [
      tool,
      auditNotifications(
        notifications.filter((each) => each.tool === tool),
        episodes(tool),
      ),
    ]),
  );
  const delivered = await counterSum(
    observability,
    'mcp_o11y.notifications.sent',
    (attributes) => attributes.outcome === 'delivered',
  );
  const notDelivered = await counterSum(
    observability,
    'mcp_o11y.notifications.sent',
    (attributes) => attributes.outcome !== 'delivered',
  );
  const first = checkpoints[0]!;
  const last = checkpoints.at(-1)!;
  const outageRequests = Object.entries(receiver.arrived)
    .filter(([mode]) => mode !== 'ok')
    .reduce((sum, [, count]) => sum + count, 0);

  expect(unexpected, 'MCP calls that failed').toEqual([]);
  expect(engineErrors).toEqual([]);
  expect(stateMismatches, 'evaluations where the firing alerts were not the failing tools').toEqual([]);
  expect(audit).toEqual(Object.fromEntries(SOAK_TOOLS.map((tool) => [tool, []])));
  expect(engine.listAlerts().filter((alert) => alert.state !== 'resolved')).toEqual([]);
  expect(outageRequests, 'notifications that met an outage').toBeGreaterThan(0);
  expect(delivered).toBe(notifications.length);
  expect(notDelivered).toBe(pipeline.deadLetters().length);
  expect(mebibytes(last.heap - first.heap)).toBeLessThanOrEqual(HEAP_FLAT_MIB);
  expect(grownHandles(first.handles, last.handles), 'handle types that kept growing').toEqual([]);
  expect({ counted: await counted(), lost: ended - received() }).toEqual({
    counted: ended - received(),
    lost: ended - received(),
  });

  recordSuiteResult({
    area: 'soak',
    scenario: `${HOURS} h simulated: ${SOAK_TOOLS.length} tools, alerts firing/resolving, notifier + OTLP backends flapping`,
    faults: outageRequests + collector.arrived['500'],
    requests,
    dropped: ended - received(),
    counted: await counted(),
    heapPeakMiB: mebibytes(heapPeak),
    note:
      `${notifications.length} notifications (${notDelivered} given up by the pipeline and re-sent by the engine); ` +
      `${SOAK_TOOLS.reduce((sum, tool) => sum + episodes(tool), 0)} episodes each fired once and resolved once; ` +
      `heap Q1→Q4 ${mebibytes(first.heap)}→${mebibytes(last.heap)} MiB, handles ${total(first.handles)}→${total(last.handles)}`,
  });
});
