/** A Prometheus recording rule (`record`) or alerting rule (`alert`), as written in a rule file. */
export interface PrometheusRule {
  /** Recording rules: the series name written. */
  readonly record?: string;
  /** Alerting rules: the alert name. */
  readonly alert?: string;
  /** PromQL. */
  readonly expr: string;
  /** Alerting rules: how long the expression must hold before firing. */
  readonly for?: string;
  /** Alerting rules: how long to keep firing after it stops holding (Prometheus ≥ 2.42). */
  readonly keep_firing_for?: string;
  /** Labels added to the result. */
  readonly labels?: Readonly<Record<string, string>>;
  /** Alerting rules: Go-templated text (`summary`, `description`, `runbook_url`, ...). */
  readonly annotations?: Readonly<Record<string, string>>;
}

/** A rule group: evaluated in order, at the group's interval. */
export interface PrometheusRuleGroup {
  /** Unique within the file. */
  readonly name: string;
  /** Evaluation interval; default the global `evaluation_interval`. */
  readonly interval?: string;
  /** The rules, evaluated in order (recording rules before the alerts reading them). */
  readonly rules: readonly PrometheusRule[];
}

/** A Prometheus rule file (`rule_files:` in prometheus.yml). */
export interface PrometheusRuleFile {
  readonly groups: readonly PrometheusRuleGroup[];
}
