import type { EscalationPolicyV1 } from '../../spec/alerts/v1/escalation-policy-v1.js';
import type { SeverityV1 } from '../../spec/notifier/v1/notification-v1.js';
import { parseDuration } from './parse-duration.js';

/** An escalation step that is due for an alert. */
export interface DueEscalation {
  readonly index: number;
  readonly after: string;
  readonly notifiers: readonly string[];
}

/** Escalation policies compiled: which steps an unacknowledged firing alert has reached. */
export class EscalationPolicies {
  private readonly policies: readonly {
    readonly severities: ReadonlySet<SeverityV1>;
    readonly steps: readonly {
      readonly afterMs: number;
      readonly after: string;
      readonly notifiers: readonly string[];
    }[];
  }[];

  constructor(policies: readonly EscalationPolicyV1[]) {
    this.policies = policies.map((policy) => ({
      severities: new Set(policy.severities),
      steps: policy.steps.map((step) => ({
        afterMs: parseDuration(step.after),
        after: step.after,
        notifiers: step.notifiers,
      })),
    }));
  }

  /** Steps due and not yet taken, for an alert of `severity` firing since `firingSince`. Pure. */
  due(severity: SeverityV1, firingSince: number, taken: readonly number[], now: number): DueEscalation[] {
    const policy = this.policies.find((each) => each.severities.has(severity));
    if (policy === undefined) return [];
    const due: DueEscalation[] = [];
    policy.steps.forEach((step, index) => {
      if (!taken.includes(index) && now - firingSince >= step.afterMs)
        due.push({ index, after: step.after, notifiers: step.notifiers });
    });
    return due;
  }
}
