/**
 * Alert severities, lowest first (the seeds' scale). Notifiers map them onto their channel: colours,
 * subject prefixes, silent delivery for `low`.
 */
export type SeverityV1 = 'low' | 'medium' | 'high' | 'critical';

/** Whether an alert group is firing or has resolved. */
export type NotificationStatusV1 = 'firing' | 'resolved';

/** One alert inside a notification. */
export interface NotificationAlertV1 {
  /** Stable identity of the alert (rule name plus its grouping labels), used for dedup on the receiving side. */
  readonly fingerprint: string;
  /** The rule's name, e.g. `HighErrorRate`. */
  readonly name: string;
  /** Severity of this alert. */
  readonly severity: SeverityV1;
  /** Firing or resolved. */
  readonly status: NotificationStatusV1;
  /** Identifying labels (`tool`, `service`, ...). */
  readonly labels: Readonly<Record<string, string>>;
  /** Human text: `summary`, `description`, and any other annotations. */
  readonly annotations: Readonly<Record<string, string>>;
  /** The measured value that crossed the threshold, when there is one. */
  readonly value?: number;
  /** When the alert started firing, ms since the epoch. */
  readonly startsAt: number;
  /** When it resolved, ms since the epoch; absent while firing. */
  readonly endsAt?: number;
  /** Link to the runbook for this alert. */
  readonly runbookUrl?: string;
  /** Link to the dashboard view for this alert. */
  readonly dashboardUrl?: string;
}

/** What a notifier is asked to deliver: one group of alerts that share a routing key. */
export interface NotificationV1 {
  /** Stable key of the group (grouping labels); notifiers use it to thread or dedupe. */
  readonly groupKey: string;
  /** The group's status: `firing` if any alert in it fires. */
  readonly status: NotificationStatusV1;
  /** The highest severity in the group. */
  readonly severity: SeverityV1;
  /** One-line title for subjects and headers. */
  readonly title: string;
  /** The alerts, firing first. At least one. */
  readonly alerts: readonly NotificationAlertV1[];
  /** The labels all alerts in the group share. */
  readonly commonLabels: Readonly<Record<string, string>>;
  /** The service that raised it (`service.name`). */
  readonly service: string;
}
