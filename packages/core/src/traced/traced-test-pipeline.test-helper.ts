import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace';
import { createObservability } from '../pipeline/create-observability.js';
import type { Observability } from '../pipeline/observability.js';
import type { StoredHistogramPoint } from '../store/stored-metric.js';
import { FUNCTION_DURATION_METRIC } from './function-instruments.js';

/** A real pipeline: the in-memory backend for metrics and an exporter that keeps every ended span. */
export async function tracedTestPipeline(): Promise<{
  observability: Observability;
  exporter: InMemorySpanExporter;
}> {
  const exporter = new InMemorySpanExporter();
  const observability = await createObservability({
    logging: { destination: false },
    shutdownHooks: { signals: false, stdinEnd: false, beforeExit: false },
    registerGlobals: false,
    alerts: false,
    adapters: [
      {
        specificationVersion: 'v1',
        id: 'spans',
        kinds: ['traces'],
        create: () => ({
          specificationVersion: 'v1',
          id: 'spans',
          traces: { processors: [new SimpleSpanProcessor({ exporter })] },
        }),
      },
    ],
  });
  return { observability, exporter };
}

/** The points of `mcp_o11y.function.duration`, collected through the real MeterProvider. */
export async function durationPoints(observability: Observability): Promise<StoredHistogramPoint[]> {
  const snapshot = await observability.store?.metricsSnapshot();
  const metric = snapshot?.metrics.find((candidate) => candidate.name === FUNCTION_DURATION_METRIC);
  if (metric === undefined) return [];
  if (metric.type !== 'histogram') throw new Error(`${FUNCTION_DURATION_METRIC} is a ${metric.type}`);
  return [...metric.points];
}

/** A promise and the function that resolves it: lets a test look at a call before it settles. */
export function gate(): { ready: Promise<void>; open: () => void } {
  let open: () => void = () => {};
  const ready = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { ready, open };
}
