import { createObservability } from '../pipeline/create-observability.js';
import type { Observability } from '../pipeline/observability.js';
import type { StoredMetric } from '../store/stored-metric.js';

/** A handle with the in-memory backend as its only reader, no stderr lines, no hooks, no globals. */
export function quietObservability(): Promise<Observability> {
  return createObservability({
    logging: { destination: false },
    shutdownHooks: { signals: false, stdinEnd: false, beforeExit: false },
    registerGlobals: false,
  });
}

/** Collects through the real MeterProvider into the in-memory reader; the metric named `name`, if any. */
export async function collectMetric(
  observability: Observability,
  name: string,
): Promise<StoredMetric | undefined> {
  const snapshot = await observability.store?.metricsSnapshot();
  if (snapshot === undefined) throw new Error('quietObservability() always has a store');
  if (snapshot.errors.length > 0) throw new Error(`collection errors: ${snapshot.errors.join('; ')}`);
  return snapshot.metrics.find((metric) => metric.name === name);
}

/** Value (sum, gauge) or count (histogram) of each point of `name`, keyed by its attributes as JSON. */
export async function pointValues(
  observability: Observability,
  name: string,
): Promise<Record<string, number>> {
  const metric = await collectMetric(observability, name);
  const values: Record<string, number> = {};
  for (const point of metric?.points ?? []) {
    const key = JSON.stringify(sortedEntries(point.attributes));
    values[key] = 'value' in point ? point.value : point.count;
  }
  return values;
}

/** The key `pointValues` uses for `attributes`. */
export function keyOf(attributes: Readonly<Record<string, unknown>>): string {
  return JSON.stringify(sortedEntries(attributes));
}

function sortedEntries(attributes: Readonly<Record<string, unknown>>): [string, unknown][] {
  return Object.entries(attributes).sort(([left], [right]) => left.localeCompare(right));
}
