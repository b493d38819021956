export { adapter, azureMonitor } from './azure-monitor-adapter.js';
export {
  type AzureMonitorOfflineStorageOptions,
  type AzureMonitorOptions,
  azureMonitorOptionsSchema,
} from './azure-monitor-options.js';
export { type ParsedConnectionString, parseConnectionString } from './connection-string.js';
export {
  convertEnvelopes,
  convertTrackBody,
  isSampledIn,
  mcpDependencyType,
  samplingScore,
  type TelemetryEnvelope,
} from './convert-to-application-insights.js';
export {
  generateWorkbook,
  generateWorkbookJson,
  type Workbook,
  type WorkbookOptions,
  type WorkbookParametersItem,
  type WorkbookQueryItem,
  type WorkbookTextItem,
  workbookSchemaUrl,
} from './generate-workbook.js';
export {
  activeAlertsQuery,
  alertNotificationsQuery,
  dependencyPerformanceQuery,
  errorsByCategoryQuery,
  exceptionsByTypeQuery,
  failuresByErrorTypeQuery,
  integrationPerformanceQuery,
  kqlString,
  latencyByToolQuery,
  processResourcesQuery,
  requestVolumeByToolQuery,
} from './workbook-queries.js';
