import type { NotificationAlertV1, NotificationV1 } from '../../spec/notifier/v1/notification-v1.js';
import { buildNotification } from '../routing/build-notification.js';
import type { Dispatcher, DispatchJob } from '../routing/dispatcher.js';
import { type CompiledInhibitRule, computeInhibitions } from '../routing/inhibition.js';
import type { SilenceBook } from '../routing/silence-book.js';
import type { AlertEngineOptions } from './alert-engine-options.js';
import type { AlertIdentities } from './alert-identities.js';
import { type AlertRecord, type AlertTransition, stepAlert } from './alert-record.js';
import type { RuleSet } from './build-rule-set.js';
import type { CompiledRule } from './compile-rule.js';
import type { ConditionSample } from './condition-sample.js';
import type { EscalationPolicies } from './escalation-policies.js';
import { EvaluationContext } from './evaluation-context.js';
import type { IncidentBook } from './incident-book.js';
import { renderTemplate } from './message-template.js';
import type { MetricHistory } from './metric-history.js';
import type { SeriesIndex } from './series-index.js';

/** Resolved alerts no group needs any more are listed this long, then forgotten. */
const RESOLVED_LISTED_MS = 15 * 60_000;

/** The engine's parts one tick works on. */
export interface TickEnvironment {
  readonly ruleSet: RuleSet;
  readonly records: Map<string, AlertRecord>;
  readonly history: MetricHistory;
  /** The store's series numbered across ticks, with each rule's selection. */
  readonly seriesIndex: SeriesIndex;
  /** Alert labels and fingerprints of series samples, kept across ticks. */
  readonly identities: AlertIdentities;
  readonly dispatcher: Dispatcher;
  readonly silences: SilenceBook;
  readonly incidents: IncidentBook;
  readonly inhibitRules: readonly CompiledInhibitRule[];
  readonly escalations: EscalationPolicies;
  muted: Map<string, { silencedBy: string[]; inhibitedBy: string[] }>;
  readonly sendResolved: (notifierId: string) => boolean;
  readonly retentionMs: number;
  readonly service: string;
  readonly deliver: (job: DispatchJob) => void;
  readonly deliverDirect: (
    notifierId: string,
    notification: NotificationV1,
    groupKey: string,
    kind: 'escalated' | 'notified',
  ) => void;
  readonly onError: (error: unknown) => void;
}

/** One evaluation: conditions → alert states → muting → groups and incidents → escalation → flush → purge. */
export async function runTick(
  environment: TickEnvironment,
  options: AlertEngineOptions,
  now: number,
): Promise<void> {
  const { ruleSet, history, records } = environment;
  if (ruleSet.metricNames.size > 0)
    history.record(await options.source.metricsSnapshot(), ruleSet.metricNames, now);
  const health = options.health === undefined ? [] : await options.health();
  environment.seriesIndex.refresh(options.source.listSeries());
  const context = new EvaluationContext(now, environment.seriesIndex, history, health);
  const transitions = evaluateRules(environment, context, now);
  environment.muted = computeMuting(environment, now);
  routeAlerts(environment, transitions, now);
  escalate(environment, now);
  for (const job of environment.dispatcher.flushDue(now, muteView(environment))) environment.deliver(job);
  for (const [fingerprint, record] of records) {
    const forgettable = record.state === 'resolved' && now - (record.resolvedAt ?? now) >= RESOLVED_LISTED_MS;
    if (forgettable && !environment.dispatcher.isReferenced(fingerprint)) records.delete(fingerprint);
  }
  environment.silences.purge(now, environment.retentionMs);
  environment.incidents.purge(now, environment.retentionMs);
  environment.dispatcher.purge(now, environment.retentionMs);
}

function evaluateRules(
  environment: TickEnvironment,
  context: EvaluationContext,
  now: number,
): Map<AlertRecord, AlertTransition> {
  const { records, ruleSet } = environment;
  const transitions = new Map<AlertRecord, AlertTransition>();
  const seen = new Set<string>();
  const skipped = new Set<string>();
  const timing = new Map<string, CompiledRule>();
  for (const rule of ruleSet.rules) {
    timing.set(rule.rule.name, rule);
    let samples: ConditionSample[];
    try {
      samples = rule.evaluate(context);
    } catch (error) {
      // A failing rule keeps its alerts as they are rather than resolving them all.
      skipped.add(rule.rule.name);
      environment.onError(error);
      continue;
    }
    for (const sample of samples) {
      const { labels, fingerprint } = environment.identities.of(rule, sample.labels);
      seen.add(fingerprint);
      let record = records.get(fingerprint);
      if (record === undefined) {
        record = {
          fingerprint,
          name: rule.rule.name,
          severity: rule.rule.severity,
          labels,
          annotations: {},
          state: 'resolved',
          activeSince: now,
          lastActiveAt: now,
          escalations: [],
          escalatedTo: [],
        };
        records.set(fingerprint, record);
      }
      const transition = stepAlert(record, true, now, rule);
      record.value = sample.value;
      record.threshold = sample.threshold;
      if (sample.value === undefined) delete record.value;
      if (sample.threshold === undefined) delete record.threshold;
      record.annotations = renderAnnotations(rule, record);
      if (transition !== 'none') transitions.set(record, transition);
    }
  }
  for (const record of records.values()) {
    if (seen.has(record.fingerprint) || skipped.has(record.name)) continue;
    const transition = stepAlert(
      record,
      false,
      now,
      timing.get(record.name) ?? { forMs: 0, keepFiringForMs: 0 },
    );
    if (transition === 'dropped') records.delete(record.fingerprint);
    else if (transition !== 'none') transitions.set(record, transition);
  }
  return transitions;
}

