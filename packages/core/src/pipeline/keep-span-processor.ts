import { type Context, type SpanContext, SpanStatusCode, TraceFlags } from '@opentelemetry/api';
import { hrTimeToMilliseconds } from '@opentelemetry/core';
import type { ReadableSpan, Span, SpanProcessor } from '@opentelemetry/sdk-trace';

/** Which unsampled spans are exported anyway. */
export interface KeepRule {
  readonly keepErrors: boolean;
  readonly keepSlowerThanMs: number | undefined;
}

/** Whether an ended span is kept by `rule`: it failed, or lasted longer than the threshold. Pure. */
export function isKeptSpan(span: ReadableSpan, rule: KeepRule): boolean {
  if (rule.keepErrors && span.status.code === SpanStatusCode.ERROR) return true;
  return rule.keepSlowerThanMs !== undefined && hrTimeToMilliseconds(span.duration) > rule.keepSlowerThanMs;
}

/**
 * Sits in front of one backend's processor (a batch in front of an exporter, or the adapter's own).
 * Sampled spans pass unchanged. An unsampled (RECORD_ONLY) span that the rule keeps passes as a copy
 * marked sampled, so the batch processor, which drops unsampled spans, exports it; the live span, and so
 * the `traceparent` sent downstream, stays unsampled. Other unsampled spans pass unchanged too: every
 * SDK processor ignores them, and processors that saw `onStart` still see the matching `onEnd`.
 */
export class KeepSpanProcessor implements SpanProcessor {
  readonly #processor: SpanProcessor;
  readonly #rule: KeepRule;

  constructor(processor: SpanProcessor, rule: KeepRule) {
    this.#processor = processor;
    this.#rule = rule;
  }

  onStart(span: Span, parentContext: Context): void {
    this.#processor.onStart(span, parentContext);
  }

  onEnding(span: Span): void {
    this.#processor.onEnding?.(span);
  }

  onEnd(span: ReadableSpan): void {
    const context = span.spanContext();
    const sampled = (context.traceFlags & TraceFlags.SAMPLED) !== 0;
    this.#processor.onEnd(!sampled && isKeptSpan(span, this.#rule) ? markedSampled(span, context) : span);
  }

  forceFlush(): Promise<void> {
    return this.#processor.forceFlush();
  }

  shutdown(): Promise<void> {
    return this.#processor.shutdown();
  }
}

/** A read-only copy of `span` whose context carries the sampled flag. */
function markedSampled(span: ReadableSpan, context: SpanContext): ReadableSpan {
  const sampledContext: SpanContext = { ...context, traceFlags: context.traceFlags | TraceFlags.SAMPLED };
  return {
    name: span.name,
    kind: span.kind,
    spanContext: () => sampledContext,
    ...(span.parentSpanContext === undefined ? {} : { parentSpanContext: span.parentSpanContext }),
    startTime: span.startTime,
    endTime: span.endTime,
    status: span.status,
    attributes: span.attributes,
    links: span.links,
    events: span.events,
    duration: span.duration,
    ended: span.ended,
    resource: span.resource,
    instrumentationScope: span.instrumentationScope,
    droppedAttributesCount: span.droppedAttributesCount,
    droppedEventsCount: span.droppedEventsCount,
    droppedLinksCount: span.droppedLinksCount,
  };
}
