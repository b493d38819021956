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
export { AlertEngine } from './alerts/engine/alert-engine.js';
export type {
  AlertEngineOptions,
  AlertScheduler,
  AlertSignalSource,
  AlertStateStore,
  NotificationDeliveryOutcome,
  NotificationSink,
} from './alerts/engine/alert-engine-options.js';
export { alertRulesFileSchema } from './alerts/engine/alert-rules-schema.js';
export { DEFAULT_SLOS, defaultAlertRules, defaultRoute } from './alerts/engine/default-alert-rules.js';
export type { HealthCheckReading } from './alerts/engine/evaluation-context.js';
export { CORE_METRIC_NAMES } from './alerts/engine/known-signals.js';
export type { ParseRulesOptions } from './alerts/engine/parse-rules.js';
export { parseRules } from './alerts/engine/parse-rules.js';
export { DEFAULT_BURN_RATE_WINDOWS } from './alerts/engine/slo-burn-rate.js';
export type { FileStateStoreOptions } from './alerts/persistence/file-state-store.js';
export { FileStateStore, STATE_DIR_ENV } from './alerts/persistence/file-state-store.js';
export { InMemoryStateStore } from './alerts/persistence/in-memory-state-store.js';
export { METRIC_CATALOGUE_V1 } from './catalogue/metric-catalogue.js';
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
export type { DiskSpaceCheckOptions } from './health/checks/disk-space-check.js';
export { diskSpaceCheck } from './health/checks/disk-space-check.js';
export type {
  ClosableHealthCheck,
  EventLoopDelayCheckOptions,
} from './health/checks/event-loop-delay-check.js';
export { eventLoopDelayCheck } from './health/checks/event-loop-delay-check.js';
export type { MemoryCheckOptions } from './health/checks/memory-check.js';
export { memoryCheck } from './health/checks/memory-check.js';
export { createHealthFetchHandler } from './health/create-health-fetch-handler.js';
export type { HealthRequestHandler } from './health/create-health-handler.js';
export { createHealthHandler } from './health/create-health-handler.js';
export type { HealthEndpointSource, HealthHandlerOptions } from './health/health-endpoint.js';
export type {
  HealthCheckInput,
  HealthCheckOutcome,
  HealthOptions,
  HealthReport,
  ObservabilityHealth,
} from './health/health-options.js';
export { DEFAULT_HEALTH_CACHE_TTL_MS, DEFAULT_HEALTH_TIMEOUT_MS } from './health/health-options.js';
export type { HealthServerOptions, RunningHealthServer } from './health/start-health-server.js';
export { HEALTH_SERVER_ENV, startHealthServer } from './health/start-health-server.js';
export type { HealthJson, HealthJsonCheck } from './health/to-health-json.js';
export { HEALTH_JSON_CONTENT_TYPE, toHealthJson } from './health/to-health-json.js';
export type { HttpAuth } from './http/http-auth.js';
export { authChallenge, isAuthorized } from './http/http-auth.js';
export { parseRetryAfter } from './http/parse-retry-after.js';
export type { PostJsonFailure, PostJsonOutcome, PostJsonRequest } from './http/post-json.js';
export { postJson } from './http/post-json.js';
export type { RequestBody } from './http/read-request-body.js';
export { readFetchRequestBody, readNodeRequestBody } from './http/read-request-body.js';
export { sameSecret } from './http/same-secret.js';
export type { HttpServerOptions, RunningHttpServer } from './http/start-http-server.js';
export { startHttpServer } from './http/start-http-server.js';
export type {
  InstrumentationName,
  InstrumentationPackage,
} from './instrumentations/instrumentation-catalogue.js';
export {
  INSTRUMENTATION_CATALOGUE,
  INSTRUMENTATION_NAMES,
} from './instrumentations/instrumentation-catalogue.js';
export type {
  InstrumentationEntry,
  InstrumentationLike,
  InstrumentationNameWithOptions,
} from './instrumentations/instrumentation-like.js';
export type {
  CircuitBreakerState,
  DescribedStatement,
  Integration,
  IntegrationCircuitBreakerOptions,
  IntegrationErrorType,
  IntegrationExecuteOptions,
  IntegrationKind,
  IntegrationOptions,
  IntegrationRetryOptions,
  ObservedPool,
  ObservePoolOptions,
  PoolReading,
  StatementDialect,
  StatementOptions,
} from './integrations/index.js';
export {
  CIRCUIT_BREAKER_STATE_VALUES,
  CircuitOpenError,
  classifyIntegrationError,
  createIntegration,
  DEFAULT_CIRCUIT_BREAKER,
  DEFAULT_RETRY,
  DEFAULT_STATEMENT_MAX_LENGTH,
  describeStatement,
  dialectOfSystem,
  INTEGRATION_METRICS,
  INTEGRATION_SERIES,
  IntegrationTimeoutError,
  isCallerFault,
  normalizeStatement,
  observePool,
  readPoolStatistics,
  STATEMENT_HASH_ATTRIBUTE,
  statementHash,
} from './integrations/index.js';
export type { RequestLogFields } from './logging/index.js';
export { isRequestLoggingEnabled, logRequest } from './logging/index.js';
export type { ErrorCategory } from './mcp/classify-error.js';
export { instrument, instrumentClient } from './mcp/instrument.js';
export type { InstrumentOptions } from './mcp/instrument-options.js';
export { instrumentServerFactory } from './mcp/instrument-server-factory.js';
export type { PrincipalAuthInfo, PrincipalHook, PrincipalRequest } from './mcp/principal.js';
export { estimateResultTokens, type ResultKind } from './mcp/result-sizes.js';
export { getActiveObservability } from './pipeline/active-observability.js';
export type {
  AlertDeliveryOptions,
  AlertStateDirectoryOptions,
  AlertsOptions,
} from './pipeline/alerts-options.js';
export { ALERTS_LEADER_ENV } from './pipeline/alerts-options.js';
export { bindAdapter } from './pipeline/bind-adapter.js';
export { createObservability } from './pipeline/create-observability.js';
export type { DroppedTelemetryV1 } from './pipeline/dropped-telemetry.js';
export type { AdapterFaultV1 } from './pipeline/fault-reporter.js';
export { inMemoryBackend } from './pipeline/in-memory-backend-adapter.js';
export type { Observability, ObservabilityDiagnostics } from './pipeline/observability.js';
export type { ObservabilityAlerts } from './pipeline/observability-alerts.js';
export type {
  LoggingOptions,
  ObservabilityOptions,
  SamplingOptions,
  ServiceOptions,
  ShutdownHooksOptions,
} from './pipeline/observability-options.js';
export type { CaptureKind, CaptureOptions, PreparedPayload, PreparePayloadOptions } from './privacy/index.js';
export {
  DEFAULT_CAPTURE_MAX_BYTES,
  isSecretKey,
  preparePayload,
  REDACTED,
  redactDeliveryResult,
  redactKnownSecrets,
  redactText,
  redactValue,
  shouldCapture,
} from './privacy/index.js';
export type { ProcessErrorOrigin } from './process-errors/process-error-origin.js';
export { ATTR_ERROR_ORIGIN } from './process-errors/process-error-origin.js';
export { DEFAULT_RUNBOOKS } from './runbooks/default-runbooks.js';
export type { LoadRunbooksOptions } from './runbooks/load-runbooks.js';
export { loadRunbooks, parseRunbooks } from './runbooks/load-runbooks.js';
export type { ObservabilityRunbooks, RunbooksOptions } from './runbooks/runbook-catalog.js';
export type { Runbook, RunbookEscalation, RunbookStep } from './runbooks/runbook-schema.js';
export { RUNBOOK_ID_PATTERN, runbookSchema, runbooksFileSchema } from './runbooks/runbook-schema.js';
export { runbookUrl } from './runbooks/runbook-url.js';
export type { RuntimeMetrics, RuntimeMetricsOptions } from './runtime/index.js';
export { RUNTIME_METRICS, startRuntimeMetrics } from './runtime/index.js';
export type {
  AuthFailureReason,
  AuthOutcome,
  FetchHandler,
  FetchSecurityOptions,
  HttpRejectionKind,
  HttpSecurityMiddleware,
  HttpSecurityOptions,
} from './security/index.js';
export { observeFetchSecurity, observeHttpSecurity, SECURITY_METRICS } from './security/index.js';
export type {
  AlertAnnotationsV1,
  AlertConditionV1,
  AlertEngineModeV1,
  AlertRoutingV1,
  AlertRulesFileV1,
  AlertRuleV1,
  AlertSeriesNameV1,
  AlertStateV1,
  AlertV1,
  AvailabilityObjectiveV1,
  BurnRateWindowV1,
  CircuitBreakerOpenConditionV1,
  ComparisonV1,
  ConsecutiveFailuresConditionV1,
  DurationV1,
  ErrorRatioConditionV1,
  EscalationPolicyV1,
  EscalationStepV1,
  HealthCheckStatusConditionV1,
  IncidentEventKindV1,
  IncidentEventV1,
  IncidentV1,
  InFlightConditionV1,
  InhibitRuleV1,
  LabelMatcherV1,
  LatencyConditionV1,
  LatencyObjectiveV1,
  MetricConditionV1,
  MetricRatioConditionV1,
  MetricSelectorV1,
  NotifierRoutingV1,
  RouteV1,
  SeriesConditionBaseV1,
  SilenceInputV1,
  SilenceV1,
  SloBurnRateConditionV1,
  SloV1,
  ThroughputConditionV1,
} from './spec/alerts/v1/index.js';
export type { StateStoreV1 } from './spec/alerts/v1/state-store-v1.js';
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
  SpanStoreStats,
  StoredLogRecord,
  StoredMetric,
  StoredSpan,
  WindowCounts,
  WindowSeries,
  WindowStats,
} from './store/index.js';
export { InMemoryBackend } from './store/index.js';
export { clipText } from './text/clip-text.js';
export { formatMeasuredValue } from './text/format-measured-value.js';
export { formatUtcTime } from './text/format-utc-time.js';
export { safeHttpUrl } from './text/safe-http-url.js';
export type { CodeErrorType } from './traced/error-type-of.js';
export { errorTypeOf } from './traced/error-type-of.js';
export {
  ATTR_CODE_FUNCTION_NAME,
  FUNCTION_DURATION_BUCKETS,
  FUNCTION_DURATION_METRIC,
} from './traced/function-instruments.js';
export { measured, traced } from './traced/traced.js';
export type { MeasuredOptions, ObservedMethodDecorator, TracedOptions } from './traced/traced-options.js';
export { VERSION } from './version.js';
