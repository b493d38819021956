import { rmSync } from 'node:fs';
import { RESULTS_DIR } from './suite-result.js';

/**
 * Vitest global setup: empties `.results` before the run, so the table printed after it holds this
 * run's rows only (each scenario appends its row with `recordSuiteResult`).
 */
export default function clearResults(): void {
  rmSync(RESULTS_DIR, { recursive: true, force: true });
}
