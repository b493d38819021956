// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these strings are config values with ${VAR} references.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ConfigError, loadConfig, parseConfig } from '@mcp-o11y/core';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FULL_RUN, recordSuiteResult } from '../report/suite-result.js';
import { expectConfigOutcome } from './config-outcome.js';
import { fuzzRuns } from './fuzz-runs.js';
import {
  hostileString,
  hostileTree,
  nestedArrays,
  nestedObjects,
  PROTOTYPE_KEYS,
  settle,
  stableText,
} from './hostile-values.js';
import { prototypeChanges, snapshotPrototypes } from './prototype-guard.js';

// Config files (`parseConfig` on parsed trees, `loadConfig` on JSON and YAML text) fed with hostile input:
// the result is options or a ConfigError with field paths, never another exception, never a polluted
// prototype, never a modified input, never an unbounded message, never an import outside @mcp-o11y/.

/** Keys of the real schema, so generated trees get past the top level and exercise nested validation. */
const CONFIG_KEYS = [
  '$schema',
  'service',
  'memory',
  'logging',
  'sampling',
  'alerts',
  'adapters',
  'runbooks',
  'health',
  'shutdownHooks',
  'registerGlobals',
  'runtimeMetrics',
  'name',
  'version',
  'environment',
  'instanceId',
  'maxSpans',
  'maxSeries',
  'maxLogs',
  'retentionSeconds',
  'bucketSeconds',
  'relativeAccuracy',
  'level',
  'destination',
  'requests',
  'ratio',
  'parentBased',
  'keepErrors',
  'mode',
  'rules',
  'slos',
  'routing',
  'route',
  'notifiers',
  'delivery',
  'id',
  'options',
  'port',
  'host',
  'directory',
  'baseUrl',
  'steps',
  'title',
  'severity',
  'condition',
  'kind',
  'threshold',
  'window',
  'matchers',
  'annotations',
  'summary',
] as const;

/** Interpolation that tries prototype names, nesting and malformed references. */
const INTERPOLATIONS = [
  '${PORT}',
  '${SECRET}',
  '${MISSING}',
  '${MISSING:-9464}',
  '${__proto__}',
  '${constructor}',
  '${toString}',
  '${A:-${B}}',
  '${',
  '$${PORT}',
  '${1BAD}',
  '${PORT:-}',
  '${EMPTY:-x}',
  'x${PORT}y',
] as const;

const ENV: Readonly<Record<string, string>> = Object.freeze({
  PORT: '9464',
  SECRET: 'hunter2-not-a-real-secret',
  EMPTY: '',
  B: '}',
});

const configTree = hostileTree(CONFIG_KEYS, [
  fc.constantFrom(...INTERPOLATIONS),
  fc.constantFrom('prometheus', 'otlp', '../../etc/passwd', 'node:fs', '@mcp-o11y/core', 'PROMETHEUS'),
]);

/** Records what config loading tried to import and refuses every import, like a missing package. */
function refusingImporter(specifiers: string[]) {
  return async (specifier: string): Promise<unknown> => {
    specifiers.push(specifier);
    throw Object.assign(new Error(`Cannot find package '${specifier}' imported from fuzz`), {
      code: 'ERR_MODULE_NOT_FOUND',
    });
  };
}

let directory = '';
beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'mcp-o11y-fuzz-config-'));
});
afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

