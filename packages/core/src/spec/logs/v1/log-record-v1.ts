/** Log severity names, lowest first. They map onto OpenTelemetry severity numbers 5, 9, 13, 17 and 21. */
export type LogLevelV1 = 'debug' | 'info' | 'warn' | 'error' | 'fatal';

/** An exception attached to a log record, already reduced to plain data (never the live Error object). */
export interface LogExceptionV1 {
  /** The error's class name (`TypeError`), or `Error` when it has none. */
  readonly type: string;
  /** The error message; passed through redaction before export. */
  readonly message: string;
  /** The stack trace, when the error had one. */
  readonly stacktrace?: string;
}

/** One structured log record as every log-capable backend receives it. */
export interface LogRecordV1 {
  /** When the record was made, milliseconds since the Unix epoch. */
  readonly timestamp: number;
  /** Severity. */
  readonly level: LogLevelV1;
  /** The human message. */
  readonly body: string;
  /** Structured fields (low cardinality is not required here, unlike metrics). */
  readonly attributes: Readonly<Record<string, unknown>>;
  /** 32 hex characters when the record was made inside a sampled span. */
  readonly traceId?: string;
  /** 16 hex characters when the record was made inside a span. */
  readonly spanId?: string;
  /** The request's correlation id (from `X-Correlation-ID`, `_meta`, or generated). */
  readonly correlationId?: string;
  /** The exception this record reports, if any. */
  readonly exception?: LogExceptionV1;
}
