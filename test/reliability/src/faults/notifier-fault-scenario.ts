import { type AlertsOptions, createObservability, type Observability } from '@mcp-o11y/core';
import {
  createTestCertificate,
  type TestCertificate,
} from '../../../../packages/notify-email/test/smtp-test-server.ts';
import { type FaultHttpServer, startFaultHttpServer } from './fault-http-server.js';
import type { FaultMode } from './fault-mode.js';
import { BOUNDS, type FaultSettings } from './fault-settings.js';
import { startFaultSmtpServer } from './fault-smtp-server.js';
import {
  type CallBlock,
  callTools,
  healthyBlock,
  latenciesOf,
  type McpPair,
  startMcpPair,
} from './mcp-traffic.js';
import { counterSum, eventually, median, settledHeap } from './measure.js';
import type { NotifierBackend, ReceivedNotification } from './notifier-backends.js';

/** Tools that break during the fault: one alert group, so one firing and one resolve, each. */
export const FLAKY_TOOLS = ['flaky-0', 'flaky-1', 'flaky-2'] as const;

/** What a notifier fault scenario observed. */
export interface NotifierFaultOutcome {
  readonly requests: number;
  readonly unexpected: readonly string[];
  readonly latencyRatio: number;
  readonly heapPeak: number;
  readonly heapGrowth: number;
  /** Attempts that did not deliver (for `slow`, the requests that were slowed). */
  readonly faultsInjected: number;
  /** Per tool, the statuses the receiver got, in order, e.g. `['firing', 'resolved']`. */
  readonly receivedByTool: Readonly<Record<string, readonly string[]>>;
  /** Notifications the engine handed to the pipeline (its incident timeline: notified + notification_failed). */
  readonly handed: number;
  /** Notifications the receiver got (distinct), and `mcp_o11y.notifications.sent` by outcome. */
  readonly received: number;
  readonly sentDelivered: number;
  readonly sentNotDelivered: number;
  /** Dead letters the pipeline kept. */
  readonly deadLetters: number;
  /** Whether every firing and every resolve arrived once the receiver was healthy. */
  readonly recovered: boolean;
  readonly problems: readonly string[];
}

/** One rule, one group per tool, fast timers: alerts fire and resolve within the scenario. */
function alertsOptions(): AlertsOptions {
  return {
    defaultRules: false,
    rules: [
      {
        name: 'ToolBroken',
        condition: { kind: 'consecutive_failures', threshold: 1 },
        severity: 'high',
        annotations: { summary: 'tool {{labels.gen_ai.tool.name}} is broken' },
      },
    ],
    routing: {
      route: {
        groupBy: ['alertname', 'gen_ai.tool.name'],
        groupWait: '0s',
        groupInterval: '200ms',
        repeatInterval: '1h',
      },
    },
    evaluationInterval: '100ms',
    state: false,
    console: false,
    delivery: {
      defaults: {
        // Above every notifier's own timeout, so that one decides; two attempts, then a dead letter.
        attemptTimeoutMs: 1_500,
        deadlineMs: 4_000,
        maxAttempts: 2,
        maxReschedules: 0,
        backoff: { initialMs: 50, maxMs: 200 },
        ratePerMinute: Number.POSITIVE_INFINITY,
        burst: 100,
      },
      closeTimeoutMs: 1_000,
    },
  };
}

interface Receiver {
  readonly arrived: Readonly<Record<FaultMode, number>>;
  readonly problems: readonly string[];
  setMode(mode: FaultMode): Promise<void>;
  close(): Promise<void>;
}

let certificate: TestCertificate | undefined;

async function startReceiver(
  backend: NotifierBackend,
  received: ReceivedNotification[],
): Promise<{ receiver: Receiver; adapter: ReturnType<NotifierBackend['adapter']> }> {
  if (backend.transport === 'http') {
    const server: FaultHttpServer = await startFaultHttpServer({
      accept: (request) => {
        const { notification, response } = backend.accept(request);
        received.push(notification);
        return response;
      },
    });
    return { receiver: server, adapter: backend.adapter(server.url) };
  }
  certificate ??= createTestCertificate();
  const smtp = await startFaultSmtpServer(certificate);
  const problems: string[] = [];
  let seen = 0;
  // Messages arrive in the real server's list; decode the new ones whenever the scenario looks.
  const collect = (): void => {
    for (; seen < smtp.messages.length; seen += 1) {
      try {
        received.push(backend.accept(smtp.messages[seen]!.raw));
      } catch (error) {
        problems.push(error instanceof Error ? error.message : String(error));
      }
    }
  };
  const timer = setInterval(collect, 20);
  return {
    receiver: {
      arrived: smtp.arrived,
      problems,
      setMode: (mode) => smtp.setMode(mode),
      close: async () => {
        clearInterval(timer);
        collect();
        await smtp.close();
      },
    },
    adapter: backend.adapter(smtp.port, certificate),
  };
}

function toolOf(notification: ReceivedNotification): string | undefined {
  return FLAKY_TOOLS.find((tool) => new RegExp(`\\b${tool}\\b`).test(notification.text));
}

function deliveryEvents(observability: Observability, notifierId: string): number {
  return (observability.alerts?.listIncidents() ?? [])
    .flatMap((incident) => incident.timeline)
    .filter(
      (event) =>
        (event.kind === 'notified' || event.kind === 'notification_failed') && event.actor === notifierId,
    ).length;
}

