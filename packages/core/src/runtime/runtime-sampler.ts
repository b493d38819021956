import { availableParallelism } from 'node:os';
import {
  type ELDHistogram,
  type EventLoopUtilization,
  monitorEventLoopDelay,
  performance,
} from 'node:perf_hooks';

/** Event loop delay statistics of one window, in seconds. */
export interface EventLoopDelayStats {
  readonly min: number;
  readonly max: number;
  readonly mean: number;
  readonly stddev: number;
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
}

/** What the event loop and the CPU did during one window. */
export interface RuntimeWindow {
  /** CPU time per mode divided by wall time and available CPUs, 0 to 1. */
  readonly cpuUtilization: { readonly user: number; readonly system: number };
  /** Share of the window the loop was busy, 0 to 1. */
  readonly eventLoopUtilization: number;
  /** Undefined when the histogram took no sample (the loop was blocked the whole window). */
  readonly eventLoopDelay: EventLoopDelayStats | undefined;
}

interface Baseline {
  readonly cpu: NodeJS.CpuUsage;
  readonly eventLoop: EventLoopUtilization;
  readonly atMs: number;
}

/**
 * Measures the process in fixed windows. Gauges over a window (utilisation, delay percentiles) report
 * the last completed window, so every metric reader — a Prometheus scrape, the dashboard's snapshots, an
 * OTLP exporter — sees the same values, whichever collects first; a reset-on-collect design would let
 * each reader shorten the others' windows. Before the first window ends, the values cover the time since
 * start.
 */
export class RuntimeSampler {
  readonly #delay: ELDHistogram;
  readonly #cpus = availableParallelism();
  #baseline: Baseline;
  #last: RuntimeWindow | undefined = undefined;

  constructor(resolutionMs: number) {
    this.#delay = monitorEventLoopDelay({ resolution: resolutionMs });
    this.#delay.enable();
    this.#baseline = baseline();
  }

  /** The last completed window, or the time since start before one completed. */
  current(): RuntimeWindow {
    return this.#last ?? this.#measure(baseline());
  }

  /** Ends the current window and starts the next one. */
  roll(): void {
    const now = baseline();
    this.#last = this.#measure(now);
    this.#delay.reset();
    this.#baseline = now;
  }

  /** Stops the event loop delay monitor. */
  stop(): void {
    this.#delay.disable();
  }

  #measure(now: Baseline): RuntimeWindow {
    const cpuCapacityMicros = Math.max(now.atMs - this.#baseline.atMs, 1e-3) * 1000 * this.#cpus;
    return {
      cpuUtilization: {
        user: clampRatio((now.cpu.user - this.#baseline.cpu.user) / cpuCapacityMicros),
        system: clampRatio((now.cpu.system - this.#baseline.cpu.system) / cpuCapacityMicros),
      },
      eventLoopUtilization: performance.eventLoopUtilization(now.eventLoop, this.#baseline.eventLoop)
        .utilization,
      eventLoopDelay: this.#delay.count === 0 ? undefined : delayStats(this.#delay),
    };
  }
}

function baseline(): Baseline {
  return { cpu: process.cpuUsage(), eventLoop: performance.eventLoopUtilization(), atMs: performance.now() };
}

function delayStats(histogram: ELDHistogram): EventLoopDelayStats {
  const seconds = (nanoseconds: number): number => nanoseconds / 1e9;
  return {
    min: seconds(histogram.min),
    max: seconds(histogram.max),
    mean: seconds(histogram.mean),
    stddev: seconds(histogram.stddev),
    p50: seconds(histogram.percentile(50)),
    p90: seconds(histogram.percentile(90)),
    p99: seconds(histogram.percentile(99)),
  };
}

function clampRatio(value: number): number {
  return Math.min(1, Math.max(0, value));
}
