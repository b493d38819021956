export type { PrometheusMetricType } from './convert-to-prometheus-name.js';
export {
  prometheusLabelName,
  prometheusMetricName,
  prometheusUnitSuffix,
} from './convert-to-prometheus-name.js';
export type {
  FetchMetricsHandler,
  MetricsHandlerOptions,
  MetricsHandlerTarget,
  NodeMetricsHandler,
} from './create-metrics-handler.js';
export { createMetricsFetchHandler, createMetricsHandler } from './create-metrics-handler.js';
export { ExemplarSpanProcessor } from './exemplar-span-processor.js';
// Generators: Grafana dashboards, Prometheus rule files, Alertmanager config and its webhook receiver.
export type {
  AlertmanagerWebhook,
  AlertmanagerWebhookListenOptions,
  AlertmanagerWebhookOptions,
} from './generate/alertmanager-webhook.js';
export { createAlertmanagerWebhook } from './generate/alertmanager-webhook.js';
export type {
  AlertmanagerMappingOptions,
  AlertmanagerWebhookPayload,
} from './generate/convert-alertmanager-payload.js';
export {
  alertmanagerPayloadSchema,
  alertmanagerPayloadToNotification,
  severityOf,
} from './generate/convert-alertmanager-payload.js';
export { convertTemplate } from './generate/convert-template.js';
export type { PromQlCondition, PromQlContext } from './generate/convert-to-promql.js';
export { conditionToPromQl } from './generate/convert-to-promql.js';
export type {
  AlertmanagerConfigOptions,
  AlertmanagerIntegration,
  AlertmanagerSecretRef,
  GeneratedAlertmanagerConfig,
} from './generate/generate-alertmanager-config.js';
export { generateAlertmanagerConfig } from './generate/generate-alertmanager-config.js';
export type {
  GeneratedPrometheusRules,
  PrometheusRulesOptions,
} from './generate/generate-prometheus-rules.js';
export { generatePrometheusRules } from './generate/generate-prometheus-rules.js';
export type { GrafanaDashboardJson, GrafanaDashboardOptions } from './generate/grafana-dashboards.js';
export { overviewDashboard } from './generate/grafana-dashboards.js';
export { errorAnalysisDashboard } from './generate/grafana-error-dashboard.js';
export type { GrafanaProvisioning, GrafanaProvisioningOptions } from './generate/grafana-provisioning.js';
export { grafanaProvisioning } from './generate/grafana-provisioning.js';
export type { CatalogueMetric, PrometheusMetricKind } from './generate/prometheus-names.js';
export { catalogueMetricName, METRIC_CATALOGUE } from './generate/prometheus-names.js';
export type {
  PrometheusRule,
  PrometheusRuleFile,
  PrometheusRuleGroup,
} from './generate/prometheus-rule-types.js';
export type { BurnRatePair } from './generate/slo-rules.js';
export { WORKBOOK_BURN_RATES } from './generate/slo-rules.js';
export type { WriteFilesOptions } from './generate/write-files.js';
export { writeFiles } from './generate/write-files.js';
export { adapter, prometheus } from './prometheus-adapter.js';
export type { PrometheusMetricReaderOptions, PrometheusScrape } from './prometheus-metric-reader.js';
export {
  OPENMETRICS_CONTENT_TYPE,
  PROMETHEUS_CONTENT_TYPE,
  PrometheusMetricReader,
} from './prometheus-metric-reader.js';
export type {
  DefaultMetricsOptions,
  MetricsAddress,
  PrometheusOptions,
  PushgatewayOptions,
} from './prometheus-options.js';
export { prometheusOptionsSchema } from './prometheus-options.js';
export type { PushOutcome } from './pushgateway-pusher.js';
export type { MetricsAuth } from './scrape-response.js';
