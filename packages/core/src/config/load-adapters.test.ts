// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these strings are config values with ${VAR} references.
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { AdapterContextV1 } from '../spec/adapter/v1/adapter-context-v1.js';
import type { AdapterDescriptorV1 } from '../spec/adapter/v1/adapter-descriptor-v1.js';
import { ConfigError } from './config-error.js';
import { parseConfig } from './parse-config.js';

const fakeOptions = z.strictObject({
  port: z.number().int().min(1).max(65535).optional(),
  host: z.string().optional(),
  enabled: z.boolean().optional(),
});

function fakeDescriptor(id: string, seen: unknown[] = []): AdapterDescriptorV1<z.output<typeof fakeOptions>> {
  return {
    specificationVersion: 'v1',
    id,
    kinds: ['metrics'],
    parseOptions: (raw) => fakeOptions.parse(raw),
    create: (options) => {
      seen.push(options);
      return { specificationVersion: 'v1', id };
    },
  };
}

/** An importer serving `@mcp-o11y/<id>` from a table and failing like Node for anything else. */
function importerFor(modules: Record<string, unknown>): (specifier: string) => Promise<unknown> {
  return async (specifier) => {
    if (specifier in modules) return modules[specifier];
    throw Object.assign(new Error(`Cannot find package '${specifier}' imported from /app/index.js`), {
      code: 'ERR_MODULE_NOT_FOUND',
    });
  };
}

async function configError(value: unknown, options: Parameters<typeof parseConfig>[1]): Promise<ConfigError> {
  const error = await parseConfig(value, options).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(ConfigError);
  return error as ConfigError;
}

const context = {} as AdapterContextV1;