/**
 * One notifier, one fault: MCP calls are served while tools break, so alerts fire through the real alert
 * engine and delivery pipeline to a notifier whose receiver is faulty; then the receiver heals, the tools
 * recover and the alerts resolve. Every firing and every resolve must arrive exactly once in the end, and
 * every notification the pipeline gave up on must be counted in `mcp_o11y.notifications.sent`.
 */
export async function runNotifierFaultScenario(
  backend: NotifierBackend,
  fault: Exclude<FaultMode, 'ok'>,
  settings: FaultSettings,
): Promise<NotifierFaultOutcome> {
  const received: ReceivedNotification[] = [];
  let receiver: Receiver | undefined;
  let observability: Observability | undefined;
  let pair: McpPair | undefined;
  try {
    const started = await startReceiver(backend, received);
    receiver = started.receiver;
    observability = await createObservability({
      service: { name: 'reliability-alerts' },
      adapters: [started.adapter],
      alerts: alertsOptions(),
      logging: { destination: false },
      registerGlobals: false,
      shutdownHooks: { signals: false, stdinEnd: false, beforeExit: false },
    });
    const handle = observability;
    const notifierId = handle.alerts?.notifierIds()[0];
    if (notifierId === undefined)
      throw new Error('[reliability] the notifier adapter contributed no notifier');
    pair = await startMcpPair(handle, FLAKY_TOOLS);
    const mcp = pair;
    const warmup = await callTools(mcp, { calls: settings.warmupCalls, intervalMs: settings.intervalMs });
    const heapStart = settledHeap();
    const healthy = [await healthyBlock(mcp, settings)];

    // The fault: every tool breaks, its alert fires, and its delivery meets the faulty receiver.
    await receiver.setMode(fault);
    for (const tool of FLAKY_TOOLS) mcp.failing.add(tool);
    const traffic = (index: number): string =>
      index % 10 === 0 ? FLAKY_TOOLS[(index / 10) % FLAKY_TOOLS.length]! : 'echo';
    const faulty: CallBlock[] = [];
    await eventually(
      async () => {
        faulty.push(await callTools(mcp, { calls: 60, intervalMs: settings.intervalMs, tool: traffic }));
        return deliveryEvents(handle, notifierId) >= FLAKY_TOOLS.length;
      },
      20_000,
      0,
    );
    const notDelivered = await counterSum(
      handle,
      'mcp_o11y.notifications.attempts',
      (attributes) => attributes['notifier.id'] === notifierId && attributes.result !== 'delivered',
    );
    const faultsInjected = fault === 'slow' ? receiver.arrived.slow : notDelivered;

    // Heal: the engine sends the failed groups again; then the tools recover and the alerts resolve.
    await receiver.setMode('ok');
    const statusesOf = (tool: string) =>
      received.filter((each) => toolOf(each) === tool).map((each) => each.status);
    const fired = await eventually(
      () => FLAKY_TOOLS.every((tool) => statusesOf(tool).includes('firing')),
      BOUNDS.recoveryMs,
    );
    mcp.failing.clear();
    const recovery = await callTools(mcp, {
      calls: FLAKY_TOOLS.length,
      intervalMs: settings.intervalMs,
      tool: (index) => FLAKY_TOOLS[index]!,
    });
    const resolved = await eventually(
      () => FLAKY_TOOLS.every((tool) => statusesOf(tool).includes('resolved')),
      BOUNDS.recoveryMs,
    );
    await eventually(() => handle.alerts?.deliveryStats()[notifierId]?.queued === 0, BOUNDS.recoveryMs);
    // The baseline brackets the fault; meanwhile a duplicate would show.
    healthy.push(await healthyBlock(mcp, settings));

    const blocks = [warmup, ...healthy, ...faulty, recovery];
    const heapPeak = Math.max(...blocks.map((block) => block.heapPeak));
    const sent = (delivered: boolean) =>
      counterSum(
        handle,
        'mcp_o11y.notifications.sent',
        (attributes) =>
          attributes['notifier.id'] === notifierId && (attributes.outcome === 'delivered') === delivered,
      );
    return {
      requests: blocks.reduce((sum, block) => sum + block.latencies.length, 0),
      unexpected: blocks.flatMap((block) => block.unexpected),
      // Echo calls only: a failing tool call does more work (error telemetry) whatever the notifier does.
      latencyRatio: median(latenciesOf(faulty, 'echo')) / median(latenciesOf(healthy, 'echo')),
      heapPeak,
      heapGrowth: heapPeak - heapStart,
      faultsInjected,
      receivedByTool: Object.fromEntries(FLAKY_TOOLS.map((tool) => [tool, statusesOf(tool)])),
      handed: deliveryEvents(handle, notifierId),
      received: received.length,
      sentDelivered: await sent(true),
      sentNotDelivered: await sent(false),
      deadLetters:
        handle.alerts?.deadLetters().filter((letter) => letter.notifierId === notifierId).length ?? 0,
      recovered: fired && resolved,
      problems: [
        ...receiver.problems,
        ...received
          .filter((each) => toolOf(each) === undefined)
          .map((each) => `no tool in ${each.text.slice(0, 80)}`),
      ],
    };
  } finally {
    await pair?.close();
    await receiver?.setMode('ok');
    await observability?.shutdown();
    await receiver?.close();
  }
}
