import { totalmem } from 'node:os';
import type { AlertRuleV1 } from '../../spec/alerts/v1/alert-rule-v1.js';
import type { SloV1 } from '../../spec/alerts/v1/slo-v1.js';
import type { AlertEngineOptions } from './alert-engine-options.js';
import { type CompiledRule, compileRule } from './compile-rule.js';
import { DEFAULT_SLOS, defaultAlertRules } from './default-alert-rules.js';

/** The enabled rules compiled, and what the metric history must sample. */
export interface RuleSet {
  readonly rules: readonly CompiledRule[];
  readonly metricNames: ReadonlySet<string>;
  readonly historyMs: number;
}

/**
 * Default pack (unless off) plus the user's rules, compiled. A user rule with a default rule's name replaces
 * it, so a default can be retuned without switching the pack off.
 * @throws Error when a rule refers to an undeclared SLO.
 */
export function buildRuleSet(options: AlertEngineOptions): RuleSet {
  const withDefaults = options.defaultRules ?? true;
  const slos = new Map<string, SloV1>();
  for (const slo of [...(withDefaults ? DEFAULT_SLOS : []), ...(options.slos ?? [])]) slos.set(slo.name, slo);
  const byName = new Map<string, AlertRuleV1>();
  const defaults = withDefaults ? defaultAlertRules(options.memoryLimitBytes ?? memoryLimit()) : [];
  for (const rule of [...defaults, ...(options.rules ?? [])]) byName.set(rule.name, rule);
  const rules = [...byName.values()]
    .filter((rule) => rule.enabled !== false)
    .map((rule) => compileRule(rule, slos));
  return {
    rules,
    metricNames: new Set(rules.flatMap((rule) => rule.metrics)),
    historyMs: Math.max(0, ...rules.map((rule) => rule.historyMs)),
  };
}

function memoryLimit(): number {
  // constrainedMemory() is the cgroup limit in containers; 0 or undefined where there is none.
  const constrained = typeof process.constrainedMemory === 'function' ? process.constrainedMemory() : 0;
  return constrained !== undefined && constrained > 0 && constrained < Number.MAX_SAFE_INTEGER
    ? constrained
    : totalmem();
}