describe('parseConfig with hostile trees', () => {
  it('returns options or throws a ConfigError with paths; never pollutes, mutates or imports outside the scope', async () => {
    const prototypes = snapshotPrototypes();
    const specifiers: string[] = [];
    let runs = 0;
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(configTree, async (tree) => {
        runs += 1;
        const before = stableText(tree);
        const outcome = await settle(() =>
          parseConfig(tree, { env: ENV, importAdapter: refusingImporter(specifiers), source: 'fuzz.yaml' }),
        );
        expectConfigOutcome(outcome, 'fuzz.yaml');
        if (!outcome.ok) refused += 1;
        expect(stableText(tree)).toBe(before);
        expect(prototypeChanges(prototypes)).toEqual([]);
      }),
      fuzzRuns(200, 5_000),
    );
    // Adapter ids come from the file: only packages of the scope may ever be imported.
    for (const specifier of specifiers) expect(specifier).toMatch(/^@mcp-o11y\/[a-z0-9][a-z0-9-]*$/);
    recordSuiteResult({
      area: 'fuzz',
      scenario: `config: parseConfig, ${runs} hostile trees`,
      faults: runs,
      note: `${refused} refused with a ConfigError, ${runs - refused} valid; ${specifiers.length} imports, all @mcp-o11y/*; prototypes untouched`,
    });
  });

  it('refuses trees nested past any real config (arrays, objects, a cycle) with a ConfigError, not a stack overflow', async () => {
    const cyclic: Record<string, unknown> = { name: 'x' };
    cyclic.self = cyclic;
    const cases: [string, unknown][] = [
      ['100 000 arrays under memory', { memory: nestedArrays(100_000) }],
      ['100 000 objects under an unknown key', { extra: nestedObjects(100_000) }],
      [
        '100 000 objects under adapters[0].options',
        { adapters: [{ id: 'otlp', options: nestedObjects(100_000) }] },
      ],
      ['a cycle under service', { service: cyclic }],
    ];
    for (const [label, tree] of cases) {
      const outcome = await settle(() =>
        parseConfig(tree, { env: ENV, importAdapter: refusingImporter([]), source: label }),
      );
      expectConfigOutcome(outcome, label);
      expect(outcome.ok, label).toBe(false);
    }
    recordSuiteResult({
      area: 'fuzz',
      scenario: 'config: parseConfig, trees 100 000 levels deep and a cycle',
      faults: cases.length,
      note: 'each refused with a ConfigError naming the path',
    });
  });

  it('keeps the message of a file with 100 000 bad keys bounded; every issue stays in issues', async () => {
    const service = Object.fromEntries(Array.from({ length: 100_000 }, (_, index) => [`k${index}`, 1]));
    const outcome = await settle(() => parseConfig({ service }, { env: ENV, source: 'many.yaml' }));
    expectConfigOutcome(outcome, 'many.yaml');
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect((outcome.error as ConfigError).issues).toHaveLength(100_000);
    recordSuiteResult({
      area: 'fuzz',
      scenario: 'config: 100 000 unknown keys',
      faults: 100_000,
      note: 'message capped at 64 KiB, all 100 000 issues in error.issues',
    });
  });
});

/** YAML that parsers have historically mishandled: tags, aliases, merges, directives, odd scalars. */
const YAML_FRAGMENTS = [
  'a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]',
  'service: !!js/function "function () { globalThis.pwned = true }"',
  'service: !!python/object/apply:os.system ["true"]',
  'logging: !!binary aGVsbG8gd29ybGQ=',
  'memory: !!set { a, b }',
  'base: &base { maxSeries: 5 }\nmemory:\n  <<: *base\n  __proto__: { polluted: true }',
  '__proto__:\n  polluted: true',
  'constructor:\n  prototype:\n    polluted: true',
  '? [complex, key]\n: value',
  '%YAML 1.1\n---\nservice: { name: x }',
  '---\nservice: {}\n---\nmemory: {}',
  'service:\n\tname: tab-indented',
  'memory: { maxSeries: 0x1F4 }',
  'memory: { maxSeries: 1e400 }',
  'service: { name: "\\ud800" }',
  'a: *undefined_alias',
  'self: &self [*self]',
  `service: { name: "${'\u202e'.repeat(10)}" }`,
  'service:\n  name: |\n    multi\n    line',
] as const;

