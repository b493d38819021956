import {
  type Attributes,
  context,
  ROOT_CONTEXT,
  SamplingDecision,
  SpanKind,
  SpanStatusCode,
  TraceFlags,
  trace,
} from '@opentelemetry/api';
import { suppressTracing } from '@opentelemetry/core';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  AlwaysOnSampler,
  InMemorySpanExporter,
  type ReadableSpan,
  type Sampler,
  SimpleSpanProcessor,
  TracerProvider,
} from '@opentelemetry/sdk-trace';
import { describe, expect, it } from 'vitest';
import { FastIdGenerator } from './fast-id-generator.js';
import { LeanTracer, SPAN_LIMITS, startInstrumentationSpan } from './lean-tracer.js';

function setUp(sampler: Sampler = new AlwaysOnSampler()) {
  const exporter = new InMemorySpanExporter();
  const processors = [new SimpleSpanProcessor({ exporter })];
  const resource = resourceFromAttributes({ 'service.name': 'lean-test' });
  const idGenerator = new FastIdGenerator();
  const provider = new TracerProvider({
    resource,
    spanProcessors: processors,
    sampler,
    idGenerator,
    spanLimits: SPAN_LIMITS,
  });
  const sdkTracer = provider.getTracer('scope', '1.0.0');
  const tracer = new LeanTracer({
    sdkTracer,
    resource,
    scope: (sdkTracer as unknown as { instrumentationScope: { name: string } }).instrumentationScope,
    sampler,
    idGenerator,
    processors,
  });
  return { exporter, tracer, sdkTracer };
}

/** Everything an exporter reads from a span, minus ids and times (which differ by construction). */
function exported(span: ReadableSpan) {
  return {
    name: span.name,
    kind: span.kind,
    attributes: span.attributes,
    status: span.status,
    links: span.links.map((link) => ({ ...link, context: link.context.spanId })),
    events: span.events.map((event) => ({ name: event.name, attributes: event.attributes })),
    ended: span.ended,
    droppedAttributesCount: span.droppedAttributesCount,
    droppedEventsCount: span.droppedEventsCount,
    droppedLinksCount: span.droppedLinksCount,
    resource: span.resource.attributes,
    scope: span.instrumentationScope,
    hasParent: span.parentSpanContext !== undefined,
    sampled: span.spanContext().traceFlags === TraceFlags.SAMPLED,
  };
}

const START: Attributes = {
  'mcp.method.name': 'tools/call',
  'gen_ai.tool.name': 'echo',
  'client.port': 4321,
};

