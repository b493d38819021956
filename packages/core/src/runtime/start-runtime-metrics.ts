import {
  constants,
  type NodeGCPerformanceDetail,
  type PerformanceEntry,
  PerformanceObserver,
  performance,
} from 'node:perf_hooks';
import { getHeapSpaceStatistics } from 'node:v8';
import type { Attributes, BatchObservableResult, Meter, Observable } from '@opentelemetry/api';
import { getActiveObservability } from '../pipeline/active-observability.js';
import type { Observability } from '../pipeline/observability.js';
import { RUNTIME_METRICS } from './runtime-metric-names.js';
import { RuntimeSampler } from './runtime-sampler.js';

/** What `startRuntimeMetrics` accepts. */
export interface RuntimeMetricsOptions {
  /** Whose meter records. Default: the active handle (`getActiveObservability()`). */
  readonly observability?: Observability;
  /**
   * Length of the window behind the gauges that describe a period (CPU and event loop utilisation, event
   * loop delay statistics), in milliseconds. Default: 10000.
   */
  readonly windowMs?: number;
  /** Sampling resolution of the event loop delay monitor, in milliseconds. Default: 20. */
  readonly eventLoopDelayResolutionMs?: number;
  /** Record each garbage collection into `v8js.gc.duration`. Default: true. */
  readonly gc?: boolean;
}

/** Handle of running runtime metrics. */
export interface RuntimeMetrics {
  /** Unregisters the callbacks, stops the GC observer, the delay monitor and the window timer. Idempotent. */
  stop(): void;
}

const running = new WeakMap<Meter, RuntimeMetrics>();
// perf_hooks GC kinds to the semantic conventions' `v8js.gc.type` values.
const gcTypes = new Map<number, Attributes>([
  [constants.NODE_PERFORMANCE_GC_MAJOR, { 'v8js.gc.type': 'major' }],
  [constants.NODE_PERFORMANCE_GC_MINOR, { 'v8js.gc.type': 'minor' }],
  [constants.NODE_PERFORMANCE_GC_INCREMENTAL, { 'v8js.gc.type': 'incremental' }],
  [constants.NODE_PERFORMANCE_GC_WEAKCB, { 'v8js.gc.type': 'weakcb' }],
]);
const user = { 'cpu.mode': 'user' };
const system = { 'cpu.mode': 'system' };
const active = { 'nodejs.eventloop.state': 'active' };
const idle = { 'nodejs.eventloop.state': 'idle' };

/**
 * Starts process and runtime metrics on the handle's meter (names in `RUNTIME_METRICS`): CPU time and
 * utilisation, resident and V8 heap memory per space, external memory, event loop delay (min, max, mean,
 * stddev, p50, p90, p99) and utilisation, event loop time, and GC durations. Nothing runs before this is
 * called. Observable instruments are read at collection time; one unref'd timer closes the windows.
 * Starting twice on one meter returns the running handle.
 *
 * @example
 * ```ts
 * const observability = await createObservability({ adapters: [prometheus()] });
 * const runtime = startRuntimeMetrics({ observability });
 * // on shutdown: runtime.stop(); await observability.shutdown();
 * ```
 * @throws Error when no handle is given and none is active.
 * @throws RangeError when `windowMs` or `eventLoopDelayResolutionMs` is not a positive integer.
 */
export function startRuntimeMetrics(options: RuntimeMetricsOptions = {}): RuntimeMetrics {
  const observability = options.observability ?? getActiveObservability();
  if (observability === undefined) {
    throw new Error(
      '[@mcp-o11y/core] startRuntimeMetrics needs an observability handle: call createObservability() first, or pass { observability }.',
    );
  }
  const windowMs = positiveInteger('windowMs', options.windowMs ?? 10_000);
  const resolutionMs = positiveInteger(
    'eventLoopDelayResolutionMs',
    options.eventLoopDelayResolutionMs ?? 20,
  );
  const meter = observability.meter;
  const existing = running.get(meter);
  if (existing !== undefined) return existing;

  const sampler = new RuntimeSampler(resolutionMs);
  const timer = setInterval(() => sampler.roll(), windowMs);
  timer.unref();
  const { observables, callback } = observeRuntime(meter, sampler);
  meter.addBatchObservableCallback(callback, observables);
  const gcObserver = options.gc === false ? undefined : observeGc(meter);

  let stopped = false;
  const handle: RuntimeMetrics = {
    stop() {
      if (stopped) return;
      stopped = true;
      running.delete(meter);
      meter.removeBatchObservableCallback(callback, observables);
      gcObserver?.disconnect();
      clearInterval(timer);
      sampler.stop();
    },
  };
  running.set(meter, handle);
  return handle;
}

