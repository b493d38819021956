import type { NotificationAlertV1, NotificationV1 } from '../../spec/notifier/v1/notification-v1.js';
import { buildNotification } from './build-notification.js';
import {
  decideNotification,
  type NotificationLogEntry,
  type NotificationReason,
} from './notification-decision.js';
import { groupKeyOf, groupLabelsOf, indexRoutes, matchRoutes, type ResolvedRoute } from './route-tree.js';

/** One aggregation group: the alerts one route groups together, with its timers. */
export interface AlertGroup {
  readonly key: string;
  readonly routeId: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly createdAt: number;
  /** Epoch ms of the last flush; undefined until group_wait elapsed. */
  flushedAt: number | undefined;
  /** A firing alert joined after the last flush: flush at once. */
  changed: boolean;
  readonly alerts: Map<string, NotificationAlertV1>;
  inFlight: number;
  /** A job of the in-flight flush failed: keep resolved alerts for the next flush. */
  failed: boolean;
  /** Resolved alerts of the in-flight flush; they leave the group once it was delivered. */
  flushResolved: readonly string[];
}

/** A notification to deliver; report its outcome with {@link Dispatcher.complete}. */
export interface DispatchJob {
  readonly groupKey: string;
  readonly notifierId: string;
  readonly reason: NotificationReason;
  readonly notification: NotificationV1;
  readonly firing: readonly string[];
  readonly resolved: readonly string[];
  readonly clearLog: boolean;
}

/** What the dispatcher asks the engine about alerts at flush time. */
export interface DispatchView {
  isMuted(fingerprint: string): boolean;
  isAcknowledged(fingerprint: string): boolean;
  sendResolved(notifierId: string): boolean;
}

/** Persisted form of the groups and the notification log. */
export interface DispatcherState {
  readonly groups: readonly {
    readonly key: string;
    readonly routeId: string;
    readonly labels: Readonly<Record<string, string>>;
    readonly createdAt: number;
    readonly flushedAt?: number;
    readonly alerts: readonly NotificationAlertV1[];
  }[];
  readonly log: readonly (NotificationLogEntry & {
    readonly groupKey: string;
    readonly notifierId: string;
  })[];
  /**
   * Firing fingerprints of notifications handed out and not yet reported back: after a crash, their
   * receivers may have them, so their resolves must still go out. Absent in older saved states.
   */
  readonly inFlight?: readonly {
    readonly groupKey: string;
    readonly notifierId: string;
    readonly firing: readonly string[];
    /** Epoch ms of the flush that handed it out. */
    readonly since: number;
  }[];
}

/**
 * Alertmanager's dispatcher and notification log: puts alerts into groups per matching route, flushes a
 * group after `groupWait`, then every `groupInterval` (at once when a new alert joins a notified group), and
 * decides per notifier what to send. No I/O: the engine delivers the jobs and reports back.
 */
export class Dispatcher {
  private readonly routes: Map<string, ResolvedRoute>;
  private readonly groups = new Map<string, AlertGroup>();
  private readonly log = new Map<string, NotificationLogEntry>();
  // Per log key, the firing fingerprints of the job out for delivery, and when it was handed out.
  private readonly outstanding = new Map<
    string,
    { readonly firing: readonly string[]; readonly since: number }
  >();

  constructor(
    private readonly root: ResolvedRoute,
    private readonly service: string,
  ) {
    this.routes = indexRoutes(root);
  }

  /** Puts a firing or resolved alert into every group its routes give; returns their keys (first = primary). */
  upsert(alert: NotificationAlertV1, now: number): string[] {
    const keys: string[] = [];
    for (const route of matchRoutes(this.root, alert.labels)) {
      const labels = groupLabelsOf(route, alert.labels);
      const key = groupKeyOf(route, labels);
      keys.push(key);
      let group = this.groups.get(key);
      if (group === undefined) {
        if (alert.status !== 'firing') continue;
        group = {
          key,
          routeId: route.id,
          labels,
          createdAt: now,
          flushedAt: undefined,
          changed: false,
          alerts: new Map(),
          inFlight: 0,
          failed: false,
          flushResolved: [],
        };
        this.groups.set(key, group);
      }
      const previous = group.alerts.get(alert.fingerprint);
      const isNewFiring =
        alert.status === 'firing' && (previous === undefined || previous.status !== 'firing');
      if (isNewFiring && group.flushedAt !== undefined) group.changed = true;
      group.alerts.set(alert.fingerprint, alert);
    }
    return keys;
  }

