// Adds up every vitest JSON report of this run and prints one closing line "tests: N passed, N failed",
// the form CI reads. Exits 1 when a test failed or when no report was written at all (a silent no-op).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const reports = [];
for (const group of ['packages', 'examples', '.']) {
  const base = join(root, group);
  const dirs = group === '.' ? ['bench', 'test', 'test/reliability'] : readdirSync(base);
  for (const dir of dirs) {
    const file = join(base, dir, '.vitest-results.json');
    try {
      if (statSync(file).isFile()) reports.push(file);
    } catch {}
  }
}
let passed = 0;
let failed = 0;
let skipped = 0;
for (const file of reports) {
  const report = JSON.parse(readFileSync(file, 'utf8'));
  passed += report.numPassedTests ?? 0;
  failed += (report.numFailedTests ?? 0) + (report.numFailedTestSuites ?? 0);
  skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
}
console.log(`${reports.length} test reports`);
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || reports.length === 0 || passed === 0 ? 1 : 0);
