import { type Attributes, type HrTime, SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { hrTimeToMilliseconds, millisToHrTime } from '@opentelemetry/core';
import type { ReadableLogRecord, ReadWriteLogRecord } from '@opentelemetry/sdk-logs';
import type { ReadableSpan, TimedEvent } from '@opentelemetry/sdk-trace';
import type {
  TelemetryLogV1,
  TelemetrySpanEventV1,
  TelemetrySpanV1,
} from '../spec/privacy/v1/telemetry-event-v1.js';

const spanKinds: Readonly<Record<SpanKind, TelemetrySpanV1['spanKind']>> = {
  [SpanKind.INTERNAL]: 'internal',
  [SpanKind.SERVER]: 'server',
  [SpanKind.CLIENT]: 'client',
  [SpanKind.PRODUCER]: 'producer',
  [SpanKind.CONSUMER]: 'consumer',
};

const statuses: Readonly<Record<SpanStatusCode, TelemetrySpanV1['status']>> = {
  [SpanStatusCode.UNSET]: 'unset',
  [SpanStatusCode.OK]: 'ok',
  [SpanStatusCode.ERROR]: 'error',
};

/** A copy the hook may mutate without reaching the SDK object: arrays are copied too. */
function copyAttributes(attributes: Attributes): Attributes {
  const copy: Attributes = {};
  for (const key of Object.keys(attributes)) {
    const value = attributes[key];
    copy[key] = Array.isArray(value) ? [...value] : value;
  }
  return copy;
}

/**
 * The plain-data event the hook sees for an ended span, and the SDK events its event copies came from
 * (so an event returned as is keeps its exact time).
 */
export function toTelemetrySpan(span: ReadableSpan): {
  event: TelemetrySpanV1;
  sources: Map<TelemetrySpanEventV1, TimedEvent>;
} {
  const context = span.spanContext();
  const sources = new Map<TelemetrySpanEventV1, TimedEvent>();
  const events = span.events.map((timed) => {
    const copy: TelemetrySpanEventV1 = {
      name: timed.name,
      timeMs: hrTimeToMilliseconds(timed.time),
      attributes: copyAttributes(timed.attributes ?? {}),
    };
    sources.set(copy, timed);
    return copy;
  });
  const parentSpanId = span.parentSpanContext?.spanId;
  const event: TelemetrySpanV1 = {
    kind: 'span',
    name: span.name,
    spanKind: spanKinds[span.kind] ?? 'internal',
    traceId: context.traceId,
    spanId: context.spanId,
    ...(parentSpanId === undefined ? {} : { parentSpanId }),
    startTimeMs: hrTimeToMilliseconds(span.startTime),
    durationMs: hrTimeToMilliseconds(span.duration),
    status: statuses[span.status.code] ?? 'unset',
    ...(span.status.message === undefined ? {} : { statusMessage: span.status.message }),
    attributes: copyAttributes(span.attributes),
    events,
  };
  return { event, sources };
}

/** A read-only span that is `span` with the changeable parts of `event` applied. */
export function toRedactedSpan(
  span: ReadableSpan,
  event: TelemetrySpanV1,
  sources: ReadonlyMap<TelemetrySpanEventV1, TimedEvent>,
): ReadableSpan {
  const context = span.spanContext();
  const events = event.events.map((item): TimedEvent => {
    const time: HrTime = sources.get(item)?.time ?? millisToHrTime(item.timeMs);
    return { name: item.name, time, attributes: copyAttributes(item.attributes), droppedAttributesCount: 0 };
  });
  const status =
    event.statusMessage === undefined
      ? { code: span.status.code }
      : { code: span.status.code, message: event.statusMessage };
  return {
    name: event.name,
    kind: span.kind,
    spanContext: () => context,
    ...(span.parentSpanContext === undefined ? {} : { parentSpanContext: span.parentSpanContext }),
    startTime: span.startTime,
    endTime: span.endTime,
    status,
    attributes: copyAttributes(event.attributes),
    links: span.links,
    events,
    duration: span.duration,
    ended: span.ended,
    resource: span.resource,
    instrumentationScope: span.instrumentationScope,
    droppedAttributesCount: span.droppedAttributesCount,
    droppedEventsCount: span.droppedEventsCount + Math.max(0, span.events.length - events.length),
    droppedLinksCount: span.droppedLinksCount,
  };
}

/** The plain-data event the hook sees for an emitted log record. */
export function toTelemetryLog(record: ReadableLogRecord): TelemetryLogV1 {
  const context = record.spanContext;
  return {
    kind: 'log',
    body: record.body,
    attributes: { ...record.attributes },
    ...(record.severityText === undefined ? {} : { severityText: record.severityText }),
    ...(record.severityNumber === undefined ? {} : { severityNumber: record.severityNumber }),
    timeMs: hrTimeToMilliseconds(record.hrTime),
    ...(context === undefined ? {} : { traceId: context.traceId, spanId: context.spanId }),
  };
}

/**
 * `record` with the changeable parts of the hook's result applied. Still writable while the processors
 * after the hook run, as the SDK allows during `onEmit`.
 */
export class RedactedLogRecord implements ReadWriteLogRecord {
  hrTime: HrTime;
  hrTimeObserved: HrTime;
  spanContext: ReadWriteLogRecord['spanContext'];
  readonly resource: ReadWriteLogRecord['resource'];
  readonly instrumentationScope: ReadWriteLogRecord['instrumentationScope'];
  readonly attributes: Attributes;
  severityText: string | undefined;
  severityNumber: ReadWriteLogRecord['severityNumber'];
  body: unknown;
  eventName: string | undefined;
  droppedAttributesCount: number;

  constructor(record: ReadWriteLogRecord, event: TelemetryLogV1) {
    this.hrTime = record.hrTime;
    this.hrTimeObserved = record.hrTimeObserved;
    this.spanContext = record.spanContext;
    this.resource = record.resource;
    this.instrumentationScope = record.instrumentationScope;
    this.attributes = { ...event.attributes };
    this.severityText = event.severityText;
    this.severityNumber = event.severityNumber;
    this.body = event.body;
    this.eventName = record.eventName;
    this.droppedAttributesCount = record.droppedAttributesCount;
  }

  setAttribute(key: string, value?: unknown): this {
    (this.attributes as Record<string, unknown>)[key] = value;
    return this;
  }
  setAttributes(attributes: Attributes): this {
    Object.assign(this.attributes, attributes);
    return this;
  }
  setBody(body: unknown): this {
    this.body = body;
    return this;
  }
  setEventName(eventName: string): this {
    this.eventName = eventName;
    return this;
  }
  setSeverityNumber(severityNumber: NonNullable<ReadWriteLogRecord['severityNumber']>): this {
    this.severityNumber = severityNumber;
    return this;
  }
  setSeverityText(severityText: string): this {
    this.severityText = severityText;
    return this;
  }
}
