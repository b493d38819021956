import type { EscalationPolicyV1 } from './escalation-policy-v1.js';
import type { InhibitRuleV1 } from './inhibit-rule-v1.js';
import type { RouteV1 } from './route-v1.js';

/** Per-notifier delivery settings of the alert engine. */
export interface NotifierRoutingV1 {
  /**
   * Send a resolve to this notifier once the alerts it was told about resolve. Only notifiers that received
   * the firing notification get the resolve. Default true.
   */
  readonly sendResolved?: boolean;
}

/** Where alerts go and what mutes them. */
export interface AlertRoutingV1 {
  /** The routing tree. Default: one root route to every notifier, grouped by `alertname`. */
  readonly route?: RouteV1;
  /** Inhibition rules. Default: none. */
  readonly inhibitRules?: readonly InhibitRuleV1[];
  /** Keyed by notifier id. */
  readonly notifiers?: Readonly<Record<string, NotifierRoutingV1>>;
  /** Escalation policies; the first whose severities include the alert's applies. */
  readonly escalations?: readonly EscalationPolicyV1[];
}