const yamlText = fc.oneof(
  fc.constantFrom(...YAML_FRAGMENTS),
  fc
    .array(fc.constantFrom(...YAML_FRAGMENTS), { minLength: 2, maxLength: 4 })
    .map((parts) => parts.join('\n')),
  fc
    .tuple(fc.constantFrom(...CONFIG_KEYS, ...PROTOTYPE_KEYS), hostileString(4), fc.nat(6))
    .map(([key, value, indent]) => `${' '.repeat(indent)}${key}: ${value}`),
);
const jsonText = configTree.map((tree) => stableText(tree));
/** Text cut at a random point: an editor that saved half a file. */
const truncatedText = fc
  .tuple(fc.oneof(jsonText, yamlText), fc.double({ min: 0, max: 1, noNaN: true }))
  .map(([text, at]) => text.slice(0, Math.floor(text.length * at)));

const fileBody = fc.oneof(
  jsonText.map((text) => Buffer.from(text)),
  yamlText.map((text) => Buffer.from(text)),
  truncatedText.map((text) => Buffer.from(text)),
  hostileString(10).map((text) => Buffer.from(text)),
  // Not UTF-8 at all, or a byte order mark in front of text.
  fc.uint8Array({ maxLength: 256 }).map((bytes) => Buffer.from(bytes)),
  jsonText.map((text) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)])),
  jsonText.map((text) =>
    Buffer.concat([
      Buffer.from(text.slice(0, 5)),
      Buffer.from([0xff, 0xfe, 0xc3]),
      Buffer.from(text.slice(5)),
    ]),
  ),
);

describe('loadConfig with hostile files', () => {
  it('reads any JSON or YAML file into options or a ConfigError naming the file; nothing else', async () => {
    const prototypes = snapshotPrototypes();
    let runs = 0;
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(fileBody, fc.constantFrom('.json', '.yaml', '.yml', ''), async (body, extension) => {
        runs += 1;
        const file = join(directory, `config-${runs}${extension}`);
        await writeFile(file, body);
        const outcome = await settle(() =>
          loadConfig(file, { env: ENV, importAdapter: refusingImporter([]) }),
        );
        expectConfigOutcome(outcome, file);
        if (!outcome.ok) refused += 1;
        expect(prototypeChanges(prototypes)).toEqual([]);
        expect((globalThis as { pwned?: unknown }).pwned).toBeUndefined();
        await rm(file);
      }),
      fuzzRuns(200, 5_000),
    );
    recordSuiteResult({
      area: 'fuzz',
      scenario: `config: loadConfig, ${runs} hostile JSON/YAML files`,
      faults: runs,
      note: `${refused} refused with a ConfigError; no YAML tag ran code; prototypes untouched`,
    });
  });

  it('refuses deeply nested and huge files with a ConfigError, not a stack overflow', async () => {
    const depth = FULL_RUN ? 1_000_000 : 100_000;
    const cases: [string, string][] = [
      ['unclosed.json', '['.repeat(depth)],
      ['deep.json', `{"memory":${'['.repeat(depth)}${']'.repeat(depth)}}`],
      ['deep-objects.json', `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`],
      ['deep-flow.yaml', `memory: ${'['.repeat(depth)}${']'.repeat(depth)}`],
      [
        'deep-block.yaml',
        `memory:\n${Array.from({ length: 3_000 }, (_, level) => `${' '.repeat(level + 1)}- `).join('\n')}`,
      ],
      ['huge-scalar.yaml', `service:\n  name: "${'x'.repeat(FULL_RUN ? 20_000_000 : 2_000_000)}"\n  bad: 1`],
      [
        'many-keys.json',
        JSON.stringify({
          service: Object.fromEntries(Array.from({ length: 200_000 }, (_, i) => [`k${i}`, i])),
        }),
      ],
    ];
    for (const [name, text] of cases) {
      const file = join(directory, name);
      await writeFile(file, text);
      const outcome = await settle(() => loadConfig(file, { env: ENV }));
      expectConfigOutcome(outcome, file);
      expect(outcome.ok, name).toBe(false);
      await rm(file);
    }
    recordSuiteResult({
      area: 'fuzz',
      scenario: `config: files nested ${depth.toLocaleString('en')} levels deep, ${FULL_RUN ? 20 : 2} MB scalars, 200 000 keys`,
      faults: cases.length,
      note: 'each refused with a ConfigError naming the file; message bounded',
    });
  });
});
