import { redactText, redactValue } from '@mcp-o11y/core';
import type { SentryBreadcrumb } from './convert-to-error-event.js';
import type { SentryLogLevel } from './sentry-options.js';

/** What the log processor keeps of one record: copied at emit time, converted only when needed. */
export interface HeldLogRecord {
  /** Seconds since the epoch. */
  readonly timestamp: number;
  readonly severityNumber: number;
  readonly body: string;
  readonly attributes: Readonly<Record<string, unknown>>;
  readonly traceId: string | undefined;
  readonly spanId: string | undefined;
}

/** Sentry log item (`log` container, `application/vnd.sentry.items.log+json`). */
export interface SentryLogItem {
  timestamp: number;
  level: string;
  body: string;
  severity_number: number;
  trace_id?: string;
  attributes: Record<string, { value: unknown; type: string }>;
}

/** The core logger's level of an OpenTelemetry severity number (core emits 5, 9, 13, 17, 21). */
export function levelOfSeverity(severityNumber: number): SentryLogLevel | 'trace' {
  if (severityNumber >= 21) return 'fatal';
  if (severityNumber >= 17) return 'error';
  if (severityNumber >= 13) return 'warn';
  if (severityNumber >= 9) return 'info';
  if (severityNumber >= 5) return 'debug';
  return 'trace';
}

/** The lowest severity number of a level. */
export const severityOfLevel: Readonly<Record<SentryLogLevel, number>> = {
  debug: 5,
  info: 9,
  warn: 13,
  error: 17,
  fatal: 21,
};

const breadcrumbLevels: Readonly<Record<string, string>> = {
  trace: 'debug',
  debug: 'debug',
  info: 'info',
  warn: 'warning',
  error: 'error',
  fatal: 'fatal',
};

/** A breadcrumb (category `log`) from a held record; fields redacted again, since any OTel logger may emit. Pure. */
export function convertToBreadcrumb(record: HeldLogRecord): SentryBreadcrumb {
  const level = levelOfSeverity(record.severityNumber);
  const breadcrumb: SentryBreadcrumb = {
    timestamp: record.timestamp,
    level: breadcrumbLevels[level] ?? 'info',
    category: 'log',
    message: redactText(record.body),
  };
  if (Object.keys(record.attributes).length > 0)
    breadcrumb.data = redactValue(record.attributes) as Record<string, unknown>;
  return breadcrumb;
}

function typedValue(value: unknown): { value: unknown; type: string } {
  if (typeof value === 'string') return { value, type: 'string' };
  if (typeof value === 'boolean') return { value, type: 'boolean' };
  if (typeof value === 'number' && !Number.isNaN(value))
    return { value, type: Number.isInteger(value) ? 'integer' : 'double' };
  let text = '';
  try {
    text = JSON.stringify(value) ?? '';
  } catch {
    text = '[Unserializable]';
  }
  return { value: text, type: 'string' };
}

/** A Sentry log item from a held record, with typed, redacted attributes. Pure. */
export function convertToLogItem(
  record: HeldLogRecord,
  common: { readonly environment: string; readonly release: string | undefined },
): SentryLogItem {
  const attributes: Record<string, { value: unknown; type: string }> = {};
  const redacted = redactValue(record.attributes) as Record<string, unknown>;
  for (const [key, value] of Object.entries(redacted)) {
    if (value !== undefined && value !== null) attributes[key] = typedValue(value);
  }
  attributes['sentry.environment'] = { value: common.environment, type: 'string' };
  if (common.release !== undefined) attributes['sentry.release'] = { value: common.release, type: 'string' };
  if (record.spanId !== undefined)
    attributes['sentry.trace.parent_span_id'] = { value: record.spanId, type: 'string' };
  const item: SentryLogItem = {
    timestamp: record.timestamp,
    level: levelOfSeverity(record.severityNumber),
    body: redactText(record.body),
    severity_number: record.severityNumber,
    attributes,
  };
  if (record.traceId !== undefined) item.trace_id = record.traceId;
  return item;
}
