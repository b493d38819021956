import { FULL_RUN } from '../report/suite-result.js';

/**
 * fast-check settings for one property: `short` runs in CI, `full` under `pnpm --filter
 * @mcp-o11y/reliability full`. The seed comes from `MCP_O11Y_FUZZ_SEED` when set, so a failure printed by
 * fast-check (it prints its seed) can be replayed exactly.
 */
export function fuzzRuns(short: number, full: number): { numRuns: number; seed?: number } {
  const seed = process.env.MCP_O11Y_FUZZ_SEED;
  return {
    numRuns: FULL_RUN ? full : short,
    ...(seed === undefined || seed === '' ? {} : { seed: Number(seed) }),
  };
}
