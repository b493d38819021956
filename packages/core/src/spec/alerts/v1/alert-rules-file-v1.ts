import type { AlertRuleV1 } from './alert-rule-v1.js';
import type { SloV1 } from './slo-v1.js';

/** The `alerts` part of a config file (and the result of `parseRules`). */
export interface AlertRulesFileV1 {
  /** Rules; names must be unique (also against the default pack, unless it is off). */
  readonly rules: readonly AlertRuleV1[];
  /** Objectives that `slo_burn_rate` rules refer to. */
  readonly slos: readonly SloV1[];
  /** Whether the default rule pack (and the seeds' default SLOs) is added. Default true. */
  readonly defaultRules: boolean;
}
