import {
  type AlertRulesFileV1,
  type AlertRuleV1,
  DEFAULT_SLOS,
  defaultAlertRules,
  type SloBurnRateConditionV1,
  type SloV1,
} from '@mcp-o11y/core';
import { convertTemplate } from './convert-template.js';
import {
  conditionToPromQl,
  type PromQlContext,
  promName,
  seriesHistogram,
  sumBy,
} from './convert-to-promql.js';
import type { CatalogueMetric } from './prometheus-names.js';
import { prometheusLabelName } from './prometheus-names.js';
import type { PrometheusRule, PrometheusRuleFile, PrometheusRuleGroup } from './prometheus-rule-types.js';
import {
  type BurnRatePair,
  burnRateExpr,
  pairWindows,
  sloRecordingRules,
  ticketSeverity,
  WORKBOOK_BURN_RATES,
} from './slo-rules.js';
import { toYaml } from './to-yaml.js';

/** Options of {@link generatePrometheusRules}. */
export interface PrometheusRulesOptions {
  /** Rules and SLOs, e.g. `parseRules(config.alerts)`. Default: the default pack only. */
  readonly rules?: Partial<AlertRulesFileV1>;
  /** Memory limit the default `HighMemoryUsage` rule takes 90 % of, in bytes. Default 2 GiB. */
  readonly memoryLimitBytes?: number;
  /** Label naming a service. Default `job` (the scrape job). */
  readonly serviceLabel?: string;
  /** Label naming one process. Default `instance`. */
  readonly instanceLabel?: string;
  /** Extra matchers on every selector (PromQL, no braces), e.g. `job="mcp-search"`. Default none. */
  readonly selector?: string;
  /** Group name prefix; groups are `<prefix>-alerts`, `<prefix>-slo`, `<prefix>-recording`. Default `mcp-o11y`. */
  readonly groupPrefix?: string;
  /** Evaluation interval of the groups. Default: Prometheus's global `evaluation_interval`. */
  readonly interval?: string;
  /** Runbook link of a rule's `runbook` id (annotation `runbook_url`). Default: no link, the id as `runbook`. */
  readonly runbookUrl?: (runbook: string) => string;
  /** Burn-rate pairs of SLO alerts. Default {@link WORKBOOK_BURN_RATES}. */
  readonly burnRates?: { readonly page: readonly BurnRatePair[]; readonly ticket: readonly BurnRatePair[] };
  /** Prometheus shape of custom metrics rules name. */
  readonly customMetrics?: ReadonlyMap<string, CatalogueMetric>;
}

/** What {@link generatePrometheusRules} returns. */
export interface GeneratedPrometheusRules {
  /** The rule file as data. */
  readonly file: PrometheusRuleFile;
  /** The rule file as YAML, ready for `promtool check rules`. */
  readonly yaml: string;
  /** Rules with no Prometheus equivalent, and why (e.g. health checks are not metrics). */
  readonly skipped: readonly { readonly rule: string; readonly reason: string }[];
}

/** The rule set core's engine would run: the default pack (unless off) with same-named user rules replacing defaults. */
export function effectiveRules(
  rules: Partial<AlertRulesFileV1> | undefined,
  memoryLimitBytes: number,
): { rules: AlertRuleV1[]; slos: SloV1[] } {
  const withDefaults = rules?.defaultRules ?? true;
  const slos = new Map<string, SloV1>();
  for (const slo of [...(withDefaults ? DEFAULT_SLOS : []), ...(rules?.slos ?? [])]) slos.set(slo.name, slo);
  const byName = new Map<string, AlertRuleV1>();
  for (const rule of [
    ...(withDefaults ? defaultAlertRules(memoryLimitBytes) : []),
    ...(rules?.rules ?? []),
  ]) {
    byName.set(rule.name, rule);
  }
  return { rules: [...byName.values()].filter((rule) => rule.enabled !== false), slos: [...slos.values()] };
}

/**
 * Prometheus rule file from core's rules and SLOs: one alerting rule per rule (same name, `for`,
 * `keep_firing_for`, `severity` and labels; annotations converted to Prometheus templates, `runbook_url`),
 * SLO error-ratio recording rules per window, multi-window multi-burn-rate alerts (page: 1h/5m at 14.4× or
 * 6h/30m at 6×; ticket: 1d/2h at 3× or 3d/6h at 1×) and request/error recording rules for dashboards.
 * Pure: no I/O.
 */