  /** The primary group key an alert would get, without changing anything. */
  primaryGroupKey(labels: Readonly<Record<string, string>>): string | undefined {
    const route = matchRoutes(this.root, labels)[0];
    return route === undefined ? undefined : groupKeyOf(route, groupLabelsOf(route, labels));
  }

  /** Groups due at `now`, flushed: the notifications to deliver. */
  flushDue(now: number, view: DispatchView): DispatchJob[] {
    const jobs: DispatchJob[] = [];
    for (const group of [...this.groups.values()]) {
      const route = this.routes.get(group.routeId);
      if (route === undefined) {
        this.groups.delete(group.key);
        continue;
      }
      if (group.inFlight > 0) continue;
      const due =
        group.flushedAt === undefined
          ? now >= group.createdAt + route.groupWaitMs
          : group.changed || now >= group.flushedAt + route.groupIntervalMs;
      if (due) jobs.push(...this.flush(group, route, now, view));
    }
    return jobs;
  }

  private flush(group: AlertGroup, route: ResolvedRoute, now: number, view: DispatchView): DispatchJob[] {
    group.flushedAt = now;
    group.changed = false;
    const all = [...group.alerts.values()];
    const firing = all.filter((alert) => alert.status === 'firing' && !view.isMuted(alert.fingerprint));
    const resolved = all.filter((alert) => alert.status === 'resolved');
    const firingIds = firing.map((alert) => alert.fingerprint);
    const resolvedIds = resolved.map((alert) => alert.fingerprint);
    const allAcknowledged = firing.every((alert) => view.isAcknowledged(alert.fingerprint));
    const jobs: DispatchJob[] = [];
    for (const notifierId of route.notifiers) {
      const logKey = logKeyOf(group.key, notifierId);
      const decision = decideNotification(this.log.get(logKey), {
        firing: firingIds,
        resolved: resolvedIds,
        sendResolved: view.sendResolved(notifierId),
        now,
        repeatIntervalMs: route.repeatIntervalMs,
        allAcknowledged,
      });
      if (!decision.send) {
        if (decision.clearLog) this.log.delete(logKey);
        continue;
      }
      const sentResolved = new Set(decision.resolved);
      this.outstanding.set(logKey, { firing: decision.firing, since: now });
      jobs.push({
        groupKey: group.key,
        notifierId,
        reason: decision.reason,
        notification: buildNotification(
          group.key,
          group.labels,
          firing,
          resolved.filter((alert) => sentResolved.has(alert.fingerprint)),
          this.service,
        ),
        firing: decision.firing,
        resolved: decision.resolved,
        clearLog: decision.clearLog,
      });
    }
    group.inFlight = jobs.length;
    group.flushResolved = resolvedIds;
    if (jobs.length === 0) this.dropResolved(group, resolvedIds);
    return jobs;
  }

  /**
   * Records a job's outcome. A delivered job updates the notification log; a failed one leaves it, so the
   * next flush tries again. Resolved alerts leave the group once every job of the flush was delivered.
   */
  complete(job: DispatchJob, delivered: boolean, now: number): void {
    const logKey = logKeyOf(job.groupKey, job.notifierId);
    this.outstanding.delete(logKey);
    if (delivered) {
      if (job.clearLog) this.log.delete(logKey);
      else this.log.set(logKey, { firing: job.firing, resolved: job.resolved, sentAt: now });
    }
    const group = this.groups.get(job.groupKey);
    if (group === undefined) return;
    group.inFlight = Math.max(0, group.inFlight - 1);
    if (!delivered) group.failed = true;
    if (group.inFlight === 0) {
      const failed = group.failed;
      group.failed = false;
      if (!failed) this.dropResolved(group, group.flushResolved);
    }
  }

