import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import type { InMemorySpanExporter } from '@opentelemetry/sdk-trace';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runWithCorrelationId } from '../correlation/correlation-id.js';
import { getActiveObservability } from '../pipeline/active-observability.js';
import type { Observability } from '../pipeline/observability.js';
import { FUNCTION_DURATION_BUCKETS, MAX_FUNCTION_NAMES } from './function-instruments.js';
import { measured, traced } from './traced.js';
import { durationPoints, gate, tracedTestPipeline } from './traced-test-pipeline.test-helper.js';

let observability: Observability;
let exporter: InMemorySpanExporter;

beforeEach(async () => {
  ({ observability, exporter } = await tracedTestPipeline());
});
afterEach(async () => {
  vi.restoreAllMocks();
  await observability.shutdown();
});

const reset = (): Error => Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });

/** Runs `fn` inside an active parent span; returns the parent's span id. */
function underParent<T>(fn: () => T): { result: T; parentSpanId: string } {
  return observability.tracer.startActiveSpan('tools/call get_weather', (parent) => {
    const result = fn();
    parent.end();
    return { result, parentSpanId: parent.spanContext().spanId };
  });
}

describe('traced(fn): plain functions', () => {
  it('keeps a sync function sync: one INTERNAL span under the active span, correlation id, histogram', async () => {
    const add = traced(function add(left: number, right: number) {
      return left + right;
    });
    const { result, parentSpanId } = underParent(() => runWithCorrelationId('corr-42', () => add(2, 3)));
    expect(result).toBe(5);
    const span = exporter.getFinishedSpans().find((candidate) => candidate.name === 'add');
    expect(span?.kind).toBe(SpanKind.INTERNAL);
    expect(span?.parentSpanContext?.spanId).toBe(parentSpanId);
    expect(span?.status.code).toBe(SpanStatusCode.UNSET);
    expect(span?.attributes).toEqual({ 'code.function.name': 'add', 'mcp_o11y.correlation_id': 'corr-42' });
    const points = await durationPoints(observability);
    expect(points.map((point) => [point.attributes, point.count])).toEqual([
      [{ 'code.function.name': 'add' }, 1],
    ]);
    expect(points[0]?.boundaries).toEqual(FUNCTION_DURATION_BUCKETS);
  });

  it('rethrows the very error a sync function throws, with error.type, ERROR status and the exception', async () => {
    const failure = reset();
    const connect = traced(
      () => {
        throw failure;
      },
      { name: 'db.connect' },
    );
    const { result: thrown } = underParent(() => {
      try {
        connect();
        return undefined;
      } catch (error) {
        return error;
      }
    });
    expect(thrown).toBe(failure);
    const span = exporter.getFinishedSpans().find((candidate) => candidate.name === 'db.connect');
    expect(span?.status).toEqual({ code: SpanStatusCode.ERROR, message: 'socket hang up' });
    expect(span?.attributes['error.type']).toBe('connection');
    expect(span?.events.map((event) => [event.name, event.attributes?.['exception.message']])).toEqual([
      ['exception', 'socket hang up'],
    ]);
    const points = await durationPoints(observability);
    expect(points.map((point) => [point.attributes, point.count])).toEqual([
      [{ 'code.function.name': 'db.connect', 'error.type': 'connection' }, 1],
    ]);
  });

  it('follows a returned promise: the span ends when it settles, the value passes through', async () => {
    const { ready, open } = gate();
    const fetchForecast = traced(async function fetchForecast(city: string) {
      await ready;
      return `${city}: sun`;
    });
    const { result: pending, parentSpanId } = underParent(() => fetchForecast('Oslo'));
    expect(pending).toBeInstanceOf(Promise);
    await Promise.resolve();
    expect(exporter.getFinishedSpans().map((span) => span.name)).toEqual(['tools/call get_weather']);
    open();
    await expect(pending).resolves.toBe('Oslo: sun');
    const span = exporter.getFinishedSpans().find((candidate) => candidate.name === 'fetchForecast');
    expect(span?.parentSpanContext?.spanId).toBe(parentSpanId);
    expect(span?.status.code).toBe(SpanStatusCode.UNSET);
    expect((await durationPoints(observability)).map((point) => point.count)).toEqual([1]);
  });

  it('passes the very rejection reason on and classifies it (HTTP 503 → http_5xx)', async () => {
    const reason = Object.assign(new Error('upstream unavailable'), { status: 503 });
    const fetchForecast = traced(async function fetchForecast() {
      throw reason;
    });
    const settled = await fetchForecast().catch((error: unknown) => error);
    expect(settled).toBe(reason);
    const [span] = exporter.getFinishedSpans();
    expect(span?.attributes['error.type']).toBe('http_5xx');
    expect(span?.status.code).toBe(SpanStatusCode.ERROR);
    const points = await durationPoints(observability);
    expect(points.map((point) => point.attributes)).toEqual([
      { 'code.function.name': 'fetchForecast', 'error.type': 'http_5xx' },
    ]);
  });

  it('makes the span active while the function runs, so its own spans nest under it', async () => {
    const outer = traced(function outer() {
      observability.tracer.startSpan('inner').end();
    });
    outer();
    const spans = exporter.getFinishedSpans();
    const outerSpan = spans.find((span) => span.name === 'outer');
    expect(spans.find((span) => span.name === 'inner')?.parentSpanContext?.spanId).toBe(
      outerSpan?.spanContext().spanId,
    );
  });

  it('preserves `this`, arguments, the name and the arity of the function', () => {
    const counter = {
      step: 3,
      advance: traced(function advance(this: { step: number }, from: number) {
        return from + this.step;
      }),
    };
    expect(counter.advance(4)).toBe(7);
    expect(counter.advance.name).toBe('advance');
    expect(counter.advance.length).toBe(1);
  });

  it('records the measured duration in seconds into the right bucket', async () => {
    let now = 1_000;
    vi.spyOn(performance, 'now').mockImplementation(() => now);
    const slow = measured(function slow() {
      now += 250;
    });
    slow();
    const [point] = await durationPoints(observability);
    expect(point?.sum).toBe(0.25);
    // Buckets are upper-inclusive: 0.25 s falls into the `(0.1, 0.25]` bucket.
    const index = FUNCTION_DURATION_BUCKETS.indexOf(0.25);
    expect(point?.bucketCounts[index]).toBe(1);
    expect(point?.bucketCounts.reduce((sum, count) => sum + count, 0)).toBe(1);
  });

  it('measured(fn) records the histogram and no span', async () => {
    const parse = measured((text: string) => Number.parseInt(text, 10), { name: 'parse' });
    expect(parse('42')).toBe(42);
    expect(() =>
      measured(
        () => {
          throw new RangeError('nope');
        },
        { name: 'parse' },
      )(),
    ).toThrow(RangeError);
    expect(exporter.getFinishedSpans()).toEqual([]);
    const points = await durationPoints(observability);
    expect(points.map((point) => [point.attributes, point.count])).toEqual([
      [{ 'code.function.name': 'parse' }, 1],
      [{ 'code.function.name': 'parse', 'error.type': 'other' }, 1],
    ]);
  });

  it('records into a handle given in options, whatever handle is active', async () => {
    const other = await tracedTestPipeline();
    expect(getActiveObservability()).toBe(other.observability);
    const ping = traced(() => 'pong', { name: 'ping', observability });
    expect(ping()).toBe('pong');
    expect(exporter.getFinishedSpans().map((span) => span.name)).toEqual(['ping']);
    expect(other.exporter.getFinishedSpans()).toEqual([]);
    await other.observability.shutdown();
  });

  it('only calls the function when no handle is active: same return value, same promise, nothing recorded', async () => {
    await observability.shutdown();
    expect(getActiveObservability()).toBeUndefined();
    const promise = Promise.resolve('same');
    const passThrough = traced(function passThrough() {
      return promise;
    });
    expect(passThrough()).toBe(promise);
    const failure = new Error('plain');
    expect(() =>
      traced(function fails() {
        throw failure;
      })(),
    ).toThrow(failure);
    expect(exporter.getFinishedSpans()).toEqual([]);
  });

  it('caps distinct metric names per meter; the span keeps the real name', async () => {
    for (let index = 0; index <= MAX_FUNCTION_NAMES; index += 1) {
      traced(() => index, { name: `generated-${index}` })();
    }
    const points = await durationPoints(observability);
    expect(points).toHaveLength(MAX_FUNCTION_NAMES + 1);
    expect(points.find((point) => point.attributes['code.function.name'] === '_OTHER')?.count).toBe(1);
    expect(exporter.getFinishedSpans().at(-1)?.name).toBe(`generated-${MAX_FUNCTION_NAMES}`);
  });

  it('refuses a function without a name and a bare decorator', () => {
    expect(() => traced(() => 1)).toThrow(/has no name; pass \{ name \}/);
    const context = { kind: 'method', name: 'run', addInitializer: () => {} };
    expect(() => traced(function run() {}, context as never)).toThrow(/write @traced\(\)/);
    expect(() => measured()(function run() {}, { kind: 'getter' } as never)).toThrow(/methods only/);
  });
});
