import type { AnyValue, Attributes } from '@opentelemetry/api';

/** A span event (`exception`, progress, …) inside a {@link TelemetrySpanV1}. */
export interface TelemetrySpanEventV1 {
  /** Event name, e.g. `exception`. Changeable by the redact hook. */
  readonly name: string;
  /** When it happened, epoch milliseconds (fractional). Read-only. */
  readonly timeMs: number;
  /** Event attributes (a copy). Changeable by the redact hook. */
  readonly attributes: Attributes;
}

/**
 * An ended span as the redact hook sees it: plain data, copied from the SDK span. Only `name`,
 * `attributes`, `events` (names and attributes, kept or removed) and `statusMessage` of the returned event
 * are applied; ids, kind, times and status code cannot be changed.
 */
export interface TelemetrySpanV1 {
  /** Discriminant. */
  readonly kind: 'span';
  /** Span name, e.g. `tools/call get_weather`. Changeable. */
  readonly name: string;
  /** Span kind. Read-only. */
  readonly spanKind: 'internal' | 'server' | 'client' | 'producer' | 'consumer';
  /** 32 lower-case hex characters. Read-only. */
  readonly traceId: string;
  /** 16 lower-case hex characters. Read-only. */
  readonly spanId: string;
  /** The parent's span id; absent for a root span. Read-only. */
  readonly parentSpanId?: string;
  /** Start, epoch milliseconds (fractional). Read-only. */
  readonly startTimeMs: number;
  /** Duration, milliseconds (fractional). Read-only. */
  readonly durationMs: number;
  /** Status code. Read-only. */
  readonly status: 'unset' | 'ok' | 'error';
  /** Status description, e.g. an error message. Changeable; `undefined` removes it. */
  readonly statusMessage?: string;
  /** Span attributes (a copy; arrays copied too). Changeable. */
  readonly attributes: Attributes;
  /** Span events in order (copies). Changeable: rename, change attributes, or leave events out. */
  readonly events: readonly TelemetrySpanEventV1[];
}

/**
 * A log record as the redact hook sees it: plain data, copied from the SDK record. Only `body`,
 * `attributes`, `severityText` and `severityNumber` of the returned event are applied.
 */
export interface TelemetryLogV1 {
  /** Discriminant. */
  readonly kind: 'log';
  /** The log body (the message for records of the handle's logger). Changeable. */
  readonly body: AnyValue;
  /** Record attributes (a shallow copy). Changeable. */
  readonly attributes: Attributes;
  /** Level as text, e.g. `INFO`. Changeable. */
  readonly severityText?: string;
  /** OpenTelemetry severity number, 1–24. Changeable. */
  readonly severityNumber?: number;
  /** When the record was made, epoch milliseconds (fractional). Read-only. */
  readonly timeMs: number;
  /** Trace of the span active when the record was made. Read-only. */
  readonly traceId?: string;
  /** Span active when the record was made. Read-only. */
  readonly spanId?: string;
}

/** What the `redact` hook receives and returns: an ended span or an emitted log record. */
export type TelemetryEventV1 = TelemetrySpanV1 | TelemetryLogV1;

/**
 * Called once for every ended span and every log record, before any backend (the in-memory store
 * included) sees it. Return the event (the same object, changed or not, or a new one of the same
 * `kind`) to export it with the changes, or `null` to drop it everywhere. Runs on the request path:
 * keep it cheap and synchronous.
 *
 * A hook that throws (or returns something that is not an event of the same kind) drops the event —
 * it fails closed, since the hook may exist precisely to keep something out — and the failure is
 * reported once in the log and counted in `mcp_o11y.adapter.errors` with adapter `redact`. The caller
 * is never affected. Span processors still see the unredacted span in `onStart`; only what they
 * receive in `onEnd` (which is what exporters export) is redacted.
 */
export type RedactHookV1 = (event: TelemetryEventV1) => TelemetryEventV1 | null;
