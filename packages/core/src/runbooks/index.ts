export {
  DEFAULT_RUNBOOKS,
  DEPENDENCY_FAILURE_RUNBOOK,
  HIGH_ERROR_RATE_RUNBOOK,
  SLOW_PERFORMANCE_RUNBOOK,
} from './default-runbooks.js';
export { type LoadRunbooksOptions, loadRunbooks, parseRunbooks } from './load-runbooks.js';
export {
  createRunbookCatalog,
  loadRunbookCatalog,
  type ObservabilityRunbooks,
  type RunbooksOptions,
  withRunbookLinks,
} from './runbook-catalog.js';
export {
  RUNBOOK_ID_PATTERN,
  type Runbook,
  type RunbookEscalation,
  type RunbookStep,
  runbookSchema,
  runbooksFileSchema,
} from './runbook-schema.js';
export { runbookUrl } from './runbook-url.js';
