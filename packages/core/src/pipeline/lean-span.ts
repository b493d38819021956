import {
  type Attributes,
  type AttributeValue,
  diag,
  type Exception,
  type HrTime,
  type Link,
  type Span,
  type SpanAttributes,
  type SpanContext,
  type SpanKind,
  type SpanStatus,
  SpanStatusCode,
  type TimeInput,
} from '@opentelemetry/api';
import {
  AddAttributeDecision,
  cleanAttributes,
  cleanSimpleAttributes,
  type InstrumentationScope,
  isTimeInput,
  isTimeInputHrTime,
  maybeAddAttribute,
  millisToHrTime,
} from '@opentelemetry/core';
import type { Resource } from '@opentelemetry/resources';
import type { ReadableSpan, SpanLimits, SpanProcessor, TimedEvent } from '@opentelemetry/sdk-trace';

/** What every span of one lean tracer shares. */
export interface LeanSpanShared {
  readonly resource: Resource;
  readonly scope: InstrumentationScope;
  readonly limits: Required<SpanLimits>;
  readonly processors: readonly SpanProcessor[];
  /** Wall clock minus monotonic clock, shared by the tracer's spans; see {@link EpochOffset}. */
  readonly epoch: EpochOffset;
}

/**
 * Epoch ms minus `performance.now()`, read at most once a second: a span's wall-clock times are its
 * monotonic times plus this. Per span it was one more clock read (~45 ns on the benchmark VM); once a
 * second still follows the wall clock's adjustments (NTP slews by at most 0.5 ms a second).
 */
export interface EpochOffset {
  offsetMs: number;
  /** `performance.now()` when `offsetMs` was read; -Infinity before the first span. */
  readAtMs: number;
}

/** A fresh {@link EpochOffset}, read by the first span. */
export function newEpochOffset(): EpochOffset {
  return { offsetMs: 0, readAtMs: Number.NEGATIVE_INFINITY };
}

const EPOCH_REFRESH_MS = 1000;

const UNSET: SpanStatus = Object.freeze({ code: SpanStatusCode.UNSET });
const NOT_ENDED: HrTime = Object.freeze([0, 0]) as unknown as HrTime;

/**
 * A recording span for the spans the instrumentation makes itself, readable by every span processor and
 * exporter (it is an SDK `ReadableSpan`). Why not the SDK's span: its tracer checks and copies the start
 * attributes twice (before and after sampling) and its span once more; the instrumentation builds its
 * attributes itself, from checked primitives, so {@link LeanTracer} hands them over as they are. Everything
 * a caller can add later (attributes, events, links, exceptions) goes through the same checks and limits
 * as in the SDK's span, with the same helpers from `@opentelemetry/core`.
 */
export class LeanSpan implements Span, ReadableSpan {
  readonly kind: SpanKind;
  readonly parentSpanContext: SpanContext | undefined;
  readonly startTime: HrTime;
  readonly attributes: Attributes;
  readonly links: Link[];
  readonly events: TimedEvent[] = [];
  name: string;
  status: SpanStatus = UNSET;
  endTime: HrTime = NOT_ENDED;
  duration: HrTime = NOT_ENDED;
  ended = false;
  droppedAttributesCount = 0;
  droppedEventsCount = 0;
  droppedLinksCount = 0;
  readonly #spanContext: SpanContext;
  readonly #shared: LeanSpanShared;
  /** `performance.now()` at the start: the end time and duration come from the monotonic clock. */
  readonly startMonotonicMs: number;
  /** Wall-clock epoch ms minus `performance.now()` at the start, so long-lived processes do not drift. */
  readonly #epochOffsetMs: number;
  #attributeCount: number;

