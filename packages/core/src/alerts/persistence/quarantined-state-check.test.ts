import { mkdtemp, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { FileStateStore } from './file-state-store.js';
import { quarantinedStateCheck } from './quarantined-state-check.js';

let directory: string;
beforeEach(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'mcp-o11y-quarantine-'));
});
afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

const run = (check = quarantinedStateCheck(directory)) =>
  check.check({ signal: new AbortController().signal });

it('passes for a missing directory and for valid state', async () => {
  expect(await run(quarantinedStateCheck(path.join(directory, 'not-yet')))).toMatchObject({
    status: 'pass',
  });
  await new FileStateStore({ directory }).save('alerts', { ok: true });
  expect(await run()).toMatchObject({ status: 'pass', details: { observedValue: 0 } });
});

it('warns, naming the moved file, while a quarantined state file is there, and clears once it is deleted', async () => {
  await writeFile(path.join(directory, 'alert-engine.svc.json'), '{"mcpO11yState":1,"key":"alert-en');
  const store = new FileStateStore({ directory, logger: undefinedLogger() });
  expect(await store.load('alert-engine.svc')).toBeUndefined();
  const result = await run();
  expect(result.status).toBe('warn');
  expect(result.message).toMatch(
    /^1 corrupt alert state file\(s\) were moved aside.*alert-engine\.svc\.json\.corrupt-\d+$/,
  );
  expect(result.remediation).toMatch(/delete them/);
  const [moved] = (result.details as { files: string[] }).files;
  await unlink(moved!);
  expect(await run()).toMatchObject({ status: 'pass' });
});

// The store's own warning is not what this test is about; keep it off the test output.
function undefinedLogger() {
  const logger = {
    debug() {},
    info() {},
    warn() {},
    error() {},
    fatal() {},
    child: () => logger,
    isLevelEnabled: () => false,
  };
  return logger;
}
