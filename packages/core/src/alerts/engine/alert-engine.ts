import { randomUUID } from 'node:crypto';
import type { AlertV1 } from '../../spec/alerts/v1/alert-v1.js';
import type { IncidentV1 } from '../../spec/alerts/v1/incident-v1.js';
import type { SilenceInputV1, SilenceV1 } from '../../spec/alerts/v1/silence-v1.js';
import type { NotificationV1 } from '../../spec/notifier/v1/notification-v1.js';
import { Dispatcher, type DispatchJob } from '../routing/dispatcher.js';
import { compileInhibitRules } from '../routing/inhibition.js';
import { compileRouteTree } from '../routing/route-tree.js';
import { SilenceBook, silenceMatchersProblem } from '../routing/silence-book.js';
import type {
  AlertEngineOptions,
  AlertScheduler,
  NotificationDeliveryOutcome,
} from './alert-engine-options.js';
import { AlertIdentities } from './alert-identities.js';
import { testNotification, toAlertView } from './alert-views.js';
import { buildRuleSet } from './build-rule-set.js';
import { defaultRoute } from './default-alert-rules.js';
import { ENGINE_STATE_VERSION, type PersistedEngineState, readPersistedState } from './engine-state.js';
import { EscalationPolicies } from './escalation-policies.js';
import { IncidentBook } from './incident-book.js';
import { MetricHistory } from './metric-history.js';
import { parseDuration } from './parse-duration.js';
import { runTick, type TickEnvironment } from './run-tick.js';
import { SeriesIndex } from './series-index.js';

/** Longest wait for a tick's state to be saved before its notifications are sent anyway. */
const SAVE_BEFORE_SEND_BOUND_MS = 5_000;

