import {
  type Attributes,
  type Context,
  context as contextApi,
  INVALID_SPAN_CONTEXT,
  type Link,
  SamplingDecision,
  type Span,
  type SpanKind,
  type SpanOptions,
  TraceFlags,
  type Tracer,
  trace,
} from '@opentelemetry/api';
import { cleanAttributes, type InstrumentationScope, isTracingSuppressed } from '@opentelemetry/core';
import type { Resource } from '@opentelemetry/resources';
import type { IdGenerator, Sampler, SpanLimits, SpanProcessor } from '@opentelemetry/sdk-trace';
import { cleanLink, LeanSpan, type LeanSpanShared, newEpochOffset } from './lean-span.js';

/** The SDK's default span limits, given to its `TracerProvider` too, so both kinds of span agree. */
export const SPAN_LIMITS: Required<SpanLimits> = Object.freeze({
  attributeCountLimit: 128,
  attributeValueLengthLimit: Number.POSITIVE_INFINITY,
  eventCountLimit: 128,
  linkCountLimit: 128,
  attributePerEventCountLimit: 128,
  attributePerLinkCountLimit: 128,
});

/** What the lean path needs from the pipeline: the same parts the SDK's `TracerProvider` is built from. */
export interface LeanTracerParts {
  readonly sdkTracer: Tracer;
  readonly resource: Resource;
  readonly scope: InstrumentationScope;
  readonly sampler: Sampler;
  readonly idGenerator: IdGenerator;
  readonly processors: readonly SpanProcessor[];
}

const NO_LINKS: readonly Link[] = Object.freeze([]);

/**
 * The pipeline's tracer. Spans users start (`startSpan`, `startActiveSpan`) are the SDK's, with every check
 * the SDK makes. The instrumentation's own request spans take {@link startTrustedSpan}: same sampler, ids,
 * resource, scope and processors, and the same span limits, but the start attributes are used as given,
 * because the instrumentation built them from primitives it checked. On the request path that is the
 * difference between about 0.5 µs and 2.4 µs per span (bench/README.md).
 */
export class LeanTracer implements Tracer {
  readonly #sdk: Tracer;
  readonly #shared: LeanSpanShared;
  readonly #sampler: Sampler;
  readonly #ids: IdGenerator;

  constructor(parts: LeanTracerParts) {
    this.#sdk = parts.sdkTracer;
    this.#sampler = parts.sampler;
    this.#ids = parts.idGenerator;
    this.#shared = {
      resource: parts.resource,
      scope: parts.scope,
      limits: SPAN_LIMITS,
      processors: parts.processors,
      epoch: newEpochOffset(),
    };
  }

  startSpan(name: string, options?: SpanOptions, context?: Context): Span {
    return this.#sdk.startSpan(name, options, context);
  }

  startActiveSpan: Tracer['startActiveSpan'] = ((...args: unknown[]) =>
    (this.#sdk.startActiveSpan as (...rest: unknown[]) => unknown)(...args)) as Tracer['startActiveSpan'];

  /**
   * Starts a span whose `attributes` the caller owns and hands over: a fresh object of string, number or
   * boolean values (undefined values are skipped). Sampling, parenting and processors are the SDK's.
   */
  startTrustedSpan(
    name: string,
    kind: SpanKind,
    attributes: Attributes,
    parent: Context,
    links: readonly Link[] = NO_LINKS,
  ): Span {
    if (isTracingSuppressed(parent)) return trace.wrapSpanContext(INVALID_SPAN_CONTEXT);
    const parentContext = trace.getSpan(parent)?.spanContext();
    const validParent =
      parentContext !== undefined && trace.isSpanContextValid(parentContext) ? parentContext : undefined;
    const traceId = validParent?.traceId ?? this.#ids.generateTraceId();
    const spanId = this.#ids.generateSpanId();
    const limits = this.#shared.limits;
    let count = 0;
    for (const key in attributes) {
      if (attributes[key] === undefined) delete attributes[key];
      else count++;
    }
    const ownLinks = links.length === 0 ? [] : links.map((link) => cleanLink(link, limits));
    const result = this.#sampler.shouldSample(parent, traceId, name, kind, attributes, ownLinks);
    const spanContext = {
      traceId,
      spanId,
      traceFlags:
        result.decision === SamplingDecision.RECORD_AND_SAMPLED ? TraceFlags.SAMPLED : TraceFlags.NONE,
      traceState: result.traceState ?? validParent?.traceState,
    };
    if (result.decision === SamplingDecision.NOT_RECORD) return trace.wrapSpanContext(spanContext);
    let dropped = 0;
    let own = attributes;
    if (result.attributes !== undefined) {
      Object.assign(own, result.attributes);
      count = Object.keys(own).length;
    }
    // Past a limit (only with unusual limits or sampler attributes) the SDK's checks decide, as for any span.
    if (count > limits.attributeCountLimit || limits.attributeValueLengthLimit !== Number.POSITIVE_INFINITY) {
      const cleaned = cleanAttributes(own, limits);
      own = cleaned.attributes ?? {};
      dropped = cleaned.droppedAttributesCount ?? 0;
      count = Object.keys(own).length;
    }
    let kept = ownLinks;
    let droppedLinks = 0;
    if (kept.length > limits.linkCountLimit) {
      droppedLinks = kept.length - limits.linkCountLimit;
      kept = kept.slice(droppedLinks);
    }
    const span = new LeanSpan(this.#shared, name, kind, spanContext, validParent, own, count, kept);
    span.droppedAttributesCount = dropped;
    span.droppedLinksCount = droppedLinks;
    for (const processor of this.#shared.processors) processor.onStart(span as never, parent);
    return span;
  }
}

/** The lean path when `tracer` is the pipeline's; otherwise the tracer's own `startSpan`. */
export function startInstrumentationSpan(
  tracer: Tracer,
  name: string,
  kind: SpanKind,
  attributes: Attributes,
  parent: Context,
  links: Link[] | undefined,
): Span {
  if (tracer instanceof LeanTracer) return tracer.startTrustedSpan(name, kind, attributes, parent, links);
  return tracer.startSpan(
    name,
    links === undefined ? { kind, attributes } : { kind, attributes, links },
    parent ?? contextApi.active(),
  );
}
