import type { AlertRuleV1 } from '../../spec/alerts/v1/alert-rule-v1.js';
import type { NotificationV1 } from '../../spec/notifier/v1/notification-v1.js';
import { InMemoryBackend } from '../../store/in-memory-backend.js';
import type { WindowSeries } from '../../store/window-series.js';
import { AlertEngine } from './alert-engine.js';
import type {
  AlertEngineOptions,
  AlertStateStore,
  NotificationDeliveryOutcome,
  NotificationSink,
} from './alert-engine-options.js';

/** A sink that records every delivery; `failing` notifier ids fail. */
export class RecordingSink implements NotificationSink {
  readonly sent: { notifierId: string; notification: NotificationV1 }[] = [];
  readonly failing = new Set<string>();

  async deliver(notifierId: string, notification: NotificationV1): Promise<NotificationDeliveryOutcome> {
    if (this.failing.has(notifierId)) return { status: 'failed', attempts: 3, reason: 'HTTP 500' };
    this.sent.push({ notifierId, notification });
    return { status: 'delivered', attempts: 1 };
  }

  /** Deliveries to one notifier, as `status:title` with alert names, for compact assertions. */
  to(notifierId: string): string[] {
    return this.sent
      .filter((each) => each.notifierId === notifierId)
      .map(
        ({ notification }) =>
          `${notification.status} ${notification.alerts.map((alert) => `${alert.labels['gen_ai.tool.name'] ?? alert.name}:${alert.status}`).join(',')}`,
      );
  }
}

/** The persistence contract, in memory, storing JSON text like a file would. */
export class MemoryStateStore implements AlertStateStore {
  readonly data = new Map<string, string>();
  async load(key: string): Promise<unknown | undefined> {
    const text = this.data.get(key);
    return text === undefined ? undefined : JSON.parse(text);
  }
  async save(key: string, value: unknown): Promise<void> {
    this.data.set(key, JSON.stringify(value));
  }
}

/** A rule firing when more than half of a tool's calls in the last minute failed (one call is enough). */
export function errorRule(overrides: Partial<AlertRuleV1> = {}): AlertRuleV1 {
  return {
    name: 'ToolFailing',
    condition: { kind: 'error_ratio', threshold: 0.5, window: '1m', minCount: 1 },
    severity: 'high',
    annotations: { summary: '{{labels.gen_ai.tool.name}} fails ({{valuePercent}} %)' },
    ...overrides,
  };
}

/** An engine over a real in-memory backend with a hand-driven clock. */
export function createHarness(
  options: Partial<AlertEngineOptions> & { start?: number; backend?: InMemoryBackend } = {},
) {
  let now = options.start ?? Date.UTC(2026, 0, 15, 9, 0, 0);
  const clock = () => now;
  const backend = options.backend ?? new InMemoryBackend({}, clock);
  const sink = new RecordingSink();
  const engine = new AlertEngine({
    source: backend,
    sink,
    notifiers: ['slack', 'email'],
    defaultRules: false,
    rules: [errorRule()],
    routing: {
      route: {
        notifiers: ['slack'],
        groupBy: ['alertname'],
        groupWait: '30s',
        groupInterval: '1m',
        repeatInterval: '5m',
      },
    },
    clock,
    scheduler: { setTimeout: () => undefined, clearTimeout: () => undefined },
    newId: (() => {
      let id = 0;
      return () => {
        id += 1;
        return `id-${id}`;
      };
    })(),
    ...options,
  });
  const tools = new Map<string, WindowSeries>();
  const tool = (name: string) => {
    let series = tools.get(name);
    if (series === undefined) {
      series = backend.series('mcp.server.operation', {
        'mcp.method.name': 'tools/call',
        'gen_ai.tool.name': name,
      });
      tools.set(name, series);
    }
    return series;
  };
  return {
    engine,
    sink,
    backend,
    clock,
    /** Records `count` failed calls of a tool now. */
    fail: (name: string, count = 1) => {
      for (let index = 0; index < count; index += 1) tool(name).observe(0.05, true);
    },
    /** Records `count` successful calls of a tool now. */
    succeed: (name: string, count = 1) => {
      for (let index = 0; index < count; index += 1) tool(name).observe(0.05, false);
    },
    /** Moves the clock, evaluates and waits for deliveries. */
    tick: async (ms = 0) => {
      now += ms;
      await engine.evaluateNow();
      await engine.drain();
    },
    state: (name = 'ToolFailing') =>
      engine
        .listAlerts()
        .filter((alert) => alert.name === name)
        .map((alert) => `${alert.labels['gen_ai.tool.name'] ?? ''}:${alert.state}`),
  };
}
