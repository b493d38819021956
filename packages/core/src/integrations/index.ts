export { CircuitOpenError } from './circuit-open-error.js';
export { classifyIntegrationError, httpStatusOf, isCallerFault } from './classify-integration-error.js';
export { createIntegration } from './create-integration.js';
export {
  type DescribedStatement,
  describeStatement,
  STATEMENT_HASH_ATTRIBUTE,
  statementHash,
} from './describe-statement.js';
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
export { dialectOfSystem, normalizeStatement, type StatementDialect } from './normalize-statement.js';
export {
  type ObservedPool,
  type ObservePoolOptions,
  observePool,
  type PoolReading,
  readPoolStatistics,
} from './observe-pool.js';
export { DEFAULT_CIRCUIT_BREAKER, DEFAULT_RETRY } from './resolve-integration-settings.js';
export { DEFAULT_STATEMENT_MAX_LENGTH, type StatementOptions } from './statement-options.js';
