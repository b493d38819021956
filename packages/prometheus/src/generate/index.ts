export type {
  AlertmanagerWebhook,
  AlertmanagerWebhookListenOptions,
  AlertmanagerWebhookOptions,
} from './alertmanager-webhook.js';
export { createAlertmanagerWebhook } from './alertmanager-webhook.js';
export type {
  AlertmanagerMappingOptions,
  AlertmanagerWebhookPayload,
} from './convert-alertmanager-payload.js';
export {
  alertmanagerPayloadSchema,
  alertmanagerPayloadToNotification,
  severityOf,
} from './convert-alertmanager-payload.js';
export { convertTemplate } from './convert-template.js';
export type { PromQlCondition, PromQlContext } from './convert-to-promql.js';
export { conditionToPromQl } from './convert-to-promql.js';
export type {
  AlertmanagerConfigOptions,
  AlertmanagerIntegration,
  AlertmanagerSecretRef,
  GeneratedAlertmanagerConfig,
} from './generate-alertmanager-config.js';
export { generateAlertmanagerConfig } from './generate-alertmanager-config.js';
export type { GeneratedPrometheusRules, PrometheusRulesOptions } from './generate-prometheus-rules.js';
export { generatePrometheusRules } from './generate-prometheus-rules.js';
export type { GrafanaDashboardJson, GrafanaDashboardOptions } from './grafana-dashboards.js';
export { overviewDashboard } from './grafana-dashboards.js';
export { errorAnalysisDashboard } from './grafana-error-dashboard.js';
export type { GrafanaProvisioning, GrafanaProvisioningOptions } from './grafana-provisioning.js';
export { grafanaProvisioning } from './grafana-provisioning.js';
export type { CatalogueMetric, PrometheusMetricKind } from './prometheus-names.js';
export { catalogueMetricName, METRIC_CATALOGUE } from './prometheus-names.js';
export type { PrometheusRule, PrometheusRuleFile, PrometheusRuleGroup } from './prometheus-rule-types.js';
export type { BurnRatePair } from './slo-rules.js';
export { WORKBOOK_BURN_RATES } from './slo-rules.js';
export type { WriteFilesOptions } from './write-files.js';
export { writeFiles } from './write-files.js';
