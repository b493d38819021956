import { totalmem } from 'node:os';
import { getHeapStatistics } from 'node:v8';
import type { HealthCheckV1 } from '../../spec/health/v1/health-check-v1.js';

/** Options of {@link memoryCheck}; shares are of the memory limit. */
export interface MemoryCheckOptions {
  /** The limit resident memory is compared with, in bytes. Default: `process.constrainedMemory()` (a cgroup limit), else total system memory. */
  readonly limitBytes?: number;
  /** Warn above this share. Default 0.85. */
  readonly warnRatio?: number;
  /** Fail above this share. Default 0.95. */
  readonly failRatio?: number;
}

/** The memory a process may use: a container's limit when there is one, else the machine's memory. */
export function memoryLimitBytes(): number {
  const total = totalmem();
  const constrained = process.constrainedMemory?.() ?? 0;
  // Unconstrained, Node reports 0 or the largest uint64.
  return constrained > 0 && constrained < total ? constrained : total;
}

/** `memory`: resident memory against the limit, and the V8 heap against its own limit. */
export function memoryCheck(options: MemoryCheckOptions = {}): HealthCheckV1 {
  const warnRatio = options.warnRatio ?? 0.85;
  const failRatio = options.failRatio ?? 0.95;
  return {
    specificationVersion: 'v1',
    name: 'memory',
    async check() {
      const limitBytes = options.limitBytes ?? memoryLimitBytes();
      const rssBytes = process.memoryUsage.rss();
      const heap = getHeapStatistics();
      const rssRatio = rssBytes / limitBytes;
      const heapRatio = heap.used_heap_size / heap.heap_size_limit;
      const ratio = Math.max(rssRatio, heapRatio);
      const details = {
        componentType: 'system',
        observedValue: Math.round(rssRatio * 1000) / 10,
        observedUnit: 'percent',
        rssBytes,
        limitBytes,
        heapUsedBytes: heap.used_heap_size,
        heapLimitBytes: heap.heap_size_limit,
      };
      const message = `resident memory ${percent(rssRatio)} % of ${mebibytes(limitBytes)} MiB, V8 heap ${percent(heapRatio)} % of its limit`;
      if (ratio <= warnRatio) return { status: 'pass', message, details };
      return {
        status: ratio > failRatio ? 'fail' : 'warn',
        message,
        details,
        remediation:
          'Memory is close to the limit: look for caches or per-session state that grow without bound (take a heap snapshot with --heapsnapshot-signal), raise the container limit or --max-old-space-size, or run more replicas.',
      };
    },
  };
}

function percent(ratio: number): number {
  return Math.round(ratio * 1000) / 10;
}

function mebibytes(bytes: number): number {
  return Math.round(bytes / 1024 / 1024);
}
