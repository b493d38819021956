import type { InMemoryBackendStats, StoredMetric } from '@mcp-o11y/core';
import { sumOfMetric } from './metric-values.js';

/** What the dashboard reads of the Node.js process itself (the dashboard runs inside it). */
export interface ProcessReading {
  readonly pid: number;
  readonly nodeVersion: string;
  readonly uptimeSeconds: number;
  readonly memory: NodeJS.MemoryUsage;
  readonly cpu: NodeJS.CpuUsage;
}

/** `GET /api/process`. Bytes, seconds and ratios (0–1). */
export interface ProcessView {
  readonly pid: number;
  readonly nodeVersion: string;
  readonly uptimeSeconds: number;
  readonly memory: {
    readonly rssBytes: number;
    readonly heapUsedBytes: number;
    readonly heapTotalBytes: number;
    readonly externalBytes: number;
  };
  readonly cpu: {
    readonly userSeconds: number;
    readonly systemSeconds: number;
    /** Share of the available CPUs over the last runtime-metrics window; null without runtime metrics. */
    readonly utilization: number | null;
  };
  readonly eventLoop: {
    /** Seconds; null without runtime metrics (`createObservability({ runtimeMetrics: true })`). */
    readonly delayP99Seconds: number | null;
    readonly delayMeanSeconds: number | null;
    readonly utilization: number | null;
  };
  /** True when `runtimeMetrics` is on and its metrics were collected. */
  readonly runtimeMetrics: boolean;
  /** The in-memory store's fill levels and cap hits; null with `memory: false`. */
  readonly store: InMemoryBackendStats | null;
}

/** Process resources: Node's own counters, plus the runtime metrics when core collects them. Pure. */
export function buildProcess(
  reading: ProcessReading,
  metrics: readonly StoredMetric[],
  store: InMemoryBackendStats | undefined,
): ProcessView {
  const utilization = sumOfMetric(metrics, 'process.cpu.utilization');
  const delayP99 = sumOfMetric(metrics, 'nodejs.eventloop.delay.p99');
  return {
    pid: reading.pid,
    nodeVersion: reading.nodeVersion,
    uptimeSeconds: Math.round(reading.uptimeSeconds),
    memory: {
      rssBytes: reading.memory.rss,
      heapUsedBytes: reading.memory.heapUsed,
      heapTotalBytes: reading.memory.heapTotal,
      externalBytes: reading.memory.external,
    },
    cpu: {
      userSeconds: reading.cpu.user / 1e6,
      systemSeconds: reading.cpu.system / 1e6,
      utilization,
    },
    eventLoop: {
      delayP99Seconds: delayP99,
      delayMeanSeconds: sumOfMetric(metrics, 'nodejs.eventloop.delay.mean'),
      utilization: sumOfMetric(metrics, 'nodejs.eventloop.utilization'),
    },
    runtimeMetrics: utilization !== null || delayP99 !== null,
    store: store ?? null,
  };
}

/** Reads the current process. */
export function readProcess(): ProcessReading {
  return {
    pid: process.pid,
    nodeVersion: process.version,
    uptimeSeconds: process.uptime(),
    memory: process.memoryUsage(),
    cpu: process.cpuUsage(),
  };
}
