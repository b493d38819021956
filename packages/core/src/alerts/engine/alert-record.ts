import type { AlertStateV1 } from '../../spec/alerts/v1/alert-v1.js';
import type { SeverityV1 } from '../../spec/notifier/v1/notification-v1.js';

/** The engine's durable state of one alert (persisted as is). */
export interface AlertRecord {
  readonly fingerprint: string;
  readonly name: string;
  readonly severity: SeverityV1;
  readonly labels: Readonly<Record<string, string>>;
  annotations: Readonly<Record<string, string>>;
  state: Exclude<AlertStateV1, 'inactive'>;
  value?: number;
  threshold?: number;
  /** When the current episode's condition started holding. */
  activeSince: number;
  /** Last tick the condition held (for `keepFiringFor`). */
  lastActiveAt: number;
  firingSince?: number;
  resolvedAt?: number;
  acknowledgedBy?: string;
  acknowledgedAt?: number;
  /** Escalation steps taken in this episode. */
  escalations: number[];
  /** Notifiers reached by escalation, told again when it resolves. */
  escalatedTo: string[];
}

/** What changed at a tick, for routing and incidents. */
export type AlertTransition = 'started_pending' | 'fired' | 'resolved' | 'dropped' | 'none';

/**
 * Advances one alert by one tick. Pure apart from mutating `record`. The condition holding starts a new
 * episode (pending, or firing at once without `for`); `for` elapsed fires; not holding drops a pending
 * alert and resolves a firing one once `keepFiringFor` ran out.
 */
export function stepAlert(
  record: AlertRecord,
  holds: boolean,
  now: number,
  timing: { readonly forMs: number; readonly keepFiringForMs: number },
): AlertTransition {
  if (holds) {
    record.lastActiveAt = now;
    if (record.state === 'resolved') {
      startEpisode(record, now);
      return fireIfDue(record, now, timing.forMs) ? 'fired' : 'started_pending';
    }
    if (record.state === 'pending') return fireIfDue(record, now, timing.forMs) ? 'fired' : 'none';
    return 'none';
  }
  if (record.state === 'pending') return 'dropped';
  if (record.state === 'firing' && now - record.lastActiveAt >= timing.keepFiringForMs) {
    record.state = 'resolved';
    record.resolvedAt = now;
    return 'resolved';
  }
  return 'none';
}

/** Resets a record for a new episode (pending from now). */
export function startEpisode(record: AlertRecord, now: number): void {
  record.state = 'pending';
  record.activeSince = now;
  record.lastActiveAt = now;
  delete record.firingSince;
  delete record.resolvedAt;
  delete record.acknowledgedBy;
  delete record.acknowledgedAt;
  record.escalations = [];
  record.escalatedTo = [];
}

function fireIfDue(record: AlertRecord, now: number, forMs: number): boolean {
  if (now - record.activeSince < forMs) return false;
  record.state = 'firing';
  record.firingSince = now;
  return true;
}