  private dropResolved(group: AlertGroup, resolved: readonly string[]): void {
    // Only if still resolved: an alert that fired again meanwhile stays (Alertmanager's DeleteIfNotModified).
    for (const fingerprint of resolved) {
      if (group.alerts.get(fingerprint)?.status === 'resolved') group.alerts.delete(fingerprint);
    }
    if (group.alerts.size === 0 && group.inFlight === 0) {
      const prefix = `${group.key}\u0000`;
      const hasLog = [...this.log.keys()].some((key) => key.startsWith(prefix));
      if (!hasLog) this.groups.delete(group.key);
    }
  }

  /** Whether an alert is still referenced by a group (resolved alerts wait for their resolve to go out). */
  isReferenced(fingerprint: string): boolean {
    for (const group of this.groups.values()) if (group.alerts.has(fingerprint)) return true;
    return false;
  }

  /** The groups, for listing. */
  listGroups(): readonly AlertGroup[] {
    return [...this.groups.values()];
  }

  /** Drops log entries older than `retentionMs` (Alertmanager caps repeats by its retention the same way). */
  purge(now: number, retentionMs: number): void {
    for (const [key, entry] of this.log) if (entry.sentAt < now - retentionMs) this.log.delete(key);
  }

  /** Plain data for persistence. */
  toJSON(): DispatcherState {
    return {
      groups: [...this.groups.values()].map((group) => ({
        key: group.key,
        routeId: group.routeId,
        labels: group.labels,
        createdAt: group.createdAt,
        ...(group.flushedAt === undefined ? {} : { flushedAt: group.flushedAt }),
        alerts: [...group.alerts.values()],
      })),
      log: [...this.log].map(([key, entry]) => {
        const [groupKey, notifierId] = key.split('\u0000') as [string, string];
        return { groupKey, notifierId, ...entry };
      }),
      inFlight: [...this.outstanding].map(([key, job]) => {
        const [groupKey, notifierId] = key.split('\u0000') as [string, string];
        return { groupKey, notifierId, ...job };
      }),
    };
  }

  /** Restores persisted groups and log; groups of routes that no longer exist are dropped. */
  restore(state: DispatcherState): void {
    for (const group of state.groups) {
      if (!this.routes.has(group.routeId)) continue;
      this.groups.set(group.key, {
        key: group.key,
        routeId: group.routeId,
        labels: group.labels,
        createdAt: group.createdAt,
        flushedAt: group.flushedAt,
        changed: false,
        alerts: new Map(group.alerts.map((alert) => [alert.fingerprint, alert])),
        inFlight: 0,
        failed: false,
        flushResolved: [],
      });
    }
    for (const { groupKey, notifierId, firing, resolved, sentAt, maybeFiring } of state.log) {
      this.log.set(logKeyOf(groupKey, notifierId), {
        firing,
        resolved,
        sentAt,
        ...(maybeFiring === undefined ? {} : { maybeFiring }),
      });
    }
    // Deliveries cut short by the end of the last process: maybe received. Not confirmed, so the next
    // flush sends them again (at least once); remembered, so their resolves are not lost.
    for (const { groupKey, notifierId, firing, since } of state.inFlight ?? []) {
      const key = logKeyOf(groupKey, notifierId);
      // Dated like a delivery at its flush, so the retention purge keeps it until its resolve is out.
      const entry = this.log.get(key) ?? { firing: [], resolved: [], sentAt: since };
      const maybeFiring = [...new Set([...(entry.maybeFiring ?? []), ...firing])];
      this.log.set(key, { ...entry, maybeFiring });
    }
  }
}

function logKeyOf(groupKey: string, notifierId: string): string {
  return `${groupKey}\u0000${notifierId}`;
}
