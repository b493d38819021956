import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { hrTimeToMilliseconds } from '@opentelemetry/core';
import type { ReadableSpan } from '@opentelemetry/sdk-trace';
import { type PlainAttributes, toPlainAttributes } from './to-plain-value.js';

/** Span kind, lower-case as in OTLP JSON without the prefix. */
export type StoredSpanKind = 'internal' | 'server' | 'client' | 'producer' | 'consumer';

/** Span status code, lower-case. */
export type StoredSpanStatus = 'unset' | 'ok' | 'error';

/** A span event as plain data. */
export interface StoredSpanEvent {
  /** Event name, e.g. `exception`. */
  readonly name: string;
  /** When it happened, in epoch milliseconds (fractional). */
  readonly timeMs: number;
  /** Event attributes, copied. */
  readonly attributes: PlainAttributes;
}

/** The span context a span links to. */
export interface StoredSpanLink {
  /** 32 lower-case hex characters. */
  readonly traceId: string;
  /** 16 lower-case hex characters. */
  readonly spanId: string;
}

/** An ended span as compact plain data, detached from the SDK object. */
export interface StoredSpan {
  /** 32 lower-case hex characters. */
  readonly traceId: string;
  /** 16 lower-case hex characters. */
  readonly spanId: string;
  /** The parent's span id; absent for a root span. */
  readonly parentSpanId?: string;
  /** Span name. */
  readonly name: string;
  /** Span kind. */
  readonly kind: StoredSpanKind;
  /** Start, in epoch milliseconds (fractional). */
  readonly startTimeMs: number;
  /** Duration, in milliseconds (fractional). */
  readonly durationMs: number;
  /** Status code. */
  readonly status: StoredSpanStatus;
  /** Status description, when one was set. */
  readonly statusMessage?: string;
  /** Span attributes, copied. */
  readonly attributes: PlainAttributes;
  /** Events in the order they were added. */
  readonly events: readonly StoredSpanEvent[];
  /** Links in the order they were added. */
  readonly links: readonly StoredSpanLink[];
}

const KINDS: Readonly<Record<SpanKind, StoredSpanKind>> = {
  [SpanKind.INTERNAL]: 'internal',
  [SpanKind.SERVER]: 'server',
  [SpanKind.CLIENT]: 'client',
  [SpanKind.PRODUCER]: 'producer',
  [SpanKind.CONSUMER]: 'consumer',
};

const STATUSES: Readonly<Record<SpanStatusCode, StoredSpanStatus>> = {
  [SpanStatusCode.UNSET]: 'unset',
  [SpanStatusCode.OK]: 'ok',
  [SpanStatusCode.ERROR]: 'error',
};

/** Maps an ended SDK span to a {@link StoredSpan}. Pure: copies everything it keeps. */
export function toStoredSpan(span: ReadableSpan): StoredSpan {
  const context = span.spanContext();
  const parentSpanId = span.parentSpanContext?.spanId;
  const statusMessage = span.status.message;
  return {
    traceId: context.traceId,
    spanId: context.spanId,
    ...(parentSpanId === undefined ? {} : { parentSpanId }),
    name: span.name,
    kind: KINDS[span.kind] ?? 'internal',
    startTimeMs: hrTimeToMilliseconds(span.startTime),
    durationMs: hrTimeToMilliseconds(span.duration),
    status: STATUSES[span.status.code] ?? 'unset',
    ...(statusMessage === undefined || statusMessage === '' ? {} : { statusMessage }),
    attributes: toPlainAttributes(span.attributes),
    events: span.events.map((event) => ({
      name: event.name,
      timeMs: hrTimeToMilliseconds(event.time),
      attributes: toPlainAttributes(event.attributes),
    })),
    links: span.links.map((link) => ({ traceId: link.context.traceId, spanId: link.context.spanId })),
  };
}
