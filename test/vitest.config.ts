import { defineTestConfig } from '../vitest.shared.ts';

export default defineTestConfig({
  include: ['test/**/*.test.ts'],
  // The reliability suite is its own workspace, run by turbo with its own settings.
  exclude: ['test/reliability/**', '**/node_modules/**'],
  root: new URL('..', import.meta.url).pathname,
  outputFile: { json: 'test/.vitest-results.json' },
});