  constructor(
    shared: LeanSpanShared,
    name: string,
    kind: SpanKind,
    spanContext: SpanContext,
    parentSpanContext: SpanContext | undefined,
    attributes: Attributes,
    attributeCount: number,
    links: Link[],
  ) {
    this.#shared = shared;
    this.name = name;
    this.kind = kind;
    this.#spanContext = spanContext;
    this.parentSpanContext = parentSpanContext;
    this.attributes = attributes;
    this.#attributeCount = attributeCount;
    this.links = links;
    const startMs = performance.now();
    this.startMonotonicMs = startMs;
    const epoch = shared.epoch;
    if (startMs - epoch.readAtMs >= EPOCH_REFRESH_MS) {
      epoch.offsetMs = Date.now() - startMs;
      epoch.readAtMs = startMs;
    }
    this.#epochOffsetMs = epoch.offsetMs;
    this.startTime = millisToHrTime(startMs + this.#epochOffsetMs);
  }

  get resource(): Resource {
    return this.#shared.resource;
  }

  get instrumentationScope(): InstrumentationScope {
    return this.#shared.scope;
  }

  spanContext(): SpanContext {
    return this.#spanContext;
  }

  isRecording(): boolean {
    return !this.ended;
  }

  setAttribute(key: string, value: SpanAttributes[string] | AttributeValue): this {
    if (this.#endedWarning()) return this;
    const decision = maybeAddAttribute({
      key,
      value,
      attributes: this.attributes,
      limits: this.#shared.limits,
      currentAttributesCount: this.#attributeCount,
    });
    if (decision === AddAttributeDecision.DROP_LIMIT_REACHED) this.droppedAttributesCount++;
    else if (decision === AddAttributeDecision.ADD_NEW) this.#attributeCount++;
    return this;
  }

  setAttributes(attributes: SpanAttributes): this {
    for (const key in attributes) {
      if (Object.hasOwn(attributes, key)) this.setAttribute(key, attributes[key] as AttributeValue);
    }
    return this;
  }

  addEvent(name: string, attributesOrTime?: SpanAttributes | TimeInput, time?: TimeInput): this {
    if (this.#endedWarning()) return this;
    const limits = this.#shared.limits;
    if (limits.eventCountLimit === 0) {
      this.droppedEventsCount++;
      return this;
    }
    if (this.events.length >= limits.eventCountLimit) {
      this.events.shift();
      this.droppedEventsCount++;
    }
    let attributes = attributesOrTime as SpanAttributes | undefined;
    if (isTimeInput(attributesOrTime)) {
      if (!isTimeInput(time)) time = attributesOrTime;
      attributes = undefined;
    }
    this.events.push({
      name,
      time: this.#timeOf(time),
      ...cleanSimpleAttributes(attributes, {
        attributeCountLimit: limits.attributePerEventCountLimit,
        attributeValueLengthLimit: limits.attributeValueLengthLimit,
      }),
    });
    return this;
  }

  addLink(link: Link): this {
    if (this.#endedWarning()) return this;
    const limits = this.#shared.limits;
    if (limits.linkCountLimit === 0) {
      this.droppedLinksCount++;
      return this;
    }
    if (this.links.length >= limits.linkCountLimit) {
      this.links.shift();
      this.droppedLinksCount++;
    }
    this.links.push(cleanLink(link, limits));
    return this;
  }

  addLinks(links: Link[]): this {
    for (const link of links) this.addLink(link);
    return this;
  }

  setStatus(status: SpanStatus): this {
    if (this.#endedWarning()) return this;
    // As the SDK: UNSET never overrides, and OK is final.
    if (status.code === SpanStatusCode.UNSET || this.status.code === SpanStatusCode.OK) return this;
    this.status =
      status.code === SpanStatusCode.ERROR && typeof status.message === 'string'
        ? { code: status.code, message: status.message }
        : { code: status.code };
    return this;
  }

  updateName(name: string): this {
    if (!this.#endedWarning()) this.name = name;
    return this;
  }

  recordException(exception: Exception, time?: TimeInput): void {
    const attributes: SpanAttributes = {};
    if (typeof exception === 'string') {
      attributes['exception.message'] = exception;
    } else if (exception) {
      if (exception.code) attributes['exception.type'] = exception.code.toString();
      else if (exception.name) attributes['exception.type'] = exception.name;
      if (exception.message) attributes['exception.message'] = exception.message;
      if (exception.stack) attributes['exception.stacktrace'] = exception.stack;
    }
    if (attributes['exception.type'] || attributes['exception.message']) {
      this.addEvent('exception', attributes, time);
    }
  }

  end(endTime?: TimeInput): void {
    if (endTime === undefined) {
      this.endAtMonotonic(performance.now());
      return;
    }
    if (this.ended) {
      diag.error(`${this.name} ${this.#spanContext.spanId}: end() called on an ended span`);
      return;
    }
    this.endTime = this.#timeOf(endTime);
    const nanos = (this.endTime[0] - this.startTime[0]) * 1e9 + (this.endTime[1] - this.startTime[1]);
    if (nanos < 0) this.endTime = this.startTime;
    this.duration = nanos < 0 ? [0, 0] : [Math.trunc(nanos / 1e9), nanos % 1e9];
    this.#finish();
  }

  /**
   * Ends the span at `nowMs`, a `performance.now()` reading the caller already took (the request path
   * reads the clock once for the duration metric and the span).
   */
  endAtMonotonic(nowMs: number): void {
    if (this.ended) {
      diag.error(`${this.name} ${this.#spanContext.spanId}: end() called on an ended span`);
      return;
    }
    this.endTime = millisToHrTime(nowMs + this.#epochOffsetMs);
    this.duration = millisToHrTime(Math.max(0, nowMs - this.startMonotonicMs));
    this.#finish();
  }

  #finish(): void {
    const processors = this.#shared.processors;
    for (const processor of processors) processor.onEnding?.(this as never);
    this.ended = true;
    for (const processor of processors) processor.onEnd(this);
  }

  /** A caller's time as the SDK reads it: a `performance.now()` value, epoch ms, a Date or an HrTime. */
  #timeOf(input: TimeInput | undefined): HrTime {
    if (input === undefined) return millisToHrTime(performance.now() + this.#epochOffsetMs);
    if (typeof input === 'number') {
      return millisToHrTime(input <= performance.now() ? input + this.#epochOffsetMs : input);
    }
    if (input instanceof Date) return millisToHrTime(input.getTime());
    if (isTimeInputHrTime(input)) return input;
    return millisToHrTime(Date.now());
  }

  #endedWarning(): boolean {
    if (this.ended) diag.warn(`operation on the ended span ${this.name} ${this.#spanContext.spanId}`);
    return this.ended;
  }
}

/** A link with its attributes checked and limited as the SDK does. */
export function cleanLink(link: Link, limits: Required<SpanLimits>): Link {
  if (link.attributes === undefined) return { context: link.context };
  return {
    context: link.context,
    ...cleanAttributes(link.attributes, {
      attributeCountLimit: limits.attributePerLinkCountLimit,
      attributeValueLengthLimit: limits.attributeValueLengthLimit,
    }),
  };
}
