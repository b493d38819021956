export { builtInHealthChecks, stateDirectoryOf } from './built-in-health-checks.js';
export { adapterExportCheck } from './checks/adapter-export-check.js';
export { circuitBreakerCheck } from './checks/circuit-breaker-check.js';
export { configurationCheck } from './checks/configuration-check.js';
export { diskSpaceCheck } from './checks/disk-space-check.js';
export { eventLoopDelayCheck } from './checks/event-loop-delay-check.js';
export { memoryCheck, memoryLimitBytes } from './checks/memory-check.js';
export { notifierDeliveryCheck } from './checks/notifier-delivery-check.js';
export { createHealthFetchHandler } from './create-health-fetch-handler.js';
export { createHealthHandler, type HealthRequestHandler } from './create-health-handler.js';
export type { HealthEndpointSource, HealthHandlerOptions } from './health-endpoint.js';
export type {
  HealthCheckInput,
  HealthCheckOutcome,
  HealthOptions,
  HealthReport,
  ObservabilityHealth,
} from './health-options.js';
export { DEFAULT_HEALTH_CACHE_TTL_MS, DEFAULT_HEALTH_TIMEOUT_MS } from './health-options.js';
export { createHealthRunner, type HealthRunner, type HealthRunnerOptions } from './health-runner.js';
export {
  HEALTH_JSON_CONTENT_TYPE,
  type HealthJson,
  type HealthJsonCheck,
  toHealthJson,
} from './to-health-json.js';
