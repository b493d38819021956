import { type DiagLogger, DiagLogLevel, diag } from '@opentelemetry/api';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { InMemoryMetricReader } from './in-memory-metric-reader.js';
import {
  METRIC_OVERFLOW_ATTRIBUTE,
  type StoredHistogramMetric,
  type StoredSumMetric,
} from './stored-metric.js';

afterEach(() => {
  diag.disable();
});

describe('InMemoryMetricReader', () => {
  it('snapshots a counter and a histogram cumulatively, as plain data', async () => {
    const reader = new InMemoryMetricReader();
    const provider = new MeterProvider({ readers: [reader] });
    const meter = provider.getMeter('store-test');
    const calls = meter.createCounter('mcp.calls', { description: 'Calls', unit: '{call}' });
    const duration = meter.createHistogram('mcp.duration', { unit: 's' });

    calls.add(2, { method: 'tools/call' });
    calls.add(3, { method: 'tools/call' });
    calls.add(1, { method: 'ping' });
    for (const value of [0.004, 0.02, 0.3]) duration.record(value, { method: 'tools/call' });

    const first = await reader.snapshot();
    expect(first.errors).toEqual([]);
    const counter = first.metrics.find((metric) => metric.name === 'mcp.calls') as StoredSumMetric;
    expect(counter).toMatchObject({
      type: 'sum',
      monotonic: true,
      unit: '{call}',
      description: 'Calls',
      scope: 'store-test',
      overflowed: false,
    });
    expect(counter.points.map((point) => [point.attributes, point.value])).toEqual([
      [{ method: 'tools/call' }, 5],
      [{ method: 'ping' }, 1],
    ]);

    const histogram = first.metrics.find((metric) => metric.name === 'mcp.duration') as StoredHistogramMetric;
    expect(histogram.type).toBe('histogram');
    expect(histogram.points).toHaveLength(1);
    const point = histogram.points[0]!;
    expect(point).toMatchObject({ attributes: { method: 'tools/call' }, count: 3, min: 0.004, max: 0.3 });
    expect(point.sum).toBeCloseTo(0.324, 10);
    expect(point.bucketCounts).toHaveLength(point.boundaries.length + 1);
    expect(point.bucketCounts.reduce((sum, count) => sum + count, 0)).toBe(3);

    // Cumulative: a second snapshot still holds the totals, plus what came since.
    calls.add(4, { method: 'ping' });
    const second = await reader.snapshot();
    const ping = (
      second.metrics.find((metric) => metric.name === 'mcp.calls') as StoredSumMetric
    ).points.find((candidate) => candidate.attributes.method === 'ping');
    expect(ping?.value).toBe(5);
    await provider.shutdown();
  });

  it('folds attribute sets past the cardinality limit into one overflow point', async () => {
    const reader = new InMemoryMetricReader(3);
    const provider = new MeterProvider({ readers: [reader] });
    const calls = provider.getMeter('store-test').createCounter('calls');
    for (let index = 0; index < 10; index += 1) calls.add(1, { id: `id-${index}` });

    const { metrics } = await reader.snapshot();
    const counter = metrics[0] as StoredSumMetric;
    expect(counter.overflowed).toBe(true);
    expect(counter.points).toHaveLength(3);
    const overflow = counter.points.find((point) => point.attributes[METRIC_OVERFLOW_ATTRIBUTE] === true);
    expect(overflow?.value).toBe(8);
    expect(counter.points.reduce((sum, point) => sum + point.value, 0)).toBe(10);
    expect(reader.instrumentsOverflowing).toBe(1);
    await provider.shutdown();
  });

  it('is empty before it is registered and after shutdown', async () => {
    const reader = new InMemoryMetricReader();
    expect(await reader.snapshot()).toEqual({ metrics: [], errors: [] });
    const provider = new MeterProvider({ readers: [reader] });
    provider.getMeter('m').createCounter('c').add(1);
    expect((await reader.snapshot()).metrics).toHaveLength(1);
    await provider.shutdown();
    expect(await reader.snapshot()).toEqual({ metrics: [], errors: [] });
  });

  it('shuts down and flushes any number of times without an SDK error', async () => {
    const logger: DiagLogger = {
      error: vi.fn(),
      warn: vi.fn(),
      info: vi.fn(),
      debug: vi.fn(),
      verbose: vi.fn(),
    };
    diag.setLogger(logger, DiagLogLevel.WARN);
    const reader = new InMemoryMetricReader();
    const provider = new MeterProvider({ readers: [reader] });
    await reader.forceFlush();
    await provider.shutdown();
    await reader.shutdown();
    await reader.forceFlush();
    expect(logger.error).not.toHaveBeenCalled();
    expect(logger.warn).not.toHaveBeenCalled();
  });

  it('rejects a cardinality limit below 2', () => {
    expect(() => new InMemoryMetricReader(1)).toThrow(/cardinality limit/);
  });
});