export function generatePrometheusRules(options: PrometheusRulesOptions = {}): GeneratedPrometheusRules {
  const context: PromQlContext = {
    serviceLabel: options.serviceLabel ?? 'job',
    instanceLabel: options.instanceLabel ?? 'instance',
    selector: options.selector ?? '',
    ...(options.customMetrics === undefined ? {} : { customMetrics: options.customMetrics }),
  };
  const { rules, slos } = effectiveRules(options.rules, options.memoryLimitBytes ?? 2 ** 31);
  const prefix = options.groupPrefix ?? 'mcp-o11y';
  const burnRates = options.burnRates ?? WORKBOOK_BURN_RATES;
  const skipped: { rule: string; reason: string }[] = [];
  const alerts: PrometheusRule[] = [];
  const sloAlerts: PrometheusRule[] = [];
  for (const rule of rules) {
    if (rule.condition.kind === 'slo_burn_rate') {
      const condition = rule.condition;
      const slo = slos.find((each) => each.name === condition.slo);
      if (slo === undefined)
        skipped.push({ rule: rule.name, reason: `SLO "${condition.slo}" is not declared` });
      else sloAlerts.push(...burnRateAlerts(rule, condition, slo, burnRates, options));
      continue;
    }
    const converted = conditionToPromQl(rule.condition, context);
    if ('unsupported' in converted) {
      skipped.push({ rule: rule.name, reason: converted.unsupported });
      continue;
    }
    alerts.push(
      alertingRule(rule, converted.expr, rule.severity, options, {
        ...(converted.threshold === undefined ? {} : { threshold: converted.threshold }),
        ...(converted.window === undefined ? {} : { window: converted.window }),
      }),
    );
  }
  const interval = options.interval === undefined ? {} : { interval: options.interval };
  const windows = pairWindows([...burnRates.page, ...burnRates.ticket]);
  const groups: PrometheusRuleGroup[] = [
    { name: `${prefix}-alerts`, ...interval, rules: alerts },
    {
      name: `${prefix}-slo`,
      ...interval,
      rules: [...slos.flatMap((slo) => sloRecordingRules(slo, windows, context)), ...sloAlerts],
    },
    { name: `${prefix}-recording`, ...interval, rules: dashboardRecordingRules(context) },
  ].filter((group) => group.rules.length > 0);
  const file: PrometheusRuleFile = { groups };
  const yaml = toYaml(
    file as never,
    'Generated by @mcp-o11y/prometheus from the mcp-o11y alert rules. Check: promtool check rules <file>',
  );
  return { file, yaml, skipped };
}

function alertingRule(
  rule: AlertRuleV1,
  expr: string,
  severity: string,
  options: PrometheusRulesOptions,
  values: { threshold?: number; window?: string },
  extraLabels: Readonly<Record<string, string>> = {},
): PrometheusRule {
  const labels: Record<string, string> = { severity };
  for (const [name, value] of Object.entries(rule.labels ?? {})) labels[prometheusLabelName(name)] = value;
  Object.assign(labels, extraLabels);
  const annotations: Record<string, string> = {};
  const template = { alertname: rule.name, severity, ...values };
  for (const name of ['summary', 'description', 'message'] as const) {
    const text = rule.annotations?.[name];
    if (text !== undefined) annotations[name] = convertTemplate(text, template);
  }
  const runbook = rule.annotations?.runbook;
  if (runbook !== undefined) {
    if (options.runbookUrl === undefined) annotations.runbook = runbook;
    else annotations.runbook_url = options.runbookUrl(runbook);
  }
  return {
    alert: rule.name,
    expr,
    ...(rule.for === undefined || rule.for === '0s' ? {} : { for: rule.for }),
    ...(rule.keepFiringFor === undefined || rule.keepFiringFor === '0s'
      ? {}
      : { keep_firing_for: rule.keepFiringFor }),
    labels,
    ...(Object.keys(annotations).length === 0 ? {} : { annotations }),
  };
}

function burnRateAlerts(
  rule: AlertRuleV1,
  condition: SloBurnRateConditionV1,
  slo: SloV1,
  burnRates: NonNullable<PrometheusRulesOptions['burnRates']>,
  options: PrometheusRulesOptions,
): PrometheusRule[] {
  const minCount = condition.minCount ?? 20;
  const tiers = [
    { pairs: burnRates.page, severity: rule.severity, burn: 'fast' },
    { pairs: burnRates.ticket, severity: ticketSeverity(rule.severity), burn: 'slow' },
  ].filter((tier) => tier.pairs.length > 0);
  return tiers.map((tier) =>
    alertingRule(
      rule,
      burnRateExpr(slo, tier.pairs, minCount),
      tier.severity,
      options,
      { threshold: tier.pairs[0]?.factor ?? 1, window: tier.pairs[0]?.long ?? '1h' },
      { slo: slo.name, burn: tier.burn },
    ),
  );
}

/** Per-operation request rates and per-category error rates (5 min) that dashboards and ad-hoc queries share. */
function dashboardRecordingRules(context: PromQlContext): PrometheusRule[] {
  const body = context.selector === '' ? '' : `{${context.selector}}`;
  const requests = `rate(${seriesHistogram()}_count${body}[5m])`;
  const errors = `rate(${promName('mcp_o11y.errors')}${body}[5m])`;
  return [
    {
      record: 'mcp:server_requests:rate5m',
      expr: sumBy([context.serviceLabel, 'mcp_method_name', 'gen_ai_tool_name'], requests),
    },
    {
      record: 'mcp:server_errors:rate5m',
      expr: sumBy([context.serviceLabel, 'mcp_method_name', 'mcp_o11y_error_category'], errors),
    },
  ];
}