describe('adapter loading', () => {
  it('imports @mcp-o11y/<id>, validates its options and binds them', async () => {
    const seen: unknown[] = [];
    const importAdapter = importerFor({ '@mcp-o11y/fake': { adapter: fakeDescriptor('fake', seen) } });
    const options = await parseConfig(
      { adapters: [{ id: 'fake', options: { port: '${PORT}', enabled: '${ON:-true}' } }] },
      { env: { PORT: '9464' }, importAdapter },
    );
    expect(options.adapters).toHaveLength(1);
    const [adapter] = options.adapters ?? [];
    expect(adapter).toMatchObject({ specificationVersion: 'v1', id: 'fake', kinds: ['metrics'] });
    await adapter?.create(context);
    // Interpolated strings were coerced for the adapter's own schema too.
    expect(seen).toEqual([{ port: 9464, enabled: true }]);
  });

  it('accepts a CommonJS-style default export and an entry without options', async () => {
    const importAdapter = importerFor({ '@mcp-o11y/fake': { default: { adapter: fakeDescriptor('fake') } } });
    const options = await parseConfig({ adapters: [{ id: 'fake' }] }, { importAdapter });
    expect(options.adapters?.map((adapter) => adapter.id)).toEqual(['fake']);
  });

  it('says how to install a missing adapter', async () => {
    const error = await configError({ adapters: [{ id: 'prometheus' }] }, { importAdapter: importerFor({}) });
    expect(error.issues).toEqual([
      {
        path: 'adapters[0].id',
        message: 'adapter "prometheus" is not installed: run `pnpm add @mcp-o11y/prometheus`',
      },
    ]);
  });

  it('detects a missing adapter through the real import() too', async () => {
    const error = await configError({ adapters: [{ id: 'not-installed-anywhere' }] }, { cwd: tmpdir() });
    expect(error.issues[0]?.message).toBe(
      'adapter "not-installed-anywhere" is not installed: run `pnpm add @mcp-o11y/not-installed-anywhere`',
    );
  });

  it("reports a missing dependency of an installed adapter as that, not as the adapter's absence", async () => {
    const importAdapter = async () => {
      throw Object.assign(new Error("Cannot find package 'prom-client' imported from /x/dist/index.js"), {
        code: 'ERR_MODULE_NOT_FOUND',
      });
    };
    const error = await configError({ adapters: [{ id: 'prometheus' }] }, { importAdapter });
    expect(error.issues).toEqual([
      {
        path: 'adapters[0].id',
        message:
          "cannot load @mcp-o11y/prometheus: Cannot find package 'prom-client' imported from /x/dist/index.js",
      },
    ]);
  });

  it("reports the adapter's option errors under adapters[i].options", async () => {
    const importAdapter = importerFor({ '@mcp-o11y/fake': { adapter: fakeDescriptor('fake') } });
    const error = await configError(
      { adapters: [{ id: 'fake', options: { port: 'http', colour: 'red' } }] },
      { importAdapter },
    );
    expect(error.issues).toEqual([
      { path: 'adapters[0].options.port', message: 'expected number, received string' },
      { path: 'adapters[0].options.colour', message: 'unknown key; remove it or fix its spelling' },
    ]);
  });

  it('rejects modules that are not v1 adapters with the reason', async () => {
    const importAdapter = importerFor({
      '@mcp-o11y/none': { something: 1 },
      '@mcp-o11y/old': { adapter: { ...fakeDescriptor('old'), specificationVersion: 'v0' } },
      '@mcp-o11y/wrong-id': { adapter: fakeDescriptor('other') },
      '@mcp-o11y/no-create': { adapter: { specificationVersion: 'v1', id: 'no-create', kinds: [] } },
    });
    const error = await configError(
      { adapters: ['none', 'old', 'wrong-id', 'no-create'].map((id) => ({ id })) },
      { importAdapter },
    );
    expect(error.issues).toEqual([
      {
        path: 'adapters[0].id',
        message:
          '@mcp-o11y/none is not a usable adapter: it has no `adapter` export; is it an mcp-o11y adapter package?',
      },
      {
        path: 'adapters[1].id',
        message: expect.stringContaining('specification "v0" but this @mcp-o11y/core supports "v1"'),
      },
      {
        path: 'adapters[2].id',
        message:
          '@mcp-o11y/wrong-id is not a usable adapter: its descriptor id is "other", expected "wrong-id"',
      },
      {
        path: 'adapters[3].id',
        message: '@mcp-o11y/no-create is not a usable adapter: its descriptor has no `create` function',
      },
    ]);
  });

  it('allows the same id twice only with distinct names', async () => {
    const importAdapter = importerFor({ '@mcp-o11y/webhook': { adapter: fakeDescriptor('webhook') } });
    const ok = await parseConfig(
      { adapters: [{ id: 'webhook' }, { id: 'webhook', name: 'ops' }, { id: 'webhook', name: 'dev' }] },
      { importAdapter },
    );
    expect(ok.adapters).toHaveLength(3);
    const error = await configError(
      {
        adapters: [
          { id: 'webhook' },
          { id: 'webhook' },
          { id: 'webhook', name: 'ops' },
          { id: 'webhook', name: 'ops' },
        ],
      },
      { importAdapter },
    );
    expect(error.issues.map((issue) => issue.path)).toEqual(['adapters[1].id', 'adapters[3].name']);
    expect(error.issues[0]?.message).toContain('give each entry with the same id a distinct `name`');
  });

  it('collects schema, interpolation and adapter problems in one error without leaking values', async () => {
    const importAdapter = importerFor({ '@mcp-o11y/fake': { adapter: fakeDescriptor('fake') } });
    const error = await configError(
      {
        memory: { maxSpans: -1 },
        adapters: [
          { id: 'Bad_Id' },
          { id: 'fake', options: { port: '${SECRET_PORT}', host: '${MISSING_HOST}' } },
          { id: 'sentry' },
        ],
      },
      { importAdapter, env: { SECRET_PORT: 's3cr3t-token' } },
    );
    expect(error.issues.map((issue) => issue.path)).toEqual([
      'adapters[1].options.host',
      'memory.maxSpans',
      'adapters[0].id',
      'adapters[1].options.port',
      'adapters[2].id',
    ]);
    expect(error.message).not.toContain('s3cr3t');
  });

  it('resolves an adapter installed next to the config, where core itself cannot see it', async () => {
    const app = await mkdtemp(join(tmpdir(), 'mcp-o11y-app-'));
    const packageDir = join(app, 'node_modules', '@mcp-o11y', 'local-fake');
    await mkdir(join(packageDir, 'dist'), { recursive: true });
    await writeFile(
      join(packageDir, 'package.json'),
      JSON.stringify({
        name: '@mcp-o11y/local-fake',
        type: 'module',
        exports: { '.': { import: { default: './dist/index.js' } }, './package.json': './package.json' },
      }),
    );
    await writeFile(
      join(packageDir, 'dist', 'index.js'),
      "export const adapter = { specificationVersion: 'v1', id: 'local-fake', kinds: ['traces'], create: () => ({ specificationVersion: 'v1', id: 'local-fake' }) };\n",
    );
    const options = await parseConfig({ adapters: [{ id: 'local-fake' }] }, { cwd: app });
    expect(options.adapters?.map((adapter) => adapter.kinds)).toEqual([['traces']]);
  });
});
