import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ConfigError, loadConfig } from '@mcp-o11y/core';
import { describe, expect, it } from 'vitest';
import { configPath } from './support/run-example.ts';

/** The secrets the Sentry and Azure files require; placeholders here, nothing is sent while loading. */
const REQUIRED = {
  SENTRY_DSN: 'http://publickey@127.0.0.1:9/1',
  APPLICATIONINSIGHTS_CONNECTION_STRING:
    'InstrumentationKey=00000000-0000-4000-8000-000000000000;IngestionEndpoint=https://127.0.0.1:9/',
};

const files = readdirSync(fileURLToPath(new URL('../configs', import.meta.url))).sort();

const expectedAdapters: Readonly<Record<string, readonly string[]>> = {
  'all-traces.yaml': ['otlp', 'zipkin', 'jaeger'],
  'azure-prometheus-otlp.yaml': ['azure-monitor', 'prometheus', 'otlp'],
  'jaeger.yaml': ['jaeger'],
  'otlp.yaml': ['otlp'],
  'sentry-otlp.yaml': ['sentry', 'otlp'],
  'zipkin.yaml': ['zipkin'],
};

describe('configs/', () => {
  it('holds the files the README describes', () => {
    expect(files).toEqual(Object.keys(expectedAdapters));
  });

  it.each(files)('%s loads, names its adapters, and differs from otlp.yaml only in them', async (file) => {
    const options = await loadConfig(configPath(file), { env: REQUIRED });
    expect(options.adapters?.map((adapter) => adapter.id)).toEqual(expectedAdapters[file]);
    const { adapters: _adapters, env: _env, ...rest } = options;
    const reference = await loadConfig(configPath('otlp.yaml'), { env: {} });
    const { adapters: _referenceAdapters, env: _referenceEnv, ...referenceRest } = reference;
    // Same service and settings everywhere (alerts off, so no state file): only the backends change.
    expect(rest).toEqual(referenceRest);
    expect(rest).toEqual({ service: { name: 'weather-mcp', environment: 'dev' }, alerts: false });
  });

  it.each([
    ['sentry-otlp.yaml', 'SENTRY_DSN', 'adapters[0].options.dsn'],
    [
      'azure-prometheus-otlp.yaml',
      'APPLICATIONINSIGHTS_CONNECTION_STRING',
      'adapters[0].options.connectionString',
    ],
  ])('%s is refused at start without %s, naming the field', async (file, variable, path) => {
    const refused = await loadConfig(configPath(file), { env: {} }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ConfigError);
    expect((refused as ConfigError).issues).toEqual([
      { path, message: expect.stringContaining(`environment variable ${variable} is not set`) },
    ]);
  });

  it('a misspelt mode in the environment is refused with the field path, not silently defaulted', async () => {
    const refused = await loadConfig(configPath('jaeger.yaml'), { env: { JAEGER_MODE: 'thrift' } }).catch(
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(ConfigError);
    expect((refused as ConfigError).issues.map((issue) => issue.path)).toEqual(['adapters[0].options.mode']);
  });
});
