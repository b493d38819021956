export type { ConfigIssue, LoadConfigOptions, ParseConfigOptions } from './config/index.js';
export {
  CONFIG_FILE_NAMES,
  CONFIG_PATH_ENV,
  ConfigError,
  configJsonSchema,
  loadConfig,
  parseConfig,
} from './config/index.js';
export {
  CORRELATION_ID_ATTRIBUTE,
  CORRELATION_ID_HEADER,
  CORRELATION_ID_META_KEY,
  correlationIdFrom,
  currentCorrelationId,
  isValidCorrelationId,
  newCorrelationId,
  runWithCorrelationId,
} from './correlation/index.js';
export type {
  CircuitBreakerState,
  Integration,
  IntegrationCircuitBreakerOptions,
  IntegrationErrorType,
  IntegrationExecuteOptions,
  IntegrationKind,
  IntegrationOptions,
  IntegrationRetryOptions,
} from './integrations/index.js';
export {
  CIRCUIT_BREAKER_STATE_VALUES,
  CircuitOpenError,
  classifyIntegrationError,
  createIntegration,
  DEFAULT_CIRCUIT_BREAKER,
  DEFAULT_RETRY,
  INTEGRATION_METRICS,
  INTEGRATION_SERIES,
  IntegrationTimeoutError,
  isCallerFault,
} from './integrations/index.js';
export type { RequestLogFields } from './logging/index.js';
export { isRequestLoggingEnabled, logRequest } from './logging/index.js';
export { getActiveObservability } from './pipeline/active-observability.js';
export { bindAdapter } from './pipeline/bind-adapter.js';
export { createObservability } from './pipeline/create-observability.js';
export type { AdapterFaultV1 } from './pipeline/fault-reporter.js';
export { inMemoryBackend } from './pipeline/in-memory-backend-adapter.js';
export type { Observability, ObservabilityDiagnostics } from './pipeline/observability.js';
export type {
  LoggingOptions,
  ObservabilityOptions,
  ServiceOptions,
  ShutdownHooksOptions,
} from './pipeline/observability-options.js';
export type { CaptureKind, CaptureOptions, PreparedPayload, PreparePayloadOptions } from './privacy/index.js';
export {
  DEFAULT_CAPTURE_MAX_BYTES,
  isSecretKey,
  preparePayload,
  REDACTED,
  redactText,
  redactValue,
  shouldCapture,
} from './privacy/index.js';
export type { RuntimeMetrics, RuntimeMetricsOptions } from './runtime/index.js';
export { RUNTIME_METRICS, startRuntimeMetrics } from './runtime/index.js';
export type {
  AdapterContextV1,
  AdapterDescriptorV1,
  AdapterInstanceV1,
  AdapterKindV1,
  AdapterV1,
  DeliveryResultV1,
  HealthCheckV1,
  HealthResultV1,
  HealthStatusV1,
  LogExceptionV1,
  LoggerV1,
  LogLevelV1,
  LogRecordV1,
  LogsContributionV1,
  MetricAttributesV1,
  MetricDefinitionV1,
  MetricInstrumentKindV1,
  MetricsContributionV1,
  NotificationAlertV1,
  NotificationStatusV1,
  NotificationV1,
  NotifierV1,
  SendOptionsV1,
  SeverityV1,
  TracesContributionV1,
} from './spec/index.js';
export type {
  RedactHookV1,
  TelemetryEventV1,
  TelemetryLogV1,
  TelemetrySpanEventV1,
  TelemetrySpanV1,
} from './spec/privacy/v1/index.js';
export type { InMemoryBackendOptions } from './store/in-memory-backend-options.js';
export type {
  InMemoryBackendStats,
  MetricsSnapshot,
  StoredLogRecord,
  StoredMetric,
  StoredSpan,
  WindowSeries,
  WindowStats,
} from './store/index.js';
export { InMemoryBackend } from './store/index.js';
export { VERSION } from './version.js';
export type { InstrumentOptions } from './mcp/instrument-options.js';
export { instrument, instrumentClient } from './mcp/instrument.js';
export { instrumentServerFactory } from './mcp/instrument-server-factory.js';
export type { ErrorCategory } from './mcp/classify-error.js';
export type { ConsoleNotifierOptions, ConsoleNotifierStream } from './alerts/console-notifier.js';
export { consoleNotifier } from './alerts/console-notifier.js';
export { DELIVERY_METRICS } from './alerts/delivery/delivery-instruments.js';
export type {
  BackoffOptions,
  DeadLetterRecord,
  DeliveryClock,
  DeliveryFinalOutcome,
  DeliveryOutcome,
  DeliveryPipelineOptions,
  DeliverySettings,
  DeliverySettingsOverrides,
  NotifierDeliveryStats,
} from './alerts/delivery/delivery-options.js';
export { DEFAULT_DELIVERY_SETTINGS } from './alerts/delivery/delivery-options.js';
export { DeliveryPipeline } from './alerts/delivery/delivery-pipeline.js';
export type { FileStateStoreOptions } from './alerts/persistence/file-state-store.js';
export { FileStateStore, STATE_DIR_ENV } from './alerts/persistence/file-state-store.js';
export { InMemoryStateStore } from './alerts/persistence/in-memory-state-store.js';
export type { StateStoreV1 } from './spec/alerts/v1/state-store-v1.js';