function observeRuntime(
  meter: Meter,
  sampler: RuntimeSampler,
): { observables: Observable[]; callback: (result: BatchObservableResult) => void } {
  const gauge = (name: string, description: string, unit: string) =>
    meter.createObservableGauge(name, { description, unit });
  const bytes = (name: string, description: string) =>
    meter.createObservableUpDownCounter(name, { description, unit: 'By' });
  const cpuTime = meter.createObservableCounter(RUNTIME_METRICS.cpuTime, {
    description: 'CPU time used by the process, by mode.',
    unit: 's',
  });
  const cpuUtilization = gauge(
    RUNTIME_METRICS.cpuUtilization,
    'CPU utilisation over the last window, by mode.',
    '1',
  );
  const memoryUsage = bytes(RUNTIME_METRICS.memoryUsage, 'Resident set size of the process.');
  const heapUsed = bytes(RUNTIME_METRICS.heapUsed, 'V8 heap bytes in use, by heap space.');
  const heapSpaceSize = bytes(RUNTIME_METRICS.heapSpaceSize, 'V8 heap bytes reserved, by heap space.');
  const external = bytes(
    RUNTIME_METRICS.externalMemory,
    'Memory of C++ objects bound to JavaScript objects.',
  );
  const delayDescription = (statistic: string) => `Event loop delay over the last window: ${statistic}.`;
  const delay = {
    min: gauge(RUNTIME_METRICS.eventLoopDelayMin, delayDescription('minimum'), 's'),
    max: gauge(RUNTIME_METRICS.eventLoopDelayMax, delayDescription('maximum'), 's'),
    mean: gauge(RUNTIME_METRICS.eventLoopDelayMean, delayDescription('mean'), 's'),
    stddev: gauge(RUNTIME_METRICS.eventLoopDelayStddev, delayDescription('standard deviation'), 's'),
    p50: gauge(RUNTIME_METRICS.eventLoopDelayP50, delayDescription('50th percentile'), 's'),
    p90: gauge(RUNTIME_METRICS.eventLoopDelayP90, delayDescription('90th percentile'), 's'),
    p99: gauge(RUNTIME_METRICS.eventLoopDelayP99, delayDescription('99th percentile'), 's'),
  };
  const utilization = gauge(
    RUNTIME_METRICS.eventLoopUtilization,
    'Event loop utilisation over the last window.',
    '1',
  );
  const loopTime = meter.createObservableCounter(RUNTIME_METRICS.eventLoopTime, {
    description: 'Time the event loop spent active and idle since start.',
    unit: 's',
  });
  const spaceAttributes = new Map<string, Attributes>();

  const callback = (result: BatchObservableResult): void => {
    const cpu = process.cpuUsage();
    result.observe(cpuTime, cpu.user / 1e6, user);
    result.observe(cpuTime, cpu.system / 1e6, system);
    const memory = process.memoryUsage();
    result.observe(memoryUsage, memory.rss);
    result.observe(external, memory.external);
    for (const space of getHeapSpaceStatistics()) {
      let attributes = spaceAttributes.get(space.space_name);
      if (attributes === undefined) {
        attributes = { 'v8js.heap.space.name': space.space_name };
        spaceAttributes.set(space.space_name, attributes);
      }
      result.observe(heapUsed, space.space_used_size, attributes);
      result.observe(heapSpaceSize, space.space_size, attributes);
    }
    const window = sampler.current();
    result.observe(cpuUtilization, window.cpuUtilization.user, user);
    result.observe(cpuUtilization, window.cpuUtilization.system, system);
    result.observe(utilization, window.eventLoopUtilization);
    if (window.eventLoopDelay !== undefined) {
      for (const statistic of Object.keys(delay) as (keyof typeof delay)[]) {
        result.observe(delay[statistic], window.eventLoopDelay[statistic]);
      }
    }
    const loop = performance.eventLoopUtilization();
    result.observe(loopTime, loop.active / 1000, active);
    result.observe(loopTime, loop.idle / 1000, idle);
  };
  const observables: Observable[] = [
    cpuTime,
    cpuUtilization,
    memoryUsage,
    heapUsed,
    heapSpaceSize,
    external,
    ...Object.values(delay),
    utilization,
    loopTime,
  ];
  return { observables, callback };
}

function observeGc(meter: Meter): PerformanceObserver {
  const duration = meter.createHistogram(RUNTIME_METRICS.gcDuration, {
    description: 'Garbage collection duration, by type.',
    unit: 's',
    advice: { explicitBucketBoundaries: [0.01, 0.1, 1, 10] },
  });
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const kind = (entry as PerformanceEntry & { detail?: NodeGCPerformanceDetail }).detail?.kind;
      duration.record(entry.duration / 1000, (kind === undefined ? undefined : gcTypes.get(kind)) ?? {});
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  return observer;
}

function positiveInteger(field: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 1 || value > 2_147_483_647) {
    throw new RangeError(
      `[@mcp-o11y/core] startRuntimeMetrics: ${field} must be a positive integer of milliseconds, got ${value}.`,
    );
  }
  return value;
}
