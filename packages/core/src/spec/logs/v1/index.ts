export type { LogExceptionV1, LogLevelV1, LogRecordV1 } from './log-record-v1.js';
export type { LoggerV1 } from './logger-v1.js';
export type { LogsContributionV1 } from './logs-contribution-v1.js';