describe('LeanTracer', () => {
  it('exports the same span as the SDK tracer for the same calls, including what callers add later', () => {
    const { exporter, tracer, sdkTracer } = setUp();
    const parent = sdkTracer.startSpan('parent');
    const parentContext = trace.setSpan(ROOT_CONTEXT, parent);
    const link = { context: parent.spanContext(), attributes: { reason: 'ambient', bad: {} as never } };
    const error = new TypeError('boom');
    const script = (span: ReturnType<typeof sdkTracer.startSpan>) => {
      span.setAttribute('late', 'yes');
      span.setAttribute('invalid', (() => 1) as never);
      span.setAttributes({ count: 3, flag: true, list: ['a', 'b'] });
      span.addEvent('progress', { current: 1, bad: { x: 1 } as never });
      span.recordException(error);
      span.addLink({ context: parent.spanContext() });
      span.setStatus({ code: SpanStatusCode.ERROR, message: 'failed' });
      span.updateName('renamed');
      span.end();
    };
    script(
      sdkTracer.startSpan(
        'tools/call echo',
        { kind: SpanKind.SERVER, attributes: { ...START }, links: [link] },
        parentContext,
      ),
    );
    script(tracer.startTrustedSpan('tools/call echo', SpanKind.SERVER, { ...START }, parentContext, [link]));
    parent.end();
    const [sdkSpan, leanSpan] = exporter.getFinishedSpans();
    expect(leanSpan).toBeDefined();
    const expected = exported(sdkSpan as ReadableSpan);
    expect(exported(leanSpan as ReadableSpan)).toEqual(expected);
    expect(expected.attributes).toMatchObject({ late: 'yes', count: 3 });
    expect(expected.attributes).not.toHaveProperty('invalid');
    expect(leanSpan?.parentSpanContext?.spanId).toBe(parent.spanContext().spanId);
    expect(leanSpan?.spanContext().traceId).toBe(parent.spanContext().traceId);
  });

  it('keeps start and end times on the wall clock with a monotonic duration', () => {
    const { exporter, tracer } = setUp();
    const before = Date.now();
    const span = tracer.startTrustedSpan('x', SpanKind.SERVER, {}, ROOT_CONTEXT);
    const busyUntil = performance.now() + 5;
    while (performance.now() < busyUntil) {
      // spin: a measurable duration
    }
    span.end();
    const after = Date.now();
    const [done] = exporter.getFinishedSpans();
    const startMs = done!.startTime[0] * 1000 + done!.startTime[1] / 1e6;
    const endMs = done!.endTime[0] * 1000 + done!.endTime[1] / 1e6;
    const durationMs = done!.duration[0] * 1000 + done!.duration[1] / 1e6;
    expect(startMs).toBeGreaterThanOrEqual(before - 1);
    expect(endMs).toBeLessThanOrEqual(after + 1);
    expect(durationMs).toBeGreaterThanOrEqual(5);
    expect(Math.abs(endMs - startMs - durationMs)).toBeLessThan(1);
  });

  it('follows the sampler: dropped spans are non-recording, record-only spans are recorded unsampled', () => {
    const decisions = [
      SamplingDecision.NOT_RECORD,
      SamplingDecision.RECORD,
      SamplingDecision.RECORD_AND_SAMPLED,
    ];
    let next = 0;
    const sampler: Sampler = {
      shouldSample: () => ({
        decision: decisions[next++] as SamplingDecision,
        attributes: { 'sampler.seen': true },
      }),
      toString: () => 'scripted',
    };
    const { exporter, tracer } = setUp(sampler);
    const dropped = tracer.startTrustedSpan('a', SpanKind.SERVER, {}, ROOT_CONTEXT);
    expect(dropped.isRecording()).toBe(false);
    dropped.end();
    const recorded = tracer.startTrustedSpan('b', SpanKind.SERVER, {}, ROOT_CONTEXT);
    const sampled = tracer.startTrustedSpan('c', SpanKind.SERVER, {}, ROOT_CONTEXT);
    recorded.end();
    sampled.end();
    const spans = exporter.getFinishedSpans();
    // SimpleSpanProcessor exports sampled spans only.
    expect(spans.map((span) => span.name)).toEqual(['c']);
    expect(spans[0]?.attributes['sampler.seen']).toBe(true);
    expect(recorded.isRecording()).toBe(false);
    expect(recorded.spanContext().traceFlags).toBe(TraceFlags.NONE);
  });

  it('makes no span when tracing is suppressed, and skips undefined start attributes', () => {
    const { exporter, tracer } = setUp();
    const suppressed = tracer.startTrustedSpan('s', SpanKind.SERVER, {}, suppressTracing(ROOT_CONTEXT));
    expect(suppressed.isRecording()).toBe(false);
    const span = tracer.startTrustedSpan('t', SpanKind.CLIENT, { a: 'x', gone: undefined }, ROOT_CONTEXT);
    span.end();
    span.end();
    const [done] = exporter.getFinishedSpans();
    expect(done?.attributes).toEqual({ a: 'x' });
    expect(Object.hasOwn(done?.attributes ?? {}, 'gone')).toBe(false);
  });

  it('applies the attribute count limit like the SDK when start attributes exceed it', () => {
    const { exporter, tracer } = setUp();
    const many: Attributes = {};
    for (let index = 0; index < SPAN_LIMITS.attributeCountLimit + 5; index += 1) many[`k${index}`] = index;
    tracer.startTrustedSpan('many', SpanKind.SERVER, many, ROOT_CONTEXT).end();
    const [done] = exporter.getFinishedSpans();
    expect(Object.keys(done?.attributes ?? {})).toHaveLength(SPAN_LIMITS.attributeCountLimit);
    expect(done?.droppedAttributesCount).toBe(5);
  });

  it('falls back to startSpan for any other tracer, in the active context by default', () => {
    const { exporter, sdkTracer } = setUp();
    const span = startInstrumentationSpan(
      sdkTracer,
      'plain',
      SpanKind.SERVER,
      { a: 1 },
      context.active(),
      undefined,
    );
    span.end();
    expect(exporter.getFinishedSpans().map((done) => [done.name, done.attributes])).toEqual([
      ['plain', { a: 1 }],
    ]);
  });
});
