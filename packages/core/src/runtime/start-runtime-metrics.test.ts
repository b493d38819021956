import { setTimeout as sleep } from 'node:timers/promises';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pointValues, quietObservability } from '../integrations/metric-snapshot.test-helper.js';
import type { Observability } from '../pipeline/observability.js';
import type { StoredMetric } from '../store/stored-metric.js';
import { RUNTIME_METRICS } from './runtime-metric-names.js';
import { type RuntimeMetrics, startRuntimeMetrics } from './start-runtime-metrics.js';

// A full collection on demand, so `v8js.gc.duration` has a `major` entry to show.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

let observability: Observability;
let runtime: RuntimeMetrics | undefined;
beforeEach(async () => {
  observability = await quietObservability();
});
afterEach(async () => {
  runtime?.stop();
  await observability.shutdown();
});

async function collectAll(): Promise<Map<string, StoredMetric>> {
  const snapshot = await observability.store?.metricsSnapshot();
  expect(snapshot?.errors).toEqual([]);
  return new Map((snapshot?.metrics ?? []).map((metric) => [metric.name, metric]));
}

function numbers(metric: StoredMetric | undefined): Record<string, number> {
  const values: Record<string, number> = {};
  for (const point of metric?.points ?? []) {
    values[Object.values(point.attributes).join(',') || '-'] = 'value' in point ? point.value : point.count;
  }
  return values;
}

describe('startRuntimeMetrics', () => {
  it('produces a value for every instrument after a collect', async () => {
    runtime = startRuntimeMetrics({ observability, windowMs: 40, eventLoopDelayResolutionMs: 1 });
    collectGarbage();
    await sleep(100);
    const metrics = await collectAll();
    for (const name of Object.values(RUNTIME_METRICS)) {
      expect(metrics.get(name)?.points.length, name).toBeGreaterThan(0);
    }

    expect(metrics.get(RUNTIME_METRICS.cpuTime)).toMatchObject({ type: 'sum', monotonic: true, unit: 's' });
    expect(numbers(metrics.get(RUNTIME_METRICS.cpuTime)).user).toBeGreaterThan(0);
    const utilization = numbers(metrics.get(RUNTIME_METRICS.cpuUtilization));
    expect(Object.keys(utilization).sort()).toEqual(['system', 'user']);
    for (const value of Object.values(utilization)) expect(value).toBeGreaterThanOrEqual(0);
    for (const value of Object.values(utilization)) expect(value).toBeLessThanOrEqual(1);

    expect(numbers(metrics.get(RUNTIME_METRICS.memoryUsage))['-']).toBeGreaterThan(10 * 1024 * 1024);
    const heapUsed = numbers(metrics.get(RUNTIME_METRICS.heapUsed));
    expect(heapUsed.old_space).toBeGreaterThan(0);
    const heapUsedTotal = Object.values(heapUsed).reduce((sum, value) => sum + value, 0);
    const heapSizeTotal = Object.values(numbers(metrics.get(RUNTIME_METRICS.heapSpaceSize))).reduce(
      (sum, value) => sum + value,
      0,
    );
    expect(heapSizeTotal).toBeGreaterThanOrEqual(heapUsedTotal);
    expect(metrics.get(RUNTIME_METRICS.externalMemory)).toMatchObject({
      type: 'sum',
      monotonic: false,
      unit: 'By',
    });

    const p50 = numbers(metrics.get(RUNTIME_METRICS.eventLoopDelayP50))['-'] ?? Number.NaN;
    const p99 = numbers(metrics.get(RUNTIME_METRICS.eventLoopDelayP99))['-'] ?? Number.NaN;
    const max = numbers(metrics.get(RUNTIME_METRICS.eventLoopDelayMax))['-'] ?? Number.NaN;
    expect(p50).toBeGreaterThan(0);
    expect(p50).toBeLessThanOrEqual(p99);
    expect(p99).toBeLessThanOrEqual(max);
    expect(max).toBeLessThan(10);
    const loopUtilization = numbers(metrics.get(RUNTIME_METRICS.eventLoopUtilization))['-'];
    expect(loopUtilization).toBeGreaterThanOrEqual(0);
    expect(loopUtilization).toBeLessThanOrEqual(1);
    expect(numbers(metrics.get(RUNTIME_METRICS.eventLoopTime)).idle).toBeGreaterThan(0);

    expect(metrics.get(RUNTIME_METRICS.gcDuration)).toMatchObject({ type: 'histogram', unit: 's' });
    expect(numbers(metrics.get(RUNTIME_METRICS.gcDuration)).major).toBeGreaterThanOrEqual(1);
  });

  it('stop() unregisters every callback and the GC observer', async () => {
    startRuntimeMetrics({ observability, windowMs: 40 }).stop();
    collectGarbage();
    await sleep(20);
    for (const name of Object.values(RUNTIME_METRICS))
      expect(await pointValues(observability, name), name).toEqual({});
  });

  it('stop() freezes what a cumulative reader already holds', async () => {
    runtime = startRuntimeMetrics({ observability, windowMs: 40 });
    collectGarbage();
    await sleep(20);
    const before = await collectAll();
    runtime.stop();
    runtime.stop();
    const until = performance.now() + 30;
    while (performance.now() < until) collectGarbage();
    await sleep(20);
    const after = await collectAll();
    // The OTel JS SDK re-exports a cumulative stream's last value; what matters is that nothing moves.
    for (const name of Object.values(RUNTIME_METRICS)) {
      expect(numbers(after.get(name)), name).toEqual(numbers(before.get(name)));
    }
  });

  it('returns the running handle when started twice on one handle, and needs a handle', async () => {
    runtime = startRuntimeMetrics({ observability });
    expect(startRuntimeMetrics({ observability })).toBe(runtime);
    await observability.shutdown();
    expect(() => startRuntimeMetrics()).toThrow(
      '[@mcp-o11y/core] startRuntimeMetrics needs an observability handle',
    );
    expect(() => startRuntimeMetrics({ observability, windowMs: 0 })).toThrow(RangeError);
  });
});
