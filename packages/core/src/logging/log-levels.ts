import { SeverityNumber } from '@opentelemetry/api';
import type { LogLevelV1 } from '../spec/logs/v1/log-record-v1.js';

/** Numeric order of levels; the same numbers pino uses, so thresholds compare the same way. */
export const logLevelValues: Readonly<Record<LogLevelV1, number>> = {
  debug: 20,
  info: 30,
  warn: 40,
  error: 50,
  fatal: 60,
};

/** OpenTelemetry severity of each level (the first number of each severity range). */
export const logLevelSeverities: Readonly<Record<LogLevelV1, SeverityNumber>> = {
  debug: SeverityNumber.DEBUG,
  info: SeverityNumber.INFO,
  warn: SeverityNumber.WARN,
  error: SeverityNumber.ERROR,
  fatal: SeverityNumber.FATAL,
};

export function isLogLevel(value: string | undefined): value is LogLevelV1 {
  return value !== undefined && Object.hasOwn(logLevelValues, value);
}
