/**
 * Names of the process and runtime metrics, copied from the OpenTelemetry semantic conventions 1.45.0
 * (`process.*`, `nodejs.*`, `v8js.*`, all still in development there), as that package advises instead of
 * depending on its incubating entry point. The one signal the conventions lack, V8's external memory,
 * carries the project prefix.
 */
export const RUNTIME_METRICS = {
  /** Counter, s, by `cpu.mode` (`user`, `system`): CPU time since the process started. */
  cpuTime: 'process.cpu.time',
  /** Gauge, 1, by `cpu.mode`: CPU time over the last window divided by wall time and available CPUs. */
  cpuUtilization: 'process.cpu.utilization',
  /** Up-down counter, By: resident set size. */
  memoryUsage: 'process.memory.usage',
  /** Up-down counter, By, by `v8js.heap.space.name`: heap bytes in use (their sum is `heapUsed`). */
  heapUsed: 'v8js.memory.heap.used',
  /** Up-down counter, By, by `v8js.heap.space.name`: heap bytes reserved (their sum is `heapTotal`). */
  heapSpaceSize: 'v8js.memory.heap.space.size',
  /** Up-down counter, By: memory of C++ objects bound to JavaScript objects, array buffers included. */
  externalMemory: 'mcp_o11y.nodejs.memory.external',
  /** Gauges, s: event loop delay over the last window (`perf_hooks.monitorEventLoopDelay`). */
  eventLoopDelayMin: 'nodejs.eventloop.delay.min',
  eventLoopDelayMax: 'nodejs.eventloop.delay.max',
  eventLoopDelayMean: 'nodejs.eventloop.delay.mean',
  eventLoopDelayStddev: 'nodejs.eventloop.delay.stddev',
  eventLoopDelayP50: 'nodejs.eventloop.delay.p50',
  eventLoopDelayP90: 'nodejs.eventloop.delay.p90',
  eventLoopDelayP99: 'nodejs.eventloop.delay.p99',
  /** Gauge, 1: share of the last window the event loop was busy (`performance.eventLoopUtilization`). */
  eventLoopUtilization: 'nodejs.eventloop.utilization',
  /** Counter, s, by `nodejs.eventloop.state` (`active`, `idle`): time spent in each state since start. */
  eventLoopTime: 'nodejs.eventloop.time',
  /** Histogram, s, by `v8js.gc.type` (`major`, `minor`, `incremental`, `weakcb`): each garbage collection. */
  gcDuration: 'v8js.gc.duration',
} as const;
