import type { LabelMatcherV1 } from './label-matcher-v1.js';

/**
 * Mutes alerts matching `targetMatchers` while an alert matching `sourceMatchers` fires and both have the
 * same values for every `equal` label (e.g. a critical alert mutes the lower ones of the same tool). An
 * alert never inhibits itself, and an alert matching both sides cannot be muted by another that also
 * matches both (Alertmanager's guard against mutual inhibition).
 */
export interface InhibitRuleV1 {
  /** What a muting alert looks like, e.g. `severity="critical"`. */
  readonly sourceMatchers: readonly LabelMatcherV1[];
  /** What a muted alert looks like, e.g. `severity=~"low|medium|high"`. */
  readonly targetMatchers: readonly LabelMatcherV1[];
  /** Labels that must be equal on both (a label missing on both counts as equal). Default `[]`. */
  readonly equal?: readonly string[];
}
