import type { Logger, LogRecord } from '@opentelemetry/api';

/**
 * Adapters receive a logger before the logger provider exists (their own contributions build it), so
 * the handle's logger first writes to stderr only and starts feeding backends once `target` is set.
 */
export class DeferredOtelLogger implements Logger {
  target: Logger | undefined;

  emit(logRecord: LogRecord): void {
    this.target?.emit(logRecord);
  }

  enabled(): boolean {
    return this.target !== undefined;
  }
}
