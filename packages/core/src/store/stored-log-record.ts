import { hrTimeToMilliseconds } from '@opentelemetry/core';
import type { ReadableLogRecord } from '@opentelemetry/sdk-logs';
import { bodyToString, type PlainAttributes, toPlainAttributes } from './to-plain-value.js';

/** An emitted log record as compact plain data, detached from the SDK object. */
export interface StoredLogRecord {
  /** When the event happened (or, without a timestamp, when it was observed), in epoch milliseconds. */
  readonly timeMs: number;
  /** Level as text, e.g. `INFO`; `''` when none was given. */
  readonly severityText: string;
  /** OTel severity number (1–24); 0 (unspecified) when none was given. */
  readonly severityNumber: number;
  /** The body as one string: strings as is, structured bodies as JSON. */
  readonly body: string;
  /** Record attributes, copied. */
  readonly attributes: PlainAttributes;
  /** Trace of the span active when the record was emitted, if any. */
  readonly traceId?: string;
  /** Span active when the record was emitted, if any. */
  readonly spanId?: string;
}

/** Maps an SDK log record to a {@link StoredLogRecord}. Pure: copies everything it keeps. */
export function toStoredLogRecord(record: ReadableLogRecord): StoredLogRecord {
  const context = record.spanContext;
  return {
    timeMs: hrTimeToMilliseconds(record.hrTime),
    severityText: record.severityText ?? '',
    severityNumber: record.severityNumber ?? 0,
    body: bodyToString(record.body),
    attributes: toPlainAttributes(record.attributes),
    ...(context === undefined ? {} : { traceId: context.traceId, spanId: context.spanId }),
  };
}
