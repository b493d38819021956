import type { InMemoryBackend } from '@mcp-o11y/core';

/** Distinct attribute sets per MCP metric, as the in-memory metric reader collected them. */
export async function storedAttributeSets(store: InMemoryBackend): Promise<Map<string, number>> {
  const { metrics } = await store.metricsSnapshot();
  const sets = new Map<string, number>();
  for (const metric of metrics) {
    if (!metric.name.startsWith('mcp')) continue;
    sets.set(metric.name, (sets.get(metric.name) ?? 0) + metric.points.length);
  }
  return sets;
}

/** Whether any stored MCP metric carries the SDK's overflow point (`otel.metric.overflow=true`). */
export async function overflowedMetrics(store: InMemoryBackend): Promise<string[]> {
  const { metrics } = await store.metricsSnapshot();
  return metrics
    .filter((metric) => metric.name.startsWith('mcp') && metric.overflowed)
    .map((metric) => metric.name);
}

/**
 * Distinct label sets per metric family in a Prometheus text exposition (`name{labels} value` lines),
 * for the MCP families; histogram `_bucket` lines are left out (one per bucket), `_count` stands for them.
 */
export function scrapedLabelSets(exposition: string): Map<string, number> {
  const sets = new Map<string, Set<string>>();
  for (const line of exposition.split('\n')) {
    const match = /^(mcp[a-z0-9_]*)(\{.*\})? /.exec(line);
    if (match === null) continue;
    const [, name = '', labels = ''] = match;
    if (name.endsWith('_bucket') || name.endsWith('_sum')) continue;
    let family = sets.get(name);
    if (family === undefined) {
      family = new Set();
      sets.set(name, family);
    }
    family.add(labels);
  }
  return new Map([...sets].map(([name, labels]) => [name, labels.size]));
}

/** The sum of a map's values. */
export function total(counts: ReadonlyMap<string, number>): number {
  let sum = 0;
  for (const count of counts.values()) sum += count;
  return sum;
}
