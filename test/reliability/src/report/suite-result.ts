import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

/** One row of the suite's closing table: what a scenario injected and what it observed. */
export interface SuiteResult {
  /** The area: faults, soak, crash, fuzz, cardinality, secrets, endpoints. */
  readonly area: string;
  /** What was done, e.g. "otlp: 429 Retry-After" or "config files (2,000 runs)". */
  readonly scenario: string;
  /** Faults (or hostile inputs) injected. */
  readonly faults: number;
  /** MCP requests served while the fault was active. */
  readonly requests?: number;
  /** Items dropped by the pipeline, as counted by its own metrics. */
  readonly dropped?: number;
  /** Items dropped that a metric counted (must equal `dropped`). */
  readonly counted?: number;
  /** Peak heap (MiB) during the scenario. */
  readonly heapPeakMiB?: number;
  /** Planted secrets found in anything that left the process (must be 0). */
  readonly secretsFound?: number;
  /** Free text: bounds asserted, recoveries observed. */
  readonly note?: string;
}

/** Where rows go: one JSON line per row, read by print-table.ts after the run. */
export const RESULTS_DIR = join(import.meta.dirname, '..', '..', '.results');

/** True for the long form (`pnpm --filter @mcp-o11y/reliability full`). */
export const FULL_RUN = process.env.MCP_O11Y_RELIABILITY === 'full';

/** Records one row of the closing table. Call it from a test once its assertions passed. */
export function recordSuiteResult(result: SuiteResult): void {
  mkdirSync(RESULTS_DIR, { recursive: true });
  appendFileSync(join(RESULTS_DIR, `${result.area}.jsonl`), `${JSON.stringify(result)}\n`);
}
