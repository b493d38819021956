import { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { TracerProvider } from '@opentelemetry/sdk-trace';
import { afterEach, describe, expect, it } from 'vitest';
import { InMemorySpanProcessor } from './in-memory-span-processor.js';

const providers: TracerProvider[] = [];

function makeTracer(processor: InMemorySpanProcessor) {
  const provider = new TracerProvider({ spanProcessors: [processor] });
  providers.push(provider);
  return provider.getTracer('store-test');
}

afterEach(async () => {
  await Promise.all(providers.splice(0).map((provider) => provider.shutdown()));
});

describe('InMemorySpanProcessor', () => {
  it('stores ended spans as plain data with parent, kind, status, attributes, events and links', () => {
    const processor = new InMemorySpanProcessor(10);
    const tracer = makeTracer(processor);
    const linked = tracer.startSpan('linked');
    linked.end();
    const parent = tracer.startSpan('parent', { kind: SpanKind.SERVER, startTime: [1_700_000_000, 0] });
    const child = tracer.startSpan(
      'tools/call search',
      {
        kind: SpanKind.CLIENT,
        startTime: [1_700_000_000, 500_000_000],
        attributes: { 'mcp.method.name': 'tools/call', retries: 2, tags: ['a', 'b'] },
        links: [{ context: linked.spanContext() }],
      },
      trace.setSpan(ROOT_CONTEXT, parent),
    );
    child.addEvent('retry', { attempt: 1 }, [1_700_000_000, 750_000_000]);
    child.setStatus({ code: SpanStatusCode.ERROR, message: 'timeout' });
    child.end([1_700_000_001, 250_000_000]);
    parent.setStatus({ code: SpanStatusCode.OK });
    parent.end([1_700_000_002, 0]);

    const [storedParent, storedChild] = processor.recent();
    expect(storedChild).toEqual({
      traceId: parent.spanContext().traceId,
      spanId: child.spanContext().spanId,
      parentSpanId: parent.spanContext().spanId,
      name: 'tools/call search',
      kind: 'client',
      startTimeMs: 1_700_000_000_500,
      durationMs: 750,
      status: 'error',
      statusMessage: 'timeout',
      attributes: { 'mcp.method.name': 'tools/call', retries: 2, tags: ['a', 'b'] },
      events: [{ name: 'retry', timeMs: 1_700_000_000_750, attributes: { attempt: 1 } }],
      links: [{ traceId: linked.spanContext().traceId, spanId: linked.spanContext().spanId }],
    });
    expect(storedParent).toMatchObject({ name: 'parent', kind: 'server', status: 'ok', durationMs: 2000 });
    expect(storedParent).not.toHaveProperty('parentSpanId');
    expect(storedParent).not.toHaveProperty('statusMessage');
    expect(processor.recent()[2]).toMatchObject({ name: 'linked', kind: 'internal', status: 'unset' });
  });

  it('keeps the newest maxSpans spans, newest first, and counts evictions', () => {
    const processor = new InMemorySpanProcessor(5);
    const tracer = makeTracer(processor);
    for (let index = 0; index < 12; index += 1) tracer.startSpan(`span-${index}`).end();

    expect(processor.stored).toBe(5);
    expect(processor.evicted).toBe(7);
    expect(processor.recent().map((span) => span.name)).toEqual([
      'span-11',
      'span-10',
      'span-9',
      'span-8',
      'span-7',
    ]);
    expect(processor.recent(2).map((span) => span.name)).toEqual(['span-11', 'span-10']);
  });

  it('ignores spans after shutdown and shuts down twice without complaint', async () => {
    const processor = new InMemorySpanProcessor(5);
    const tracer = makeTracer(processor);
    tracer.startSpan('before').end();
    await processor.shutdown();
    await processor.shutdown();
    await processor.forceFlush();
    tracer.startSpan('after').end();
    expect(processor.recent().map((span) => span.name)).toEqual(['before']);
  });

  it('keeps every failed span and the first okSpansPerSecond successful spans of each second', () => {
    const processor = new InMemorySpanProcessor(100, { okSpansPerSecond: 3 });
    const tracer = makeTracer(processor);
    const end = (name: string, second: number, failure?: 'status' | 'attribute') => {
      const span = tracer.startSpan(name, { startTime: [second, 0] });
      if (failure === 'status') span.setStatus({ code: SpanStatusCode.ERROR });
      if (failure === 'attribute') span.setAttribute('error.type', '-32602');
      span.end([second, 500_000_000]);
    };
    for (let index = 0; index < 5; index += 1) end(`ok-${index}`, 1_700_000_000);
    end('failed', 1_700_000_000, 'status');
    end('caller-fault', 1_700_000_000, 'attribute');
    end('next-second', 1_700_000_001);

    expect(processor.recent().map((span) => span.name)).toEqual([
      'next-second',
      'caller-fault',
      'failed',
      'ok-2',
      'ok-1',
      'ok-0',
    ]);
    expect(processor.skipped).toBe(2);
    expect(processor.evicted).toBe(0);
  });

  it('rejects an okSpansPerSecond that is not a positive integer', () => {
    expect(() => new InMemorySpanProcessor(10, { okSpansPerSecond: 0 })).toThrow(RangeError);
    expect(() => new InMemorySpanProcessor(10, { okSpansPerSecond: 1.5 })).toThrow(/okSpansPerSecond/);
  });
});
