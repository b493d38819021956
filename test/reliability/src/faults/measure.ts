import { setTimeout as sleep } from 'node:timers/promises';
import type { Observability } from '@mcp-o11y/core';

const MIB = 1024 * 1024;

/** The median of `values` (NaN when empty). */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Bytes as MiB with one decimal. */
export function mebibytes(bytes: number): number {
  return Math.round((bytes / MIB) * 10) / 10;
}

/** A full collection when node runs with --expose-gc (vitest.config.ts asks for it); otherwise nothing. */
export function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
}

/** `heapUsed` after a full collection, bytes. */
export function settledHeap(): number {
  collectGarbage();
  return process.memoryUsage().heapUsed;
}

/** Attributes of one metric point, as the in-memory reader copies them. */
type PointAttributes = Readonly<Record<string, unknown>>;

/**
 * The sum of a counter's points whose attributes pass `where`, read from the pipeline's own in-memory
 * metric reader: what a dashboard or an alert rule on that metric would see.
 */
export async function counterSum(
  observability: Observability,
  name: string,
  where: (attributes: PointAttributes) => boolean = () => true,
): Promise<number> {
  const snapshot = await observability.store?.metricsSnapshot();
  if (snapshot === undefined) throw new Error(`[reliability] no in-memory store to read ${name} from`);
  let sum = 0;
  for (const metric of snapshot.metrics) {
    if (metric.name !== name || metric.type !== 'sum') continue;
    for (const point of metric.points) if (where(point.attributes)) sum += point.value;
  }
  return sum;
}

/** Polls `check` every `everyMs` until it returns true; false after `timeoutMs` (a hang detector). */
export async function eventually(
  check: () => boolean | Promise<boolean>,
  timeoutMs: number,
  everyMs = 50,
): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    if (await check()) return true;
    if (performance.now() > deadline) return false;
    await sleep(everyMs);
  }
}
