/** What was last sent for one (group, notifier): the notification log entry, Alertmanager's nflog. */
export interface NotificationLogEntry {
  /** Fingerprints sent as firing. */
  readonly firing: readonly string[];
  /** Fingerprints sent as resolved. */
  readonly resolved: readonly string[];
  /** Epoch ms of the delivery. */
  readonly sentAt: number;
  /**
   * Fingerprints sent as firing by a delivery whose outcome a crash cut off: the receiver may have them.
   * Not known for deduplication (they are sent again), known for resolves (theirs still go out).
   */
  readonly maybeFiring?: readonly string[];
}

/** Why a notification is sent; the dashboard shows it. */
export type NotificationReason =
  | 'first notification'
  | 'new alerts added'
  | 'some alerts resolved'
  | 'all alerts resolved'
  | 'repeat interval elapsed';

/** The outcome of {@link decideNotification}. */
export type NotificationDecision =
  | { readonly send: false; readonly clearLog: boolean }
  | {
      readonly send: true;
      readonly reason: NotificationReason;
      readonly firing: readonly string[];
      readonly resolved: readonly string[];
      /** After delivery the log entry is removed (nothing fires any more). */
      readonly clearLog: boolean;
    };

/** What the group holds now, for one notifier. */
export interface DecisionInput {
  /** Unmuted firing alerts of the group. */
  readonly firing: readonly string[];
  /** Resolved alerts of the group not yet cleared. */
  readonly resolved: readonly string[];
  readonly sendResolved: boolean;
  readonly now: number;
  readonly repeatIntervalMs: number;
  /** Every firing alert is acknowledged: repeats stop (changes still notify). */
  readonly allAcknowledged: boolean;
}

/**
 * Alertmanager's `needsUpdate`, per notifier. Pure. A resolve goes only to a notifier whose log says it was
 * told the alert fired, and only with `sendResolved`; a repeat only when `repeatIntervalMs` elapsed and
 * nothing changed.
 */
export function decideNotification(
  entry: NotificationLogEntry | undefined,
  input: DecisionInput,
): NotificationDecision {
  const { firing, resolved, sendResolved } = input;
  if (entry === undefined) {
    return firing.length > 0
      ? { send: true, reason: 'first notification', firing, resolved: [], clearLog: false }
      : { send: false, clearLog: false };
  }
  const known = new Set(entry.firing);
  const toldFiring = new Set([...entry.firing, ...(entry.maybeFiring ?? [])]);
  const resolvedForNotifier = sendResolved
    ? resolved.filter((fingerprint) => toldFiring.has(fingerprint))
    : [];
  if (firing.some((fingerprint) => !known.has(fingerprint))) {
    const reason = entry.firing.length === 0 ? 'first notification' : 'new alerts added';
    return { send: true, reason, firing, resolved: resolvedForNotifier, clearLog: false };
  }
  if (firing.length === 0) {
    return resolvedForNotifier.length > 0
      ? { send: true, reason: 'all alerts resolved', firing, resolved: resolvedForNotifier, clearLog: true }
      : { send: false, clearLog: true };
  }
  const alreadyResolved = new Set(entry.resolved);
  if (resolvedForNotifier.some((fingerprint) => !alreadyResolved.has(fingerprint))) {
    return {
      send: true,
      reason: 'some alerts resolved',
      firing,
      resolved: resolvedForNotifier,
      clearLog: false,
    };
  }
  if (input.now - entry.sentAt >= input.repeatIntervalMs && !input.allAcknowledged) {
    return { send: true, reason: 'repeat interval elapsed', firing, resolved: [], clearLog: false };
  }
  return { send: false, clearLog: false };
}
