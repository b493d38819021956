export { CircuitOpenError } from './circuit-open-error.js';
export { classifyIntegrationError, httpStatusOf, isCallerFault } from './classify-integration-error.js';
export { createIntegration } from './create-integration.js';
export {
  CIRCUIT_BREAKER_STATE_VALUES,
  INTEGRATION_METRICS,
  INTEGRATION_SERIES,
} from './integration-instruments.js';
export type {
  CircuitBreakerState,
  Integration,
  IntegrationCircuitBreakerOptions,
  IntegrationErrorType,
  IntegrationExecuteOptions,
  IntegrationKind,
  IntegrationOptions,
  IntegrationRetryOptions,
} from './integration-options.js';
export { IntegrationTimeoutError } from './integration-timeout-error.js';
export { DEFAULT_CIRCUIT_BREAKER, DEFAULT_RETRY } from './resolve-integration-settings.js';
