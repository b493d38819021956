import { closeSync, openSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createHealthFetchHandler, createObservability, type Observability } from '@mcp-o11y/core';
import { afterEach, expect, it } from 'vitest';
import { recordSuiteResult } from '../report/suite-result.ts';

const STATE_FILE = 'alert-engine.corrupt-test.json';
// A valid file of the format after this one: not ours to read, so it must not be overwritten either.
const newerFormat = JSON.stringify({
  mcpO11yState: 2,
  key: 'alert-engine.corrupt-test',
  savedAt: '2030-01-01T00:00:00.000Z',
  value: { version: 2, alerts: [] },
});

let directory: string | undefined;
let observability: Observability | undefined;
afterEach(async () => {
  await observability?.shutdown();
  if (directory !== undefined) await rm(directory, { recursive: true, force: true });
  observability = directory = undefined;
});

const corruptions: readonly [string, string | Buffer][] = [
  ['truncated mid-write', '{"mcpO11yState":1,"key":"alert-engine.corrupt-test","savedAt":"2026-01-'],
  ['garbage bytes', Buffer.from([0x00, 0xff, 0x13, 0x37, 0x0a, 0x7b])],
  ['a newer format version', newerFormat],
  ['an empty file', ''],
];

it.each(corruptions)(
  'a state file that is %s is moved aside, logged and reported on /health/detailed, not silently reset',
  async (kind, content) => {
    directory = await mkdtemp(path.join(tmpdir(), 'mcp-o11y-corrupt-'));
    const stateDirectory = path.join(directory, 'state');
    await mkdir(stateDirectory);
    await writeFile(path.join(stateDirectory, STATE_FILE), content);
    const logFile = path.join(directory, 'log.jsonl');
    const logFd = openSync(logFile, 'a');
    try {
      observability = await createObservability({
        service: { name: 'corrupt-test' },
        logging: { destination: logFd },
        registerGlobals: false,
        shutdownHooks: { signals: false, stdinEnd: false, beforeExit: false },
        alerts: { state: { directory: stateDirectory }, console: false, defaultRules: false },
      });
      // The engine restored (and quarantined) on start; every evaluation saves a fresh state, in the background.
      await observability.alerts?.evaluateNow();
      await expect.poll(() => readdir(stateDirectory)).toContain(STATE_FILE);
      const names = (await readdir(stateDirectory)).sort();
      const moved = names.find((name) => name.startsWith(`${STATE_FILE}.corrupt-`));
      expect(moved, `the ${kind} file was not moved aside: ${names.join(', ')}`).toBeDefined();
      expect(await readFile(path.join(stateDirectory, moved!))).toEqual(Buffer.from(content));
      // The engine goes on with a fresh, valid file next to the moved one.
      expect(JSON.parse(await readFile(path.join(stateDirectory, STATE_FILE), 'utf8'))).toMatchObject({
        mcpO11yState: 1,
        value: { version: 1 },
      });

      // Reported: a warning in the log naming both files, and a warning on /health/detailed.
      await observability.forceFlush();
      const lines = readFileSync(logFile, 'utf8').trim().split('\n').filter(Boolean);
      const warning = lines
        .map((line) => JSON.parse(line))
        .find((line) => /not valid mcp-o11y state/.test(line.message));
      expect(warning, lines.join('\n')).toMatchObject({
        level: 'warn',
        quarantinedTo: path.join(stateDirectory, moved!),
      });
      const health = createHealthFetchHandler(observability);
      const response = await health(new Request('http://127.0.0.1/health/detailed'));
      const body = (await response.json()) as {
        status: string;
        checks: Record<string, { status: string; output?: string }[]>;
      };
      expect(body.status).toBe('warn');
      const [check] = Object.entries(body.checks).find(([name]) => name.startsWith('alert-state'))?.[1] ?? [];
      expect(check).toMatchObject({ status: 'warn', output: expect.stringContaining(moved!) });
    } finally {
      closeSync(logFd);
    }
    recordSuiteResult({
      area: 'crash',
      scenario: `corrupt state file: ${kind}`,
      faults: 1,
      note: 'moved aside intact, warning logged with both paths, alert-state health check warns, engine restarted empty',
    });
  },
);
