import type { InhibitRuleV1 } from '../../spec/alerts/v1/inhibit-rule-v1.js';
import { type CompiledMatcher, compileMatchers, matchesAll } from './label-matchers.js';

/** An inhibition rule with compiled matchers. */
export interface CompiledInhibitRule {
  readonly source: readonly CompiledMatcher[];
  readonly target: readonly CompiledMatcher[];
  readonly equal: readonly string[];
}

/** Compiles inhibition rules once. */
export function compileInhibitRules(rules: readonly InhibitRuleV1[] | undefined): CompiledInhibitRule[] {
  return (rules ?? []).map((rule) => ({
    source: compileMatchers(rule.sourceMatchers),
    target: compileMatchers(rule.targetMatchers),
    equal: rule.equal ?? [],
  }));
}

/** What inhibition reads of an alert. */
export interface InhibitionCandidate {
  readonly fingerprint: string;
  readonly labels: Readonly<Record<string, string>>;
}

/**
 * Which alerts are muted by which firing alerts. Pure. Sources are indexed by their `equal` label values,
 * so the cost is linear in alerts per rule. Guards: an alert never inhibits itself, and an alert matching
 * both sides is not inhibited by a source that also matches both (no mutual muting).
 *
 * @returns fingerprint of each inhibited alert → fingerprints of the alerts inhibiting it.
 */
export function computeInhibitions(
  rules: readonly CompiledInhibitRule[],
  firing: readonly InhibitionCandidate[],
): Map<string, string[]> {
  const inhibited = new Map<string, string[]>();
  for (const rule of rules) {
    const sources = new Map<string, { fingerprint: string; alsoTarget: boolean }[]>();
    for (const alert of firing) {
      if (!matchesAll(rule.source, alert.labels)) continue;
      const key = equalKey(rule.equal, alert.labels);
      let list = sources.get(key);
      if (list === undefined) {
        list = [];
        sources.set(key, list);
      }
      list.push({ fingerprint: alert.fingerprint, alsoTarget: matchesAll(rule.target, alert.labels) });
    }
    if (sources.size === 0) continue;
    for (const alert of firing) {
      if (!matchesAll(rule.target, alert.labels)) continue;
      const candidates = sources.get(equalKey(rule.equal, alert.labels));
      if (candidates === undefined) continue;
      const isSourceToo = matchesAll(rule.source, alert.labels);
      for (const source of candidates) {
        if (source.fingerprint === alert.fingerprint || (isSourceToo && source.alsoTarget)) continue;
        let by = inhibited.get(alert.fingerprint);
        if (by === undefined) {
          by = [];
          inhibited.set(alert.fingerprint, by);
        }
        if (!by.includes(source.fingerprint)) by.push(source.fingerprint);
      }
    }
  }
  return inhibited;
}

function equalKey(equal: readonly string[], labels: Readonly<Record<string, string>>): string {
  return JSON.stringify(equal.map((name) => labels[name] ?? ''));
}
