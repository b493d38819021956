/**
 * The shape every published package must keep, checked on the built output: a user installs these,
 * so a broken exports map or a missing README is a bug even when every unit test passes.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = new URL('..', import.meta.url).pathname;
const require = createRequire(import.meta.url);

interface PackageJson {
  name: string;
  private?: boolean;
  type?: string;
  sideEffects?: boolean;
  license?: string;
  files?: string[];
  exports?: Record<string, unknown>;
  publishConfig?: { access?: string };
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

const published = readdirSync(join(root, 'packages'))
  .map((dir) => ({
    dir: join(root, 'packages', dir),
    json: readJson(join(root, 'packages', dir, 'package.json')),
  }))
  .filter((entry) => !entry.json.private);

/** Names each package must export; adapters are checked by the rule below instead. */
const requiredExports: Record<string, string[]> = {
  '@mcp-o11y/core': [
    'createObservability',
    'loadConfig',
    'bindAdapter',
    'inMemoryBackend',
    'InMemoryBackend',
    'ConfigError',
    'instrument',
    'instrumentClient',
    'createIntegration',
  ],
  '@mcp-o11y/testkit': [
    'createCaptureFetch',
    'startHttpReceiver',
    'describeAdapterConformance',
    'describeNotifierConformance',
  ],
  '@mcp-o11y/cli': ['runCli'],
  '@mcp-o11y/dashboard': ['adapter', 'startDashboard', 'createDashboardHandler'],
};

function readJson(path: string): PackageJson {
  return JSON.parse(readFileSync(path, 'utf8')) as PackageJson;
}

type Condition = { types: string; default: string };

/** Packages that can only be imported: the testkit builds on vitest, which is ESM only. */
const esmOnly = new Set(['@mcp-o11y/testkit']);

describe.each(published)('$json.name', ({ dir, json }) => {
  it('has a README with an install line', () => {
    const readme = readFileSync(join(dir, 'README.md'), 'utf8');
    expect(readme).toMatch(new RegExp(`pnpm add (-D )?${json.name.replace('/', '\\/')}`));
  });

  it('is an ESM package without side effects, published publicly', () => {
    expect(json.type).toBe('module');
    expect(json.sideEffects).toBe(false);
    expect(json.license).toBe('MIT');
    expect(json.publishConfig?.access).toBe('public');
    expect(json.files).toContain('dist');
  });

  it('has an exports map with types per condition that matches the build output', () => {
    const main = json.exports?.['.'] as { import: Condition; require: Condition } | Condition;
    const conditions: Condition[] = esmOnly.has(json.name)
      ? [main as Condition]
      : [(main as { import: Condition }).import, (main as { require: Condition }).require];
    if (!esmOnly.has(json.name)) expect(Object.keys(main)).toEqual(['import', 'require']);
    for (const condition of conditions) {
      expect(Object.keys(condition)).toEqual(['types', 'default']);
      expect(existsSync(join(dir, condition.types)), condition.types).toBe(true);
      expect(existsSync(join(dir, condition.default)), condition.default).toBe(true);
    }
    expect(conditions[0]?.types.endsWith('.d.ts')).toBe(true);
    if (conditions[1]) expect(conditions[1].types.endsWith('.d.cts')).toBe(true);
    expect(json.exports?.['./package.json']).toBe('./package.json');
  });

  it('exports the same names from ESM and CJS, including the required ones', async () => {
    const esm = Object.keys(await import(pathToFileURL(join(dir, 'dist/index.js')).href)).sort();
    if (!esmOnly.has(json.name)) {
      const cjs = Object.keys(require(join(dir, 'dist/index.cjs')) as object)
        .filter((name) => name !== 'default' && name !== '__esModule')
        .sort();
      expect(cjs).toEqual(esm);
    }
    const required = requiredExports[json.name] ?? ['adapter'];
    expect(esm).toEqual(expect.arrayContaining(required));
  });

  it('keeps the dependency rule: core imports no adapter, adapters take core as a peer and no other adapter', () => {
    const internal = (deps: Record<string, string> | undefined) =>
      Object.keys(deps ?? {}).filter((name) => name.startsWith('@mcp-o11y/'));
    if (json.name === '@mcp-o11y/core') {
      expect([...internal(json.dependencies), ...internal(json.peerDependencies)]).toEqual([]);
      return;
    }
    // The CLI is an application over core and the generator packages, not an adapter.
    if (json.name === '@mcp-o11y/cli') {
      expect(json.dependencies?.['@mcp-o11y/core']).toBe('workspace:^');
      return;
    }
    expect(json.peerDependencies?.['@mcp-o11y/core']).toBe('workspace:^');
    expect(json.devDependencies?.['@mcp-o11y/core']).toBe('workspace:^');
    expect(internal(json.dependencies)).toEqual([]);
    expect(internal(json.peerDependencies)).toEqual(['@mcp-o11y/core']);
  });

  it('has no `export *` in its entry (explicit named exports only)', () => {
    expect(readFileSync(join(dir, 'src/index.ts'), 'utf8')).not.toMatch(/export \* from/);
  });
});

it('finds the published packages', () => {
  expect(published.map((entry) => entry.json.name)).toEqual(
    expect.arrayContaining(['@mcp-o11y/core', '@mcp-o11y/testkit']),
  );
});
