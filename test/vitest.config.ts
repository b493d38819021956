import { defineTestConfig } from '../vitest.shared.ts';

export default defineTestConfig({
  include: ['test/**/*.test.ts'],
  root: new URL('..', import.meta.url).pathname,
  outputFile: { json: 'test/.vitest-results.json' },
});
