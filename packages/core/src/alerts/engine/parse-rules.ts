import { ConfigError, type ConfigIssue, configIssue } from '../../config/config-error.js';
import { configErrorMap, toConfigIssues } from '../../config/config-issues.js';
import type { AlertConditionV1 } from '../../spec/alerts/v1/alert-condition-v1.js';
import type { AlertRuleV1 } from '../../spec/alerts/v1/alert-rule-v1.js';
import type { AlertRulesFileV1 } from '../../spec/alerts/v1/alert-rules-file-v1.js';
import type { SloV1 } from '../../spec/alerts/v1/slo-v1.js';
import { alertRulesFileSchema } from './alert-rules-schema.js';
import { DEFAULT_SLOS, defaultAlertRules } from './default-alert-rules.js';
import { CORE_METRIC_NAMES } from './known-signals.js';
import { tryParseDuration } from './parse-duration.js';

/** Options of {@link parseRules}. */
export interface ParseRulesOptions {
  /** Named in error messages (the config file path). Default `alert rules`. */
  readonly source?: string;
  /** Longest window a series condition may use: the in-memory backend's retention. Default 900 s. */
  readonly maxWindowSeconds?: number;
  /** Put before every field path, e.g. `['alerts']` for the `alerts` section of a config file. Default none. */
  readonly pathPrefix?: readonly PropertyKey[];
}

/**
 * Validates rules and SLOs in file form (plain data from JSON or YAML, matchers as strings allowed) and
 * returns them typed. Every problem is reported at once with its field path (`rules[2].condition.window`):
 * unknown keys, condition kinds, series and metrics; bad durations (`'5x'`); bad templates; duplicate
 * names; `slo_burn_rate` rules naming an undeclared SLO; windows longer than the in-memory retention.
 *
 * @throws ConfigError listing every problem.
 */
export function parseRules(raw: unknown, options: ParseRulesOptions = {}): AlertRulesFileV1 {
  const source = options.source ?? 'alert rules';
  const prefix = options.pathPrefix ?? [];
  const parsed = alertRulesFileSchema.safeParse(raw ?? {}, { error: configErrorMap });
  // toConfigIssues names each unknown key in its path (`rules[0].tpyo`), not only the object holding it.
  if (!parsed.success) throw new ConfigError(toConfigIssues(parsed.error.issues, prefix), source);
  const file = parsed.data;
  const result: AlertRulesFileV1 = {
    rules: (file.rules ?? []) as AlertRuleV1[],
    slos: (file.slos ?? []) as SloV1[],
    defaultRules: file.defaultRules ?? true,
  };
  const issues = crossCheck(
    result,
    new Set([...CORE_METRIC_NAMES, ...(file.customMetrics ?? [])]),
    options,
    prefix,
  );
  if (issues.length > 0) throw new ConfigError(issues, source);
  return result;
}

function crossCheck(
  file: AlertRulesFileV1,
  knownMetrics: ReadonlySet<string>,
  options: ParseRulesOptions,
  prefix: readonly PropertyKey[],
): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const maxWindowMs = (options.maxWindowSeconds ?? 900) * 1000;
  const defaults = file.defaultRules ? defaultAlertRules(1) : [];
  const ruleNames = new Set(defaults.map((rule) => rule.name));
  const sloNames = new Set((file.defaultRules ? DEFAULT_SLOS : []).map((slo) => slo.name));
  file.slos.forEach((slo, index) => {
    if (sloNames.has(slo.name))
      issues.push(
        configIssue([...prefix, 'slos', index, 'name'], `duplicate SLO name ${JSON.stringify(slo.name)}`),
      );
    sloNames.add(slo.name);
  });
  file.rules.forEach((rule, index) => {
    const path = [...prefix, 'rules', index];
    if (ruleNames.has(rule.name)) {
      const hint = file.defaultRules
        ? ' (also checked against the default rule pack; set defaultRules: false to replace it)'
        : '';
      issues.push(configIssue([...path, 'name'], `duplicate rule name ${JSON.stringify(rule.name)}${hint}`));
    }
    ruleNames.add(rule.name);
    checkCondition(rule.condition, [...path, 'condition'], { knownMetrics, sloNames, maxWindowMs }, issues);
  });
  return issues;
}

interface CheckContext {
  readonly knownMetrics: ReadonlySet<string>;
  readonly sloNames: ReadonlySet<string>;
  readonly maxWindowMs: number;
}

function checkCondition(
  condition: AlertConditionV1,
  path: PropertyKey[],
  context: CheckContext,
  issues: ConfigIssue[],
): void {
  const metric = (name: string, at: PropertyKey[]) => {
    if (!context.knownMetrics.has(name)) {
      issues.push(
        configIssue(
          at,
          `unknown metric ${JSON.stringify(name)}: use a metric core records or list yours in customMetrics`,
        ),
      );
    }
  };
  const window = (text: string | undefined, at: PropertyKey[]) => {
    const ms = text === undefined ? undefined : tryParseDuration(text);
    if (ms !== undefined && (ms > context.maxWindowMs || ms === 0)) {
      issues.push(
        configIssue(
          at,
          `window must be above 0 and at most the in-memory retention (${context.maxWindowMs / 1000} s)`,
        ),
      );
    }
  };
  switch (condition.kind) {
    case 'error_ratio':
    case 'latency':
    case 'throughput':
      window(condition.window, [...path, 'window']);
      return;
    case 'metric':
      metric(condition.metric, [...path, 'metric']);
      return;
    case 'metric_ratio':
      metric(condition.numerator.metric, [...path, 'numerator', 'metric']);
      metric(condition.denominator.metric, [...path, 'denominator', 'metric']);
      return;
    case 'slo_burn_rate':
      if (!context.sloNames.has(condition.slo)) {
        issues.push(
          configIssue(
            [...path, 'slo'],
            `unknown SLO ${JSON.stringify(condition.slo)}: declare it under slos`,
          ),
        );
      }
      condition.windows?.forEach((pair, index) => {
        window(pair.long, [...path, 'windows', index, 'long']);
        window(pair.short, [...path, 'windows', index, 'short']);
      });
      return;
    default:
      return;
  }
}
