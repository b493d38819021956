import type { StoredMetric } from '@mcp-o11y/core';

/**
 * Sum of the points of the sum or gauge metric `name` whose attributes match `where`; null when the
 * metric was not collected (runtime metrics off, nothing instrumented yet).
 */
export function sumOfMetric(
  metrics: readonly StoredMetric[],
  name: string,
  where: Readonly<Record<string, string>> = {},
): number | null {
  let total: number | null = null;
  for (const metric of metrics) {
    if (metric.name !== name || (metric.type !== 'sum' && metric.type !== 'gauge')) continue;
    for (const point of metric.points) {
      const matches = Object.entries(where).every(([key, value]) => point.attributes[key] === value);
      if (matches) total = (total ?? 0) + point.value;
    }
  }
  return total;
}
