import { describe, expect, it, vi } from 'vitest';
import { instrumentationsConfigSchema } from '../config/config-file-schema.js';
import {
  INSTRUMENTATION_CATALOGUE,
  INSTRUMENTATION_NAMES,
  instrumentationNameProblem,
  instrumentationPackageOf,
} from './instrumentation-catalogue.js';
import { loadInstrumentations } from './load-instrumentations.js';

const notFound = (specifier: string): Error =>
  Object.assign(new Error(`Cannot find module '${specifier}'\nRequire stack:\n- /app/noop.js`), {
    code: 'MODULE_NOT_FOUND',
  });

/** A class shaped like an OpenTelemetry instrumentation, remembering the config it was built with. */
function fakeClass(packageName: string) {
  return class {
    readonly instrumentationName = packageName;
    readonly config: Record<string, unknown>;
    constructor(config: Record<string, unknown>) {
      this.config = config;
    }
    setTracerProvider(): void {}
    setMeterProvider(): void {}
    enable(): void {}
    disable(): void {}
  };
}

/** A loader that has the packages in `installed`, records what it was asked for. */
function loader(installed: readonly string[]) {
  return vi.fn((specifier: string): unknown => {
    if (!installed.includes(specifier)) throw notFound(specifier);
    const target = Object.values(INSTRUMENTATION_CATALOGUE).find((entry) => entry.packageName === specifier);
    return { [target?.exportName ?? 'Missing']: fakeClass(specifier) };
  });
}

describe('the instrumentation catalogue', () => {
  it.each([
    ['pg', '@opentelemetry/instrumentation-pg', 'PgInstrumentation'],
    ['http', '@opentelemetry/instrumentation-http', 'HttpInstrumentation'],
    ['undici', '@opentelemetry/instrumentation-undici', 'UndiciInstrumentation'],
    ['mysql2', '@opentelemetry/instrumentation-mysql2', 'MySQL2Instrumentation'],
    ['redis', '@opentelemetry/instrumentation-redis', 'RedisInstrumentation'],
    ['ioredis', '@opentelemetry/instrumentation-ioredis', 'IORedisInstrumentation'],
    ['mongodb', '@opentelemetry/instrumentation-mongodb', 'MongoDBInstrumentation'],
    ['express', '@opentelemetry/instrumentation-express', 'ExpressInstrumentation'],
    ['fastify', '@fastify/otel', 'FastifyOtelInstrumentation'],
  ])('maps %s to %s %s', (name, packageName, exportName) => {
    expect(instrumentationPackageOf(name)).toMatchObject({ packageName, exportName });
  });

  it('names every contrib package by its suffix, so names match OTEL_NODE_ENABLED_INSTRUMENTATIONS', () => {
    for (const name of INSTRUMENTATION_NAMES) {
      const { packageName, exportName } = INSTRUMENTATION_CATALOGUE[name];
      if (name !== 'fastify') expect(packageName).toBe(`@opentelemetry/instrumentation-${name}`);
      expect(exportName).toMatch(/^[A-Z][A-Za-z0-9]*Instrumentation$/);
    }
    // @fastify/otel only instruments instances it is registered on: core asks it to do that itself.
    expect(INSTRUMENTATION_CATALOGUE.fastify.defaultOptions).toEqual({ registerOnInitialization: true });
  });

  it('refuses hono with what to do instead, and unknown names with the list of valid ones', () => {
    expect(instrumentationNameProblem('pg')).toBeUndefined();
    expect(instrumentationNameProblem('hono')).toMatch(/@hono\/otel.*httpInstrumentationMiddleware/);
    const unknown = instrumentationNameProblem('postgres');
    expect(unknown).toBe(
      `unknown instrumentation "postgres"; expected one of ${INSTRUMENTATION_NAMES.join(', ')}`,
    );
    expect(unknown).toContain('pg, mysql, mysql2');
    expect(instrumentationNameProblem('toString')).toMatch(/^unknown instrumentation/);
  });

  it('is checked by the config schema, with the path of the bad entry', () => {
    expect(
      instrumentationsConfigSchema.parse([
        'pg',
        { name: 'http', options: { requireParentforOutgoingSpans: true } },
      ]),
    ).toEqual(['pg', { name: 'http', options: { requireParentforOutgoingSpans: true } }]);
    const result = instrumentationsConfigSchema.safeParse(['pg', 'hono', 'postgresql']);
    expect(result.success).toBe(false);
    const issues = result.error?.issues.map((issue) => [issue.path.join('.'), issue.message]);
    expect(issues).toContainEqual(['1', expect.stringContaining('@hono/otel')]);
    expect(issues).toContainEqual(['2', expect.stringContaining('expected one of http, undici, pg')]);
  });

  it('refuses a config file naming an unknown library, with the field path', async () => {
    const { parseConfig } = await import('../config/parse-config.js');
    const refused = parseConfig({ instrumentations: ['pg', { name: 'hono' }] }, { env: {} });
    await expect(refused).rejects.toThrow(/instrumentations\[1\]\.name: instrumentation "hono": Hono has no/);
    await expect(parseConfig({ instrumentations: ['http', 'pg'] }, { env: {} })).resolves.toMatchObject({
      instrumentations: ['http', 'pg'],
    });
  });
});

