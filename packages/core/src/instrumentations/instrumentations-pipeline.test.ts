import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createObservability } from '../pipeline/create-observability.js';
import type { Observability } from '../pipeline/observability.js';
import type { ObservabilityOptions } from '../pipeline/observability-options.js';
import { enableEarlyInstrumentations } from './early-instrumentations.js';
import {
  type FakeInstrumentation,
  fakeRecord,
  writeFakeInstrumentationPackages,
} from './fake-instrumentation-packages.test-helper.js';

const originalCwd = process.cwd();
let observability: Observability | undefined;
let cleanup: (() => void) | undefined;

afterEach(async () => {
  await observability?.shutdown();
  observability = undefined;
  process.chdir(originalCwd);
  cleanup?.();
  cleanup = undefined;
});

/** Fake pg and mysql2 packages installed in a folder that becomes the working directory. */
function application(): string {
  const packages = writeFakeInstrumentationPackages(['pg', 'mysql2']);
  cleanup = packages.remove;
  process.chdir(packages.directory);
  return packages.directory;
}

function pipeline(options: ObservabilityOptions): Promise<Observability> {
  return createObservability({
    logging: { destination: false },
    shutdownHooks: { signals: false, stdinEnd: false, beforeExit: false },
    // Not registered as globals: a span that still reaches the store came through the pipeline's own provider.
    registerGlobals: false,
    alerts: false,
    ...options,
  });
}

describe('createObservability({ instrumentations })', () => {
  it('loads only the named packages from the application, and gives them the pipeline providers', async () => {
    application();
    observability = await pipeline({ instrumentations: ['pg'] });
    expect(fakeRecord().loads).toEqual(['@opentelemetry/instrumentation-pg']);
    const [pg] = fakeRecord().instances as [FakeInstrumentation];
    expect(pg.calls).toEqual([
      'construct',
      'setTracerProvider',
      'setMeterProvider',
      'setLoggerProvider',
      'setConfig',
      'enable',
    ]);
    expect(pg.enabled).toBe(true);
    expect(pg.config.enabled).toBe(true);
    pg.tracerProvider?.getTracer('@opentelemetry/instrumentation-pg').startSpan('pg.query:SELECT shop').end();
    expect(observability.store?.recentSpans().map((span) => span.name)).toEqual(['pg.query:SELECT shop']);
  });

  it('disables every instrumentation at shutdown, before the providers close', async () => {
    application();
    const calls: string[] = [];
    const own = {
      instrumentationName: '@my/instrumentation',
      setTracerProvider: () => calls.push('setTracerProvider'),
      setMeterProvider: () => calls.push('setMeterProvider'),
      enable: () => calls.push('enable'),
      disable: () => calls.push('disable'),
    };
    observability = await pipeline({ instrumentations: ['pg', own] });
    const [pg] = fakeRecord().instances as [FakeInstrumentation];
    await observability.shutdown();
    expect(pg.calls.at(-1)).toBe('disable');
    expect(pg.enabled).toBe(false);
    expect(calls).toEqual(['setTracerProvider', 'setMeterProvider', 'enable', 'disable']);
  });

  it('refuses to start, having started nothing, when a package is missing', async () => {
    application();
    await expect(pipeline({ instrumentations: ['pg', 'ioredis'] })).rejects.toThrow(
      new Error(
        '[@mcp-o11y/core] instrumentation "ioredis" is not installed: run `pnpm add @opentelemetry/instrumentation-ioredis`',
      ),
    );
    // pg was created, never enabled: nothing was patched.
    expect(fakeRecord().instances.map((instance) => instance.calls)).toEqual([['construct']]);
  });

  it('accepts the names from a config file', async () => {
    const directory = application();
    writeFileSync(join(directory, 'mcp-o11y.config.yaml'), 'instrumentations:\n  - mysql2\n');
    const { loadConfig } = await import('../config/load-config.js');
    const options = await loadConfig(undefined, { env: {} });
    expect(options.instrumentations).toEqual(['mysql2']);
    observability = await pipeline(options);
    expect(fakeRecord().loads).toEqual(['@opentelemetry/instrumentation-mysql2']);
  });
});

describe('enableEarlyInstrumentations (the register hook)', () => {
  it('enables what the config file names before the pipeline exists, which then takes them over', async () => {
    const directory = application();
    writeFileSync(
      join(directory, 'observability.yaml'),
      'instrumentations:\n  - name: pg\n    options: { requireParentSpan: true }\n',
    );
    const env = { MCP_O11Y_CONFIG: 'observability.yaml' };
    expect(enableEarlyInstrumentations(env, directory)).toEqual(['pg']);
    const [pg] = fakeRecord().instances as [FakeInstrumentation];
    expect(pg.calls).toEqual(['construct', 'setConfig', 'enable']);
    expect(pg.config).toEqual({ enabled: true, requireParentSpan: true });
    observability = await pipeline({
      instrumentations: [{ name: 'pg', options: { requireParentSpan: true } }],
    });
    // The same instance, now with the pipeline's providers; no second one was made.
    expect(fakeRecord().instances).toHaveLength(1);
    expect(pg.calls.slice(3)).toEqual([
      'setTracerProvider',
      'setMeterProvider',
      'setLoggerProvider',
      'enable',
    ]);
  });

  it('does nothing without a config, with a bad one, with a missing package, or with the SDK disabled', () => {
    const directory = application();
    expect(enableEarlyInstrumentations({}, directory)).toEqual([]);
    writeFileSync(join(directory, 'mcp-o11y.config.yaml'), 'instrumentations: [pg, nope]\n');
    expect(enableEarlyInstrumentations({}, directory)).toEqual([]);
    writeFileSync(join(directory, 'mcp-o11y.config.yaml'), 'instrumentations: [pg, redis]\n');
    expect(enableEarlyInstrumentations({}, directory)).toEqual([]);
    writeFileSync(join(directory, 'mcp-o11y.config.yaml'), 'instrumentations: [pg]\n');
    expect(enableEarlyInstrumentations({ OTEL_SDK_DISABLED: 'true' }, directory)).toEqual([]);
    expect(fakeRecord().instances.every((instance) => !instance.enabled)).toBe(true);
    expect(enableEarlyInstrumentations({}, directory)).toEqual(['pg']);
  });
});
