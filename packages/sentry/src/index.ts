export {
  convertToBreadcrumb,
  convertToLogItem,
  type HeldLogRecord,
  levelOfSeverity,
  type SentryLogItem,
} from './convert-to-breadcrumb.js';
export {
  convertToErrorEvent,
  type ErrorEventInput,
  type ErrorKind,
  errorCategoryOf,
  errorKindOf,
  normaliseMessage,
  type SentryBreadcrumb,
  type SentryErrorEventJson,
  type SentryException,
} from './convert-to-error-event.js';
export {
  convertToTransaction,
  type EventCommon,
  groupIntoSegments,
  isTraceSampled,
  type SentrySpanJson,
  type SentryTransactionEvent,
  type SourceSpan,
} from './convert-to-transaction.js';
export { type ErrorDropReason, ErrorFilter, type ErrorFilterOptions } from './error-filter.js';
export { adapter, sentry } from './sentry-adapter.js';
export {
  type ResolvedSentryOptions,
  resolveSentryOptions,
  type SentryErrorEvent,
  type SentryLogLevel,
  type SentryOptions,
  type SentryRateLimit,
  sentryOptionsSchema,
} from './sentry-options.js';
