import type { AlertEngineModeV1 } from '../../spec/alerts/v1/alert-engine-mode-v1.js';
import type { AlertRoutingV1 } from '../../spec/alerts/v1/alert-routing-v1.js';
import type { AlertRuleV1 } from '../../spec/alerts/v1/alert-rule-v1.js';
import type { DurationV1 } from '../../spec/alerts/v1/duration-v1.js';
import type { SloV1 } from '../../spec/alerts/v1/slo-v1.js';
import type { NotificationV1 } from '../../spec/notifier/v1/notification-v1.js';
import type { MetricsSnapshot } from '../../store/in-memory-metric-reader.js';
import type { WindowSeries } from '../../store/window-series.js';
import type { HealthCheckReading } from './evaluation-context.js';

/** What the engine reads; `InMemoryBackend` is one. */
export interface AlertSignalSource {
  listSeries(name?: string): readonly WindowSeries[];
  metricsSnapshot(): Promise<MetricsSnapshot>;
}

/** The final outcome of one delivery (the delivery pipeline's `DeliveryOutcome`). */
export interface NotificationDeliveryOutcome {
  readonly status: 'delivered' | 'failed';
  readonly attempts: number;
  readonly reason?: string;
}

/**
 * Where the engine hands notifications: the delivery pipeline (`DeliveryPipeline` fits). `deliver` resolves
 * once delivered or finally failed and never rejects (a rejection counts as failed).
 */
export interface NotificationSink {
  deliver(notifierId: string, notification: NotificationV1): Promise<NotificationDeliveryOutcome>;
}

/** Durable key-value storage for the engine's state (the persistence contract `StateStoreV1` fits). */
export interface AlertStateStore {
  load(key: string): Promise<unknown | undefined>;
  save(key: string, value: unknown): Promise<void>;
}

/** Timers, injectable so tests drive time. */
export interface AlertScheduler {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** Options of `AlertEngine`. Durations are {@link DurationV1} strings. */
export interface AlertEngineOptions {
  /** Signals to evaluate. */
  readonly source: AlertSignalSource;
  /** Delivery of notifications. */
  readonly sink: NotificationSink;
  /** Ids of the configured notifiers (routes may only name these; the default route uses all). */
  readonly notifiers: readonly string[];
  /** Your rules (validated: use `parseRules` for file input). */
  readonly rules?: readonly AlertRuleV1[];
  /** SLOs the `slo_burn_rate` rules refer to. */
  readonly slos?: readonly SloV1[];
  /** Add the default rule pack and the seeds' SLOs. Default true. */
  readonly defaultRules?: boolean;
  /** Route tree, inhibition, per-notifier `sendResolved`, escalation. */
  readonly routing?: AlertRoutingV1;
  /** `service.name` put on notifications. Default `mcp-server`. */
  readonly service?: string;
  /** Latest health check verdicts; the engine never runs checks itself. */
  readonly health?: () => readonly HealthCheckReading[] | Promise<readonly HealthCheckReading[]>;
  /** Persistence; without one, state lives in memory only. */
  readonly store?: AlertStateStore;
  /** Key under which the state is saved. Default `alert-engine`. */
  readonly stateKey?: string;
  /** Resolved/closed incidents, expired silences and notification log entries are purged after this. Default `'30d'`. */
  readonly retention?: DurationV1;
  /** Time between evaluations. Default `'15s'`. Group timers (`groupWait`, ...) resolve at this granularity. */
  readonly evaluationInterval?: DurationV1;
  /** Epoch ms. Default `Date.now`. */
  readonly clock?: () => number;
  /** Default: the global timers (unref'd, so the engine never keeps the process alive). */
  readonly scheduler?: AlertScheduler;
  /** See {@link AlertEngineModeV1}. Default `all`. */
  readonly mode?: AlertEngineModeV1;
  /** For `leader-only`: asked at every tick. */
  readonly isLeader?: () => boolean;
  /** Memory the default "memory above 90 %" rule compares resident memory with. Default: `process.constrainedMemory()`, else total system memory. */
  readonly memoryLimitBytes?: number;
  /** Id generator for silences and incidents. Default `crypto.randomUUID`. */
  readonly newId?: () => string;
  /** Told about failures that must not stop the engine (a throwing rule, a failed save). Default: ignored. */
  readonly onError?: (error: unknown) => void;
}
