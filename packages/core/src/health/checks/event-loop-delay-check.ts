import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { HealthCheckV1 } from '../../spec/health/v1/health-check-v1.js';

/** Thresholds of {@link eventLoopDelayCheck}, on the p99 delay since the previous run. */
export interface EventLoopDelayCheckOptions {
  /** Warn above this p99 delay, in ms. Default 100. */
  readonly warnMs?: number;
  /** Fail above this p99 delay, in ms. Default 1 000. */
  readonly failMs?: number;
}

/** A health check that also holds a resource to release. */
export interface ClosableHealthCheck extends HealthCheckV1 {
  /** Releases what the check holds (a histogram, a timer). */
  close(): void;
}

/**
 * `event-loop`: the p99 and max event loop delay since the previous run (`perf_hooks.monitorEventLoopDelay`,
 * sampling every 20 ms; its timer does not keep the process alive). A blocked loop delays every request.
 */
export function eventLoopDelayCheck(options: EventLoopDelayCheckOptions = {}): ClosableHealthCheck {
  const warnMs = options.warnMs ?? 100;
  const failMs = options.failMs ?? 1_000;
  const histogram = monitorEventLoopDelay({ resolution: 20 });
  histogram.enable();
  return {
    specificationVersion: 'v1',
    name: 'event-loop',
    async check() {
      if (histogram.count === 0) return { status: 'pass', message: 'no event loop samples yet' };
      const p99Ms = round(histogram.percentile(99) / 1e6);
      const maxMs = round(histogram.max / 1e6);
      histogram.reset();
      const details = { componentType: 'system', observedValue: p99Ms, observedUnit: 'ms', maxMs };
      const message = `event loop delay p99 ${p99Ms} ms, max ${maxMs} ms`;
      if (p99Ms <= warnMs) return { status: 'pass', message, details };
      return {
        status: p99Ms > failMs ? 'fail' : 'warn',
        message,
        details,
        remediation:
          'Something blocks the event loop: move CPU-heavy tool work (JSON over large payloads, crypto, sync file I/O) to a worker thread, and check CPU usage and GC pauses (runtime metrics).',
      };
    },
    close: () => histogram.disable(),
  };
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
