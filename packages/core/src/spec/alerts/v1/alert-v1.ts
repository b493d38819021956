import type { SeverityV1 } from '../../notifier/v1/notification-v1.js';

/**
 * Life cycle of one alert: `pending` while the condition holds for less than `for`, `firing` after,
 * `resolved` once it stopped holding (and `keepFiringFor` ran out). `inactive` alerts are not listed.
 */
export type AlertStateV1 = 'inactive' | 'pending' | 'firing' | 'resolved';

/** One alert instance as listed by the engine (dashboard, CLI). */
export interface AlertV1 {
  /** Stable hash of the rule name and labels; the id to acknowledge. */
  readonly fingerprint: string;
  /** The rule's name. */
  readonly name: string;
  /** The rule's severity. */
  readonly severity: SeverityV1;
  /** Current state. */
  readonly state: AlertStateV1;
  /** `alertname`, `severity`, the rule's labels and the series' or metric point's labels. */
  readonly labels: Readonly<Record<string, string>>;
  /** Rendered annotations (`summary`, `description`, `message`, `runbook`). */
  readonly annotations: Readonly<Record<string, string>>;
  /** The last measured value, when the condition has one. */
  readonly value?: number;
  /** The rule's threshold, when it has one. */
  readonly threshold?: number;
  /** Epoch ms when the condition started holding (pending began). */
  readonly activeSince: number;
  /** Epoch ms when it started firing. */
  readonly firingSince?: number;
  /** Epoch ms when it resolved. */
  readonly resolvedAt?: number;
  /** Set once acknowledged. */
  readonly acknowledgedBy?: string;
  /** Epoch ms of the acknowledgement. */
  readonly acknowledgedAt?: number;
  /** Ids of the active silences muting it. */
  readonly silencedBy: readonly string[];
  /** Fingerprints of the firing alerts inhibiting it. */
  readonly inhibitedBy: readonly string[];
  /** Escalation steps taken (indexes into the policy's steps). */
  readonly escalations: readonly number[];
}
