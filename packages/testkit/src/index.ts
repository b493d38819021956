export {
  checkAdapterContributions,
  checkAdapterDescriptor,
  checkAdapterImportIsQuiet,
  checkAdapterNoStdout,
  checkAdapterReadsContextEnv,
  checkAdapterShutdownTwice,
} from './adapter-checks.js';
export type {
  AdapterCapabilities,
  AdapterConformanceOptions,
  AdapterReceivers,
  BoundAdapterConformanceOptions,
  DescriptorConformanceOptions,
} from './adapter-conformance-options.js';
export { checkAdapterThroughObservability } from './adapter-pipeline-check.js';
export {
  checkAdapterHealthChecksSettle,
  checkAdapterLogs,
  checkAdapterMetrics,
  checkAdapterTraces,
} from './adapter-signal-checks.js';
export { type CanonicalNotificationName, canonicalNotifications } from './canonical-notifications.js';
export {
  type CaptureBody,
  type CapturedRequest,
  type CaptureFetch,
  type CaptureHang,
  type CaptureHttpResponse,
  type CaptureRefuse,
  type CaptureScript,
  type CaptureStep,
  createCaptureFetch,
} from './capture-fetch.js';
export { type CaptureStdoutOptions, captureStdout, type StdoutCapture } from './capture-stdout.js';
export { ConformanceError } from './conformance-error.js';
export {
  createAdapterContext,
  createRecordingLogger,
  type RecordedLog,
  type RecordingLogger,
  type TestAdapterContext,
} from './create-adapter-context.js';
export { describeAdapterConformance } from './describe-adapter-conformance.js';
export { describeHealthCheckConformance } from './describe-health-check-conformance.js';
export { describeNotifierConformance } from './describe-notifier-conformance.js';
export {
  checkHealthCheckAbort,
  checkHealthCheckResult,
  checkHealthCheckSpecification,
  checkHealthCheckUnreachable,
  type HealthCheckCapabilities,
  type HealthCheckConformanceOptions,
} from './health-check-checks.js';
export {
  type HttpReceiver,
  type HttpReceiverOptions,
  type ReceivedRequest,
  type ReceiverHandler,
  type ReceiverResponse,
  startHttpReceiver,
} from './http-receiver.js';
export type { RoundTrip } from './mcp-round-trip.js';
export { mcpRoundTrip } from './mcp-round-trip.js';
export {
  captureCanonicalRequests,
  checkNotifierAbort,
  checkNotifierCanonicalFixtures,
  checkNotifierClientErrors,
  checkNotifierConnectionRefused,
  checkNotifierDelivers,
  checkNotifierNoStdout,
  checkNotifierRetryAfter,
  checkNotifierServerErrors,
  checkNotifierSpecification,
} from './notifier-checks.js';
export type { NotifierCapabilities, NotifierConformanceOptions } from './notifier-conformance-options.js';
export { checkNotifierSecrets } from './notifier-secrets-check.js';