function renderAnnotations(rule: CompiledRule, record: AlertRecord): Record<string, string> {
  const annotations = rule.rule.annotations;
  if (annotations === undefined) return {};
  const variables = {
    alertname: record.name,
    severity: record.severity,
    ...(record.value === undefined ? {} : { value: record.value, valuePercent: record.value * 100 }),
    ...(record.threshold === undefined
      ? {}
      : { threshold: record.threshold, thresholdPercent: record.threshold * 100 }),
    ...(rule.window === undefined ? {} : { window: rule.window }),
  };
  const rendered: Record<string, string> = {};
  for (const [name, template] of Object.entries(annotations)) {
    rendered[name] =
      name === 'runbook' ? template : renderTemplate(template, { labels: record.labels, variables });
  }
  return rendered;
}

function computeMuting(environment: TickEnvironment, now: number): TickEnvironment['muted'] {
  const firing = [...environment.records.values()].filter((record) => record.state === 'firing');
  const inhibited = computeInhibitions(environment.inhibitRules, firing);
  const muted: TickEnvironment['muted'] = new Map();
  for (const record of firing) {
    const silencedBy = environment.silences.mutedBy(record.labels, now);
    const inhibitedBy = inhibited.get(record.fingerprint) ?? [];
    if (silencedBy.length > 0 || inhibitedBy.length > 0)
      muted.set(record.fingerprint, { silencedBy, inhibitedBy });
  }
  return muted;
}

function muteView(environment: TickEnvironment) {
  return {
    isMuted: (fingerprint: string) => environment.muted.has(fingerprint),
    isAcknowledged: (fingerprint: string) =>
      environment.records.get(fingerprint)?.acknowledgedBy !== undefined,
    sendResolved: environment.sendResolved,
  };
}

function routeAlerts(
  environment: TickEnvironment,
  transitions: ReadonlyMap<AlertRecord, AlertTransition>,
  now: number,
): void {
  const { dispatcher, incidents } = environment;
  for (const record of environment.records.values()) {
    const transition = transitions.get(record);
    if (record.state !== 'firing' && transition !== 'resolved') continue;
    const alert = toNotificationAlert(record);
    const [primary] = dispatcher.upsert(alert, now);
    if (primary === undefined) continue;
    if (transition === 'fired' && !environment.muted.has(record.fingerprint)) {
      incidents.alertFired(
        primary,
        record.fingerprint,
        alert.annotations.summary ?? record.name,
        record.severity,
        now,
      );
    }
    if (transition === 'resolved' && record.escalatedTo.length > 0) {
      const notification = buildNotification(
        `${primary}#escalation`,
        { alertname: record.name },
        [],
        [alert],
        environment.service,
      );
      for (const id of record.escalatedTo)
        if (environment.sendResolved(id)) environment.deliverDirect(id, notification, primary, 'notified');
    }
  }
  incidents.resolveFinished((fingerprint) => environment.records.get(fingerprint)?.state === 'firing', now);
}

function escalate(environment: TickEnvironment, now: number): void {
  for (const record of environment.records.values()) {
    if (
      record.state !== 'firing' ||
      record.acknowledgedBy !== undefined ||
      environment.muted.has(record.fingerprint)
    )
      continue;
    const due = environment.escalations.due(
      record.severity,
      record.firingSince ?? record.activeSince,
      record.escalations,
      now,
    );
    if (due.length === 0) continue;
    const groupKey = environment.dispatcher.primaryGroupKey(record.labels) ?? record.fingerprint;
    const notification = buildNotification(
      `${groupKey}#escalation`,
      { alertname: record.name },
      [toNotificationAlert(record)],
      [],
      environment.service,
    );
    for (const step of due) {
      record.escalations.push(step.index);
      for (const id of step.notifiers) {
        if (!record.escalatedTo.includes(id)) record.escalatedTo.push(id);
        environment.deliverDirect(
          id,
          { ...notification, title: `[ESCALATED] ${notification.title}` },
          groupKey,
          'escalated',
        );
      }
      environment.incidents.record(groupKey, {
        kind: 'escalated',
        at: now,
        actor: 'engine',
        fingerprint: record.fingerprint,
        notifiers: step.notifiers,
        detail: `step ${step.index + 1}: unacknowledged after ${step.after}`,
      });
    }
  }
}

/** An alert record as notifiers see it. */
export function toNotificationAlert(record: AlertRecord): NotificationAlertV1 {
  return {
    fingerprint: record.fingerprint,
    name: record.name,
    severity: record.severity,
    status: record.state === 'resolved' ? 'resolved' : 'firing',
    labels: record.labels,
    annotations: record.annotations,
    ...(record.value === undefined ? {} : { value: record.value }),
    startsAt: record.firingSince ?? record.activeSince,
    ...(record.state === 'resolved' && record.resolvedAt !== undefined ? { endsAt: record.resolvedAt } : {}),
  };
}
