import type { SeverityV1 } from '../../notifier/v1/notification-v1.js';
import type { DurationV1 } from './duration-v1.js';

/** One escalation step: after `after` firing without acknowledgement, notify these notifiers too. */
export interface EscalationStepV1 {
  /** Time since the alert started firing. */
  readonly after: DurationV1;
  /** Notifier ids to add. */
  readonly notifiers: readonly string[];
}

/** Escalation for the alerts of some severities. Acknowledging, silencing or resolving an alert stops it. */
export interface EscalationPolicyV1 {
  /** Which severities escalate, e.g. `['high', 'critical']`. */
  readonly severities: readonly SeverityV1[];
  /** Steps in increasing `after` order; each is taken once per alert. */
  readonly steps: readonly EscalationStepV1[];
}
