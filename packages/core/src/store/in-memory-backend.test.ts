import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { type DiagLogger, DiagLogLevel, diag, SpanStatusCode } from '@opentelemetry/api';
import { LoggerProvider } from '@opentelemetry/sdk-logs';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import { TracerProvider } from '@opentelemetry/sdk-trace';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { InMemoryBackend } from './in-memory-backend.js';

/** A full GC when the runtime allows one (`--expose-gc`, or V8 flags settable at runtime); else undefined. */
function findGc(): (() => void) | undefined {
  const existing = (globalThis as { gc?: () => void }).gc;
  if (existing !== undefined) return existing;
  try {
    setFlagsFromString('--expose-gc');
    const gc: unknown = runInNewContext('gc');
    return typeof gc === 'function' ? (gc as () => void) : undefined;
  } catch {
    return undefined;
  }
}

function heapAfterGc(gc: () => void): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

afterEach(() => {
  diag.disable();
});

describe('InMemoryBackend', () => {
  it('applies the documented defaults', () => {
    const stats = new InMemoryBackend().stats();
    expect(stats).toEqual({
      spans: { stored: 0, max: 1000, evicted: 0, skipped: 0 },
      logs: { stored: 0, max: 1000, evicted: 0 },
      series: { count: 0, max: 500, overflowSeries: 0, overflowObservations: 0 },
      metrics: { cardinalityLimit: 2000, instrumentsOverflowing: 0 },
    });
  });

  it('rejects out-of-range options when it is built', () => {
    expect(() => new InMemoryBackend({ maxSpans: 0 })).toThrow(/capacity/);
    expect(() => new InMemoryBackend({ maxLogs: 1.5 })).toThrow(/capacity/);
    expect(() => new InMemoryBackend({ maxSeries: -1 })).toThrow(/maxSeries/);
    expect(() => new InMemoryBackend({ bucketSeconds: 60, retentionSeconds: 30 })).toThrow(
      /retentionSeconds/,
    );
    expect(() => new InMemoryBackend({ relativeAccuracy: 0 })).toThrow(/relativeAccuracy/);
    expect(() => new InMemoryBackend({ maxOkSpansPerSecond: 0 })).toThrow(/maxOkSpansPerSecond/);
    expect(() => new InMemoryBackend({ maxOkSpansPerSecond: 2.5 })).toThrow(/maxOkSpansPerSecond/);
  });

  it('stores every failed span and, by default, 100 successful spans per second', () => {
    const backend = new InMemoryBackend({ maxSpans: 1000 });
    const tracer = new TracerProvider({ spanProcessors: [backend.spanProcessor] }).getTracer('t');
    // One end-time second for all: spans end at an explicit time.
    const second = 1_700_000_000_000;
    for (let index = 0; index < 300; index += 1) {
      const span = tracer.startSpan(`ok-${index}`, { startTime: second });
      if (index % 10 === 0) span.setStatus({ code: SpanStatusCode.ERROR });
      if (index % 10 === 5) span.setAttribute('error.type', '-32602');
      span.end(second + 1);
    }
    tracer.startSpan('next second', { startTime: second + 1_000 }).end(second + 1_000);

    const stats = backend.stats().spans;
    // 60 failed spans (status ERROR or error.type) kept; the first 100 of the 240 successes; then the next second's.
    expect(stats).toEqual({ stored: 161, max: 1000, evicted: 0, skipped: 140 });
    const names = backend.recentSpans().map((span) => span.name);
    expect(names[0]).toBe('next second');
    expect(names).toContain('ok-290');
    expect(names).toContain('ok-295');
    expect(names).not.toContain('ok-299');
  });

  it('stores every span with maxOkSpansPerSecond: Infinity', () => {
    const backend = new InMemoryBackend({ maxOkSpansPerSecond: Number.POSITIVE_INFINITY });
    const tracer = new TracerProvider({ spanProcessors: [backend.spanProcessor] }).getTracer('t');
    for (let index = 0; index < 500; index += 1) tracer.startSpan(`span-${index}`).end();
    expect(backend.stats().spans).toEqual({ stored: 500, max: 1000, evicted: 0, skipped: 0 });
  });

  it('wires spans, logs and metrics from real SDK providers and counts every cap hit', async () => {
    const backend = new InMemoryBackend({
      maxSpans: 100,
      maxLogs: 50,
      maxOkSpansPerSecond: Number.POSITIVE_INFINITY,
    });
    const tracerProvider = new TracerProvider({ spanProcessors: [backend.spanProcessor] });
    const loggerProvider = new LoggerProvider({ processors: [backend.logRecordProcessor] });
    const meterProvider = new MeterProvider({ readers: [backend.metricReader] });
    const tracer = tracerProvider.getTracer('t');
    const logger = loggerProvider.getLogger('l');
    for (let index = 0; index < 10_000; index += 1) {
      tracer.startSpan(`span-${index}`).end();
      logger.emit({ body: `log-${index}` });
    }
    meterProvider.getMeter('m').createCounter('c').add(7);

    expect(backend.stats().spans).toEqual({ stored: 100, max: 100, evicted: 9_900, skipped: 0 });
    expect(backend.stats().logs).toEqual({ stored: 50, max: 50, evicted: 9_950 });
    expect(backend.recentSpans(1)[0]?.name).toBe('span-9999');
    expect(backend.recentLogs(2).map((record) => record.body)).toEqual(['log-9999', 'log-9998']);
    const { metrics } = await backend.metricsSnapshot();
    expect(metrics).toMatchObject([{ name: 'c', type: 'sum', points: [{ value: 7 }] }]);

    await Promise.all([tracerProvider.shutdown(), loggerProvider.shutdown(), meterProvider.shutdown()]);
  });

  it('returns copies from recentSpans and recentLogs', () => {
    const backend = new InMemoryBackend();
    const tracerProvider = new TracerProvider({ spanProcessors: [backend.spanProcessor] });
    tracerProvider
      .getTracer('t')
      .startSpan('s', { attributes: { k: 'v' } })
      .end();
    const copy = backend.recentSpans()[0] as { attributes: Record<string, unknown> };
    copy.attributes.k = 'changed';
    expect(backend.recentSpans()[0]?.attributes).toEqual({ k: 'v' });
  });

  it('caps series, folds the flood into _OTHER and counts it exactly', () => {
    const backend = new InMemoryBackend({ maxSeries: 1000 }, () => 1_700_000_000_000);
    for (let index = 0; index < 100_000; index += 1) {
      backend.series('mcp.requests', { method: `m-${index}`, outcome: 'ok' }).observe(0.01, index % 10 === 0);
    }
    expect(backend.stats().series).toEqual({
      count: 1000,
      max: 1000,
      overflowSeries: 1,
      overflowObservations: 99_000,
    });
    const other = backend.listSeries('mcp.requests').find((series) => series.isOverflow);
    expect(other?.labels).toEqual({ method: '_OTHER', outcome: '_OTHER' });
    expect(other?.window(60)).toMatchObject({ count: 99_000, errors: 9_900 });
    expect(backend.listSeries('other-name')).toEqual([]);
  });

  it('keeps heap growth bounded under floods once the caps are reached', (context) => {
    const gc = findGc();
    if (gc === undefined) {
      context.skip();
      return;
    }
    let now = 1_700_000_000_000;
    const backend = new InMemoryBackend({ maxOkSpansPerSecond: Number.POSITIVE_INFINITY }, () => now);
    const tracerProvider = new TracerProvider({ spanProcessors: [backend.spanProcessor] });
    const tracer = tracerProvider.getTracer('t');
    const flood = (offset: number): void => {
      for (let index = 0; index < 100_000; index += 1) {
        backend
          .series('mcp.requests', { method: `m-${offset + index}` })
          .observe(0.001 * (index % 500), false);
        if (index % 10 === 0) tracer.startSpan(`span-${index}`, { attributes: { index } }).end();
      }
    };
    // The warm-up fills every cap; the second flood, all-new label sets, must not retain anything more.
    flood(0);
    const before = heapAfterGc(gc);
    now += 5_000;
    flood(100_000);
    const growth = heapAfterGc(gc) - before;

    expect(backend.stats().series.count).toBe(500);
    expect(backend.stats().spans.stored).toBe(1000);
    expect(growth).toBeLessThan(2 * 1024 * 1024);
  });

  it('shuts down and flushes any number of times, alongside the providers, without SDK errors', async () => {
    const logger: DiagLogger = {
      error: vi.fn(),
      warn: vi.fn(),
      info: vi.fn(),
      debug: vi.fn(),
      verbose: vi.fn(),
    };
    diag.setLogger(logger, DiagLogLevel.WARN);
    const backend = new InMemoryBackend();
    const tracerProvider = new TracerProvider({ spanProcessors: [backend.spanProcessor] });
    const meterProvider = new MeterProvider({ readers: [backend.metricReader] });
    tracerProvider.getTracer('t').startSpan('kept').end();

    await backend.forceFlush();
    await Promise.all([tracerProvider.shutdown(), meterProvider.shutdown()]);
    const first = backend.shutdown();
    expect(backend.shutdown()).toBe(first);
    await first;
    await backend.forceFlush();

    expect(backend.recentSpans().map((span) => span.name)).toEqual(['kept']);
    expect(await backend.metricsSnapshot()).toEqual({ metrics: [], errors: [] });
    expect(logger.error).not.toHaveBeenCalled();
    expect(logger.warn).not.toHaveBeenCalled();
  });
});
