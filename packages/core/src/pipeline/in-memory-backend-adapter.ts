import type { AdapterInstanceV1 } from '../spec/adapter/v1/adapter-instance-v1.js';
import type { AdapterV1 } from '../spec/adapter/v1/adapter-v1.js';
import { InMemoryBackend } from '../store/in-memory-backend.js';
import type { InMemoryBackendOptions } from '../store/in-memory-backend-options.js';

/** The built-in backend's contributions: it plugs into the pipeline exactly like any other adapter. */
export function inMemoryBackendInstance(backend: InMemoryBackend): AdapterInstanceV1 {
  return {
    specificationVersion: 'v1',
    id: 'memory',
    // Unbatched on purpose: storing into a ring buffer is cheaper than queueing for a batch.
    traces: { processors: [backend.spanProcessor] },
    metrics: { readers: [backend.metricReader] },
    logs: { processors: [backend.logRecordProcessor] },
    shutdown: () => backend.shutdown(),
  };
}

/**
 * The in-memory backend as an adapter, for conformance tests and for pipelines that want a second,
 * differently bounded copy. `createObservability` adds one by itself unless `memory: false`.
 */
export function inMemoryBackend(options: InMemoryBackendOptions = {}): AdapterV1 {
  return {
    specificationVersion: 'v1',
    id: 'memory',
    kinds: ['traces', 'metrics', 'logs'],
    create: () => inMemoryBackendInstance(new InMemoryBackend(options)),
  };
}
