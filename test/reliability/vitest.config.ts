import { defineTestConfig } from '../../vitest.shared.ts';

// The short form runs in CI; `pnpm --filter @mcp-o11y/reliability full` (MCP_O11Y_RELIABILITY=full) runs
// the long one. Files run one at a time: the suite measures memory and latency, and parallel files would
// measure each other. --expose-gc: the soak compares the heap after full collections. The global setup
// empties .results, so the closing table (src/report/print-table.ts) shows this run only.
export default defineTestConfig({
  fileParallelism: false,
  testTimeout: 600_000,
  hookTimeout: 120_000,
  execArgv: ['--expose-gc'],
  globalSetup: ['src/report/clear-results.ts'],
});
