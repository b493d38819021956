import type { Context } from '@opentelemetry/api';
import type { LogRecordProcessor, ReadWriteLogRecord } from '@opentelemetry/sdk-logs';
import type { ReadableSpan, Span, SpanProcessor } from '@opentelemetry/sdk-trace';
import type { RedactHookV1, TelemetryEventV1 } from '../spec/privacy/v1/telemetry-event-v1.js';
import {
  RedactedLogRecord,
  toRedactedSpan,
  toTelemetryLog,
  toTelemetrySpan,
} from './telemetry-event-views.js';

/** Receives a hook failure; the event is dropped either way. */
export type RedactHookFailure = (operation: 'onEnd' | 'onEmit', error: unknown) => void;

function checked<K extends TelemetryEventV1['kind']>(
  result: TelemetryEventV1 | null,
  kind: K,
): Extract<TelemetryEventV1, { kind: K }> | null {
  if (result === null) return null;
  if (typeof result !== 'object' || result?.kind !== kind) {
    throw new TypeError(
      `[@mcp-o11y/core] the redact hook must return the ${kind} event it was given (changed or not) or null, not ${
        result === undefined ? 'undefined' : typeof result
      }; the event was dropped.`,
    );
  }
  return result as Extract<TelemetryEventV1, { kind: K }>;
}

/**
 * Sits in front of every other span processor: in `onEnd` it shows the span to the hook and passes on
 * the redacted view, or nothing when the hook returns null or throws (fail closed).
 */
export class RedactingSpanProcessor implements SpanProcessor {
  readonly #processors: readonly SpanProcessor[];
  readonly #hook: RedactHookV1;
  readonly #failed: RedactHookFailure;

  constructor(processors: readonly SpanProcessor[], hook: RedactHookV1, failed: RedactHookFailure) {
    this.#processors = processors;
    this.#hook = hook;
    this.#failed = failed;
  }

  onStart(span: Span, parentContext: Context): void {
    for (const processor of this.#processors) processor.onStart(span, parentContext);
  }

  onEnding(span: Span): void {
    for (const processor of this.#processors) processor.onEnding?.(span);
  }

  onEnd(span: ReadableSpan): void {
    let redacted: ReadableSpan;
    try {
      const { event, sources } = toTelemetrySpan(span);
      const result = checked(this.#hook(event), 'span');
      if (result === null) return;
      redacted = toRedactedSpan(span, result, sources);
    } catch (error) {
      this.#failed('onEnd', error);
      return;
    }
    for (const processor of this.#processors) processor.onEnd(redacted);
  }

  async forceFlush(): Promise<void> {
    await Promise.all(this.#processors.map((processor) => processor.forceFlush()));
  }

  async shutdown(): Promise<void> {
    await Promise.all(this.#processors.map((processor) => processor.shutdown()));
  }
}

/** The log counterpart of {@link RedactingSpanProcessor}, applied in `onEmit`. */
export class RedactingLogRecordProcessor implements LogRecordProcessor {
  readonly #processors: readonly LogRecordProcessor[];
  readonly #hook: RedactHookV1;
  readonly #failed: RedactHookFailure;

  constructor(processors: readonly LogRecordProcessor[], hook: RedactHookV1, failed: RedactHookFailure) {
    this.#processors = processors;
    this.#hook = hook;
    this.#failed = failed;
  }

  onEmit(logRecord: ReadWriteLogRecord, context?: Context): void {
    let redacted: ReadWriteLogRecord;
    try {
      const result = checked(this.#hook(toTelemetryLog(logRecord)), 'log');
      if (result === null) return;
      redacted = new RedactedLogRecord(logRecord, result);
    } catch (error) {
      this.#failed('onEmit', error);
      return;
    }
    for (const processor of this.#processors) processor.onEmit(redacted, context);
  }

  async forceFlush(): Promise<void> {
    await Promise.all(this.#processors.map((processor) => processor.forceFlush()));
  }

  async shutdown(): Promise<void> {
    await Promise.all(this.#processors.map((processor) => processor.shutdown()));
  }
}
