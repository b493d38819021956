import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadRunbooks, parseRunbooks } from '@mcp-o11y/core';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordSuiteResult } from '../report/suite-result.js';
import { expectConfigOutcome } from './config-outcome.js';
import { fuzzRuns } from './fuzz-runs.js';
import { hostileString, hostileTree, settle, stableText } from './hostile-values.js';
import { prototypeChanges, snapshotPrototypes } from './prototype-guard.js';

// Runbook files (`parseRunbooks` on parsed data, `loadRunbooks` on JSON and YAML files and directories).

const RUNBOOK_KEYS = [
  'runbooks',
  'id',
  'title',
  'description',
  'severity',
  'alerts',
  'steps',
  'action',
  'command',
  'query',
  'escalation',
  'after',
  'contact',
] as const;

const runbookTree = hostileTree(RUNBOOK_KEYS, [
  fc.constantFrom('high_error_rate', 'a.b-c_d', '-bad', '../../etc/passwd', 'low', 'critical', '30m', '5x'),
]);

/** Hostile text that is never empty, so a runbook made of it is usually valid and gets past the schema. */
const text = (pieces: number) => hostileString(pieces).map((value) => `t${value}`);

/** A runbook shaped like a real one, mostly valid, with hostile text where text goes. */
const plausibleRunbook = fc.record({
  id: fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom('high_error_rate', 'db.down') },
    { weight: 1, arbitrary: hostileString(2) },
  ),
  title: text(4),
  description: text(4),
  severity: fc.constantFrom('low', 'high', 'critical', 'urgent'),
  steps: fc.array(fc.record({ title: text(3), action: text(3), command: text(3) }), {
    minLength: 1,
    maxLength: 3,
  }),
  escalation: fc.array(fc.record({ after: fc.constantFrom('30m', '1h', 'soon'), contact: text(2) }), {
    maxLength: 2,
  }),
});

let directory = '';
beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'mcp-o11y-fuzz-runbooks-'));
});
afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

describe('runbook files with hostile input', () => {
  it('parseRunbooks returns runbooks or a ConfigError with paths', async () => {
    const prototypes = snapshotPrototypes();
    let runs = 0;
    let accepted = 0;
    const input = fc.oneof(
      runbookTree,
      plausibleRunbook,
      fc.array(plausibleRunbook, { maxLength: 3 }).map((runbooks) => ({ runbooks })),
    );
    await fc.assert(
      fc.asyncProperty(input, async (raw) => {
        runs += 1;
        const before = stableText(raw);
        const outcome = await settle(() => parseRunbooks(raw, 'runbooks.yaml'));
        expectConfigOutcome(
          { ...outcome, ...(outcome.ok ? { value: { runbooks: outcome.value } } : {}) },
          'runbooks.yaml',
        );
        if (outcome.ok) {
          accepted += 1;
          // Accepted ids are what runbook URLs end with: never a path segment that climbs.
          for (const runbook of outcome.value) expect(runbook.id).toMatch(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/);
        }
        expect(stableText(raw)).toBe(before);
        expect(prototypeChanges(prototypes)).toEqual([]);
      }),
      fuzzRuns(150, 3_000),
    );
    expect(accepted).toBeGreaterThan(0);
    recordSuiteResult({
      area: 'fuzz',
      scenario: `runbooks: parseRunbooks, ${runs} hostile runbooks`,
      faults: runs,
      note: `${accepted} accepted, the rest refused with a ConfigError; prototypes untouched`,
    });
  });

  it('loadRunbooks reads a directory of hostile files into one ConfigError naming each file', async () => {
    const prototypes = snapshotPrototypes();
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.tuple(
            fc.constantFrom('.yaml', '.yml', '.json'),
            fc.oneof(
              plausibleRunbook.map((runbook) => JSON.stringify(runbook)),
              runbookTree.map((tree) => stableText(tree)),
              hostileString(8),
              fc.constant(`{"runbooks":${'['.repeat(50_000)}`),
              fc.constant('__proto__:\n  polluted: true\nid: x'),
            ),
          ),
          { minLength: 1, maxLength: 4 },
        ),
        async (files) => {
          runs += 1;
          const folder = join(directory, `run-${runs}`);
          await mkdir(folder);
          for (const [index, [extension, text]] of files.entries()) {
            await writeFile(join(folder, `runbook-${index}${extension}`), text);
          }
          const outcome = await settle(() => loadRunbooks(folder));
          if (outcome.ok) expect(Array.isArray(outcome.value)).toBe(true);
          // One failing file is named itself; several are reported under the directory.
          else
            expectConfigOutcome(outcome, [
              folder,
              ...files.map(([extension], index) => join(folder, `runbook-${index}${extension}`)),
            ]);
          expect(prototypeChanges(prototypes)).toEqual([]);
          await rm(folder, { recursive: true, force: true });
        },
      ),
      fuzzRuns(40, 1_000),
    );
    recordSuiteResult({
      area: 'fuzz',
      scenario: `runbooks: loadRunbooks, ${runs} directories of hostile files`,
      faults: runs,
      note: 'every directory loaded or refused with one ConfigError; JSON 50 000 levels deep refused, not a stack overflow',
    });
  });
});
