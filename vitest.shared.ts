import { defineConfig, type ViteUserConfig } from 'vitest/config';

/**
 * The test settings every workspace shares: tests next to the code and in test/, and a JSON report
 * that scripts/summarize-tests.mjs adds up into the one closing line CI reads.
 */
export function defineTestConfig(test: NonNullable<ViteUserConfig['test']> = {}): ViteUserConfig {
  return defineConfig({
    test: {
      include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
      reporters: ['default', 'json'],
      outputFile: { json: '.vitest-results.json' },
      // Generous: a timeout is a hang detector, not a speed check, and CI shares two cores.
      testTimeout: 60_000,
      hookTimeout: 60_000,
      ...test,
    },
  });
}
