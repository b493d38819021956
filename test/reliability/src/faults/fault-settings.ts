import { FULL_RUN } from '../report/suite-result.js';
import { FAULTS, type FaultMode } from './fault-mode.js';

/** The bounds every fault scenario asserts; stated once so the table's notes and the README quote them. */
export const BOUNDS = {
  /**
   * Median MCP call latency under the fault ÷ the median of the healthy blocks around it, same run. Two,
   * not 1.5: on two cores shared with other jobs, healthy-vs-healthy medians already differ by up to 1.4x;
   * a request path that waited on a backend would be hundreds of times slower.
   */
  latencyRatio: 2,
  /** Heap growth over the scenario (peak `heapUsed` − `heapUsed` after gc at its start), MiB. */
  heapGrowthMiB: 64,
  /** How long the backend may take to deliver again once healthy (a hang detector, not a timing goal), ms. */
  recoveryMs: 30_000,
} as const;

/** Sizes of one fault scenario. The short form runs in CI; the full one is `pnpm … full`. */
export interface FaultSettings {
  /** Healthy-then-faulty block pairs. */
  readonly rounds: number;
  /** MCP calls per block, at least. */
  readonly callsPerBlock: number;
  /** A faulty block lasts at least this long, ms: longer than the clients' timeouts, so failures surface. */
  readonly faultMinMs: number;
  /** Pause between calls, ms. */
  readonly intervalMs: number;
  /** Calls before the first measured block (JIT, lazy imports). */
  readonly warmupCalls: number;
}

export const FAULT_SETTINGS: FaultSettings = FULL_RUN
  ? { rounds: 3, callsPerBlock: 300, faultMinMs: 1_500, intervalMs: 2, warmupCalls: 200 }
  : { rounds: 1, callsPerBlock: 150, faultMinMs: 1_100, intervalMs: 2, warmupCalls: 60 };

/**
 * The faults the backend at `position` of `count` meets. Full run: every fault. Short run: the faults
 * whose index is `position` modulo `count`, and at least the one at `position` modulo the number of
 * faults, so every backend meets one and together they meet every fault.
 */
export function faultsFor(position: number, count: number): readonly Exclude<FaultMode, 'ok'>[] {
  if (FULL_RUN) return FAULTS;
  const picked = FAULTS.filter((_, index) => index % count === position % count);
  const own = FAULTS[position % FAULTS.length]!;
  return picked.includes(own) ? picked : [own, ...picked];
}
