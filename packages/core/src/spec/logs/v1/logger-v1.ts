import type { LogLevelV1 } from './log-record-v1.js';

/**
 * The structured logger on the observability handle. It writes JSON lines to stderr (never stdout: in
 * stdio mode stdout is the protocol) and sends the same records to every log-capable adapter.
 */
export interface LoggerV1 {
  /** Records at `debug`. `fields` may hold an `err` (an Error) that becomes the record's exception. */
  debug(message: string, fields?: Record<string, unknown>): void;
  /** Records at `info`. */
  info(message: string, fields?: Record<string, unknown>): void;
  /** Records at `warn`. */
  warn(message: string, fields?: Record<string, unknown>): void;
  /** Records at `error`. */
  error(message: string, fields?: Record<string, unknown>): void;
  /** Records at `fatal`. */
  fatal(message: string, fields?: Record<string, unknown>): void;
  /** A logger whose records all carry `bindings` as fields. */
  child(bindings: Record<string, unknown>): LoggerV1;
  /** Whether a record at `level` would be written anywhere; use it to skip building costly fields. */
  isLevelEnabled(level: LogLevelV1): boolean;
}