describe('loadInstrumentations', () => {
  it('loads only the packages of the names listed, nothing without names', () => {
    const requireModule = loader([
      '@opentelemetry/instrumentation-pg',
      '@opentelemetry/instrumentation-http',
    ]);
    expect(loadInstrumentations([], { requireModule })).toEqual([]);
    expect(requireModule).not.toHaveBeenCalled();
    const loaded = loadInstrumentations(['pg'], { requireModule });
    expect(requireModule.mock.calls).toEqual([['@opentelemetry/instrumentation-pg']]);
    expect(loaded.map((entry) => entry.name)).toEqual(['pg']);
  });

  it('creates each instance disabled, with core defaults under the entry options', () => {
    const requireModule = loader(['@fastify/otel', '@opentelemetry/instrumentation-pg']);
    const [fastify, pg] = loadInstrumentations(
      ['fastify', { name: 'pg', options: { requireParentSpan: true } }],
      {
        requireModule,
      },
    );
    expect((fastify?.instance as unknown as { config: unknown } | undefined)?.config).toEqual({
      registerOnInitialization: true,
      enabled: false,
    });
    expect((pg?.instance as unknown as { config: unknown } | undefined)?.config).toEqual({
      requireParentSpan: true,
      enabled: false,
    });
    expect(pg?.createdDisabled).toBe(true);
  });

  it('says exactly what to install for a missing package', () => {
    expect(() => loadInstrumentations(['pg'], { requireModule: loader([]) })).toThrow(
      new Error(
        '[@mcp-o11y/core] instrumentation "pg" is not installed: run `pnpm add @opentelemetry/instrumentation-pg`',
      ),
    );
    expect(() => loadInstrumentations(['fastify'], { requireModule: loader([]) })).toThrow(
      '[@mcp-o11y/core] instrumentation "fastify" is not installed: run `pnpm add @fastify/otel`',
    );
  });

  it('lists every problem at once: each package to install, the one command for all, unknown names', () => {
    let message = '';
    try {
      loadInstrumentations(['pg', 'mysql2', 'postgres', 'hono'] as never, { requireModule: loader([]) });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message.split('\n')).toEqual([
      '[@mcp-o11y/core] cannot load the instrumentations:',
      '- instrumentation "pg" is not installed: run `pnpm add @opentelemetry/instrumentation-pg`',
      '- instrumentation "mysql2" is not installed: run `pnpm add @opentelemetry/instrumentation-mysql2`',
      '- or all at once: `pnpm add @opentelemetry/instrumentation-pg @opentelemetry/instrumentation-mysql2`',
      `- unknown instrumentation "postgres"; expected one of ${INSTRUMENTATION_NAMES.join(', ')}`,
      `- ${instrumentationNameProblem('hono')}`,
    ]);
  });

  it('tells a broken package (a dependency of it missing) and a wrong export apart from a missing one', () => {
    const brokenDependency = vi.fn(() => {
      throw notFound('@opentelemetry/instrumentation');
    });
    expect(() => loadInstrumentations(['pg'], { requireModule: brokenDependency })).toThrow(
      /cannot load @opentelemetry\/instrumentation-pg: Cannot find module '@opentelemetry\/instrumentation'/,
    );
    expect(() => loadInstrumentations(['pg'], { requireModule: () => ({ Other: class {} }) })).toThrow(
      /@opentelemetry\/instrumentation-pg has no PgInstrumentation export/,
    );
    expect(() =>
      loadInstrumentations(['pg', 'pg'], { requireModule: loader(['@opentelemetry/instrumentation-pg']) }),
    ).toThrow(/listed twice/);
  });

  it('takes instances as they are and prefers a preloaded one to loading the package', () => {
    const requireModule = loader([]);
    const own = new (fakeClass('@my/instrumentation'))({});
    const early = new (fakeClass('@opentelemetry/instrumentation-pg'))({});
    const loaded = loadInstrumentations([own, 'pg'], {
      requireModule,
      preloaded: (name) => (name === 'pg' ? early : undefined),
    });
    expect(loaded).toEqual([
      { name: '@my/instrumentation', instance: own, createdDisabled: false },
      { name: 'pg', instance: early, createdDisabled: false },
    ]);
    expect(requireModule).not.toHaveBeenCalled();
  });
});
