import type { SeverityV1 } from '../../notifier/v1/notification-v1.js';
import type { AlertConditionV1 } from './alert-condition-v1.js';
import type { DurationV1 } from './duration-v1.js';

/**
 * Human text of an alert. Every field is a message template: `{{value}}`, `{{threshold}}`,
 * `{{alertname}}`, `{{severity}}`, `{{window}}`, `{{labels.<name>}}` (e.g. `{{labels.gen_ai.tool.name}}`),
 * `{{valuePercent}}`, `{{thresholdPercent}}`. No logic and no code: a missing variable renders visibly as
 * `{{?labels.nope}}`; values are inserted raw and escaped per channel by the notifier.
 */
export interface AlertAnnotationsV1 {
  /** One line, e.g. `Error rate of {{labels.gen_ai.tool.name}} is {{valuePercent}} %`. */
  readonly summary?: string;
  /** Longer text. */
  readonly description?: string;
  /** Runbook id (the dashboard maps it to its runbook page). Not a template. */
  readonly runbook?: string;
  /** Free-form message template; the notifier shows it when present. */
  readonly message?: string;
}

/** A rule: a condition, how long it must hold, and how the resulting alerts look. */
export interface AlertRuleV1 {
  /** Unique name, becomes the `alertname` label, e.g. `HighErrorRate`. */
  readonly name: string;
  /** What to watch. */
  readonly condition: AlertConditionV1;
  /** The condition must hold this long before the alert fires (pending until then). Default `'0s'`. */
  readonly for?: DurationV1;
  /** Keep firing this long after the condition stops holding (flap damping). Default `'0s'`. */
  readonly keepFiringFor?: DurationV1;
  /** Severity, also the `severity` label. */
  readonly severity: SeverityV1;
  /** Extra labels on every alert of this rule (`team: 'payments'`); usable in routes and silences. */
  readonly labels?: Readonly<Record<string, string>>;
  /** Text and runbook. */
  readonly annotations?: AlertAnnotationsV1;
  /** Off switch without deleting the rule. Default true. */
  readonly enabled?: boolean;
}
