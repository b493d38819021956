import type { CompiledRule } from './compile-rule.js';
import { fingerprintOf } from './fingerprint.js';

/** An alert's labels (the sample's plus the rule's, `alertname` and `severity`) and their fingerprint. */
export interface AlertIdentity {
  readonly labels: Readonly<Record<string, string>>;
  readonly fingerprint: string;
}

/**
 * Alert labels and fingerprints per (rule, sample labels), kept across ticks for frozen label sets (the
 * store's series labels), so a rule that holds tick after tick hashes its labels once, not every tick.
 * Label sets that are not frozen (metric points, health checks) could change, so they are computed anew.
 */
export class AlertIdentities {
  private readonly byRule = new WeakMap<CompiledRule, WeakMap<object, AlertIdentity>>();

  /** The identity of the alert `rule` raises for a sample labelled `sampleLabels`. */
  of(rule: CompiledRule, sampleLabels: Readonly<Record<string, string>>): AlertIdentity {
    if (!Object.isFrozen(sampleLabels)) return identityOf(rule, sampleLabels);
    let known = this.byRule.get(rule);
    if (known === undefined) {
      known = new WeakMap();
      this.byRule.set(rule, known);
    }
    let identity = known.get(sampleLabels);
    if (identity === undefined) {
      identity = identityOf(rule, sampleLabels);
      known.set(sampleLabels, identity);
    }
    return identity;
  }
}

function identityOf(rule: CompiledRule, sampleLabels: Readonly<Record<string, string>>): AlertIdentity {
  const labels = {
    ...sampleLabels,
    ...rule.rule.labels,
    alertname: rule.rule.name,
    severity: rule.rule.severity,
  };
  return { labels, fingerprint: fingerprintOf(labels) };
}