const globalScheduler: AlertScheduler = {
  setTimeout: (callback, ms) => {
    const handle = setTimeout(callback, ms);
    handle.unref?.();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * The in-process alert engine: evaluates rules over the in-memory windows on an interval, keeps each alert's
 * state, routes, groups, inhibits, silences and escalates like Alertmanager, opens incidents, and hands
 * notifications to a {@link NotificationSink}. Evaluation reads window statistics only (no work per
 * observation) and runs off the request path on its own timer.
 *
 * @example
 * ```ts
 * const engine = new AlertEngine({ source: backend, sink: pipeline, notifiers: ['console'] });
 * await engine.start();
 * engine.listAlerts();
 * ```
 */
export class AlertEngine {
  private readonly environment: TickEnvironment;
  private readonly options: AlertEngineOptions;
  private readonly clock: () => number;
  private readonly scheduler: AlertScheduler;
  private readonly intervalMs: number;
  private readonly inFlight = new Set<Promise<void>>();
  private timer: unknown;
  private running = false;
  private restored: Promise<void> | undefined;
  private saving: Promise<void> = Promise.resolve();
  private ticking: Promise<void> | undefined;
  // Deliveries a tick decided on, started once the tick's state is saved (see tick()).
  private readonly outbox: (() => void)[] = [];

  /**
   * @throws Error when the routing tree is invalid (unknown notifier, matchers on the root, ...) or a rule
   * refers to an undeclared SLO.
   */
  constructor(options: AlertEngineOptions) {
    this.options = options;
    this.clock = options.clock ?? Date.now;
    this.scheduler = options.scheduler ?? globalScheduler;
    this.intervalMs = parseDuration(options.evaluationInterval ?? '15s');
    const routing = options.routing ?? {};
    const ruleSet = buildRuleSet(options);
    const newId = options.newId ?? randomUUID;
    this.environment = {
      ruleSet,
      records: new Map(),
      history: new MetricHistory(ruleSet.historyMs + 2 * this.intervalMs),
      seriesIndex: new SeriesIndex(),
      identities: new AlertIdentities(),
      dispatcher: new Dispatcher(
        compileRouteTree(routing.route ?? defaultRoute(options.notifiers), options.notifiers),
        options.service ?? 'mcp-server',
      ),
      silences: new SilenceBook(),
      incidents: new IncidentBook(newId),
      inhibitRules: compileInhibitRules(routing.inhibitRules),
      escalations: new EscalationPolicies(routing.escalations ?? []),
      muted: new Map(),
      sendResolved: (id) => routing.notifiers?.[id]?.sendResolved ?? true,
      retentionMs: parseDuration(options.retention ?? '30d'),
      service: options.service ?? 'mcp-server',
      deliver: (job) => this.outbox.push(() => this.deliver(job)),
      deliverDirect: (notifierId, notification, groupKey, kind) =>
        this.outbox.push(() => this.deliverDirect(notifierId, notification, groupKey, kind)),
      onError: options.onError ?? (() => {}),
    };
  }

  /** Restores persisted state, evaluates once and then every interval. No-op with `mode: 'off'`. */
  async start(): Promise<void> {
    if (this.options.mode === 'off' || this.running) return;
    this.running = true;
    await this.restore();
    await this.evaluateNow();
    this.schedule();
  }

  /** Stops the timer, waits for deliveries in flight and the last save. Idempotent. */
  async stop(): Promise<void> {
    this.running = false;
    if (this.timer !== undefined) this.scheduler.clearTimeout(this.timer);
    this.timer = undefined;
    await this.ticking;
    await this.drain();
  }

  /**
   * Runs one evaluation now: rules, state, routing, escalation, purge, save. Notifications are handed to
   * the sink once the tick's state is saved (at most 5 s later), without waiting for delivery (see
   * {@link AlertEngine.drain}). Skipped with `mode: 'off'`, and
   * with `leader-only` while `isLeader()` is false. Overlapping calls share one tick.
   */
  evaluateNow(): Promise<void> {
    if (this.options.mode === 'off') return Promise.resolve();
    if (this.options.mode === 'leader-only' && this.options.isLeader?.() !== true) return Promise.resolve();
    this.ticking ??= this.tick().finally(() => {
      this.ticking = undefined;
    });
    return this.ticking;
  }

  /** Resolves once every delivery handed out so far settled and the state was saved. */
  async drain(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
    await this.saving;
  }

  /** Pending, firing and not yet cleared resolved alerts, firing first. */
  listAlerts(): AlertV1[] {
    const order = { firing: 0, pending: 1, resolved: 2 } as const;
    return [...this.environment.records.values()]
      .map((record) => toAlertView(record, this.environment.muted.get(record.fingerprint)))
      .sort(
        (a, b) =>
          order[a.state as keyof typeof order] - order[b.state as keyof typeof order] ||
          a.activeSince - b.activeSince,
      );
  }

  /** Acknowledges a firing or pending alert: escalation stops and repeats stop. False when unknown or resolved. */
  acknowledge(fingerprint: string, actor: string): boolean {
    const record = this.environment.records.get(fingerprint);
    if (record === undefined || record.state === 'resolved' || record.acknowledgedBy !== undefined)
      return false;
    const now = this.clock();
    record.acknowledgedBy = actor;
    record.acknowledgedAt = now;
    const groupKey = this.environment.dispatcher.primaryGroupKey(record.labels);
    if (groupKey !== undefined)
      this.environment.incidents.record(groupKey, { kind: 'acknowledged', at: now, actor, fingerprint });
    this.persist();
    return true;
  }

  /** Creates a silence. @throws Error when it has no matcher, matches everything, or ends before it starts. */
  silence(input: SilenceInputV1): SilenceV1 {
    const problem = silenceMatchersProblem(input.matchers);
    const now = this.clock();
    const startsAt = input.startsAt ?? now;
    const endsAt =
      input.endsAt ?? (input.duration === undefined ? Number.NaN : startsAt + parseDuration(input.duration));
    if (problem !== undefined) throw new Error(`[@mcp-o11y/core] ${problem}.`);
    if (!(endsAt > startsAt))
      throw new Error('[@mcp-o11y/core] a silence needs endsAt after startsAt (or a duration).');
    const silence = {
      id: (this.options.newId ?? randomUUID)(),
      matchers: input.matchers,
      startsAt,
      endsAt,
      createdBy: input.createdBy,
      comment: input.comment,
    };
    this.environment.silences.put(silence);
    this.persist();
    return { ...silence, status: startsAt > now ? 'pending' : 'active' };
  }

  /** Ends a silence now. False when unknown or already expired. */
  expireSilence(id: string): boolean {
    const expired = this.environment.silences.expire(id, this.clock());
    if (expired) this.persist();
    return expired;
  }

  /** Every silence with its status, newest first. */
  listSilences(): SilenceV1[] {
    return this.environment.silences.list(this.clock());
  }

  /** Every incident, newest first. */
  listIncidents(): IncidentV1[] {
    return this.environment.incidents.list();
  }

  /** Closes an incident. False when unknown or already closed. */
  closeIncident(id: string, actor: string, comment?: string): boolean {
    const closed = this.environment.incidents.close(id, actor, this.clock(), comment);
    if (closed) this.persist();
    return closed;
  }

  /** Sends a test notification to one notifier or to all, through the sink; resolves with each outcome. */
  async sendTestNotification(
    notifierId?: string,
  ): Promise<{ readonly notifierId: string; readonly outcome: NotificationDeliveryOutcome }[]> {
    const now = this.clock();
    const ids = notifierId === undefined ? this.options.notifiers : [notifierId];
    const notification = testNotification(now, this.environment.service);
    return Promise.all(
      ids.map(async (id) => ({ notifierId: id, outcome: await this.safeDeliver(id, notification) })),
    );
  }

  private async tick(): Promise<void> {
    await this.restore();
    try {
      await runTick(this.environment, this.options, this.clock());
    } catch (error) {
      this.environment.onError(error);
    }
    this.persist();
    // Save first, send second: a process killed mid-delivery restarts knowing the alert fired and which
    // notifications may have gone out, so it resends them and never loses their resolve.
    const starts = this.outbox.splice(0);
    if (starts.length === 0) return;
    await this.savedOrGivenUp();
    for (const start of starts) start();
  }

  // A store that hangs must not silence alerting: after a bound, the notifications leave unsaved.
  private savedOrGivenUp(): Promise<void> {
    let handle: unknown;
    const bound = new Promise<void>((resolve) => {
      handle = this.scheduler.setTimeout(resolve, SAVE_BEFORE_SEND_BOUND_MS);
    });
    return Promise.race([this.saving, bound]).finally(() => this.scheduler.clearTimeout(handle));
  }

  private schedule(): void {
    if (!this.running) return;
    this.timer = this.scheduler.setTimeout(() => {
      void this.evaluateNow().finally(() => this.schedule());
    }, this.intervalMs);
  }

  private restore(): Promise<void> {
    this.restored ??= (async () => {
      if (this.options.store === undefined) return;
      try {
        const state = readPersistedState(await this.options.store.load(this.stateKey));
        if (state !== undefined) this.applyState(state);
      } catch (error) {
        this.environment.onError(error);
      }
    })();
    return this.restored;
  }

  private applyState(state: PersistedEngineState): void {
    for (const record of state.alerts)
      this.environment.records.set(record.fingerprint, structuredClone(record));
    for (const silence of state.silences) this.environment.silences.put(silence);
    this.environment.incidents.restore(state.incidents);
    this.environment.dispatcher.restore(state.dispatcher);
  }

  private get stateKey(): string {
    return this.options.stateKey ?? 'alert-engine';
  }

  private persist(): void {
    const store = this.options.store;
    if (store === undefined) return;
    this.saving = this.saving.then(async () => {
      const state: PersistedEngineState = {
        version: ENGINE_STATE_VERSION,
        savedAt: this.clock(),
        alerts: [...this.environment.records.values()],
        silences: this.environment.silences.toJSON(),
        incidents: this.environment.incidents.toJSON(),
        dispatcher: this.environment.dispatcher.toJSON(),
      };
      try {
        await store.save(this.stateKey, JSON.parse(JSON.stringify(state)));
      } catch (error) {
        this.environment.onError(error);
      }
    });
  }

  private deliver(job: DispatchJob): void {
    this.track(
      this.safeDeliver(job.notifierId, job.notification).then((outcome) => {
        const now = this.clock();
        const delivered = outcome.status === 'delivered';
        this.environment.dispatcher.complete(job, delivered, now);
        this.environment.incidents.record(job.groupKey, {
          kind: delivered ? 'notified' : 'notification_failed',
          at: now,
          actor: job.notifierId,
          notifiers: [job.notifierId],
          detail: delivered
            ? `${job.notification.status}: ${job.reason}`
            : (outcome.reason ?? 'delivery failed'),
        });
        this.persist();
      }),
    );
  }

  private deliverDirect(
    notifierId: string,
    notification: NotificationV1,
    groupKey: string,
    kind: 'escalated' | 'notified',
  ): void {
    this.track(
      this.safeDeliver(notifierId, notification).then((outcome) => {
        if (outcome.status === 'delivered' || kind === 'escalated') return;
        this.environment.incidents.record(groupKey, {
          kind: 'notification_failed',
          at: this.clock(),
          actor: notifierId,
          notifiers: [notifierId],
          detail: outcome.reason ?? 'delivery failed',
        });
      }),
    );
  }

  private async safeDeliver(
    notifierId: string,
    notification: NotificationV1,
  ): Promise<NotificationDeliveryOutcome> {
    try {
      return await this.options.sink.deliver(notifierId, notification);
    } catch (error) {
      return {
        status: 'failed',
        attempts: 0,
        reason: error instanceof Error ? error.message : String(error),
      };
    }
  }

  private track(promise: Promise<void>): void {
    const tracked = promise.catch((error: unknown) => this.environment.onError(error));
    this.inFlight.add(tracked);
    void tracked.finally(() => this.inFlight.delete(tracked));
  }
}
