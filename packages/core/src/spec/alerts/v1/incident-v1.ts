import type { SeverityV1 } from '../../notifier/v1/notification-v1.js';

/** What happened to an incident. */
export type IncidentEventKindV1 =
  | 'opened'
  | 'alert_added'
  | 'notified'
  | 'notification_failed'
  | 'acknowledged'
  | 'escalated'
  | 'resolved'
  | 'closed';

/** One entry of an incident's timeline. */
export interface IncidentEventV1 {
  /** What happened. */
  readonly kind: IncidentEventKindV1;
  /** Epoch ms. */
  readonly at: number;
  /** Who: `engine` for automatic steps, the user for acknowledge and close, the notifier id for deliveries. */
  readonly actor: string;
  /** The alert concerned, when one is. */
  readonly fingerprint?: string;
  /** Notifier ids concerned (notified, escalated). */
  readonly notifiers?: readonly string[];
  /** Free text (failure reason, escalation step). */
  readonly detail?: string;
}

/**
 * Alerts that fire together (the same notification group) and what was done about them. Opened by the
 * first firing alert of a group with no open incident; `resolved` when all its alerts resolved; `closed`
 * through the API. Closed and resolved incidents are purged after the retention (30 days by default);
 * open ones never.
 */
export interface IncidentV1 {
  /** Generated id. */
  readonly id: string;
  /** The notification group's key. */
  readonly groupKey: string;
  /** Title (the first alert's summary or name). */
  readonly title: string;
  /** `open` while any alert fires, then `resolved`; `closed` once someone closed it. */
  readonly status: 'open' | 'resolved' | 'closed';
  /** Highest severity seen. */
  readonly severity: SeverityV1;
  /** Fingerprints of every alert that joined. */
  readonly alerts: readonly string[];
  /** Epoch ms. */
  readonly openedAt: number;
  /** Epoch ms, when resolved. */
  readonly resolvedAt?: number;
  /** Epoch ms, when closed. */
  readonly closedAt?: number;
  /** Oldest first. */
  readonly timeline: readonly IncidentEventV1[];
}
