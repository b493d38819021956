// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these strings are config values with ${VAR} references.
import { describe, expect, it } from 'vitest';
import { ConfigError } from './config-error.js';
import { parseConfig } from './parse-config.js';

/** Runs parseConfig expecting a ConfigError and returns it. */
async function configError(value: unknown, env: Record<string, string> = {}): Promise<ConfigError> {
  const error = await parseConfig(value, { env, source: 'test.yaml' }).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(ConfigError);
  return error as ConfigError;
}

describe('parseConfig', () => {
  it('returns the file options without $schema, with adapters only when listed and env only when passed', async () => {
    const value = {
      $schema: './node_modules/@mcp-o11y/core/schema/mcp-o11y.config.schema.json',
      service: { name: 'orders', version: '1.2.0' },
      memory: { maxSpans: 50, relativeAccuracy: 0.02 },
      logging: { level: 'debug', destination: false },
      shutdownHooks: { signals: false },
      registerGlobals: false,
    };
    await expect(parseConfig(value)).resolves.toEqual({
      service: { name: 'orders', version: '1.2.0' },
      memory: { maxSpans: 50, relativeAccuracy: 0.02 },
      logging: { level: 'debug', destination: false },
      shutdownHooks: { signals: false },
      registerGlobals: false,
    });
    const env = { A: '1' };
    await expect(parseConfig({ memory: false }, { env })).resolves.toEqual({ memory: false, env });
  });

  it('reports a wrong type with the field path and what was expected', async () => {
    const error = await configError({ memory: { maxSeries: 'many' } });
    expect(error.name).toBe('ConfigError');
    expect(error.issues).toEqual([{ path: 'memory.maxSeries', message: 'expected number, received string' }]);
    expect(error.message).toContain('test.yaml: memory.maxSeries: expected number, received string');
    expect(error.message).toMatch(/^\[@mcp-o11y\/core\] /);
  });

  it('rejects unknown keys at the top level and nested, each with its own path', async () => {
    const error = await configError({
      servce: {},
      service: { name: 'x', nmae: 'y' },
      logging: { lvl: 'info' },
    });
    expect(error.issues.map((issue) => issue.path).sort()).toEqual(['logging.lvl', 'servce', 'service.nmae']);
    expect(error.issues.find((issue) => issue.path === 'service.nmae')?.message).toBe(
      'unknown key; expected one of: name, version, environment, instanceId',
    );
  });

  it('rejects logging.destination 1 because stdout is the MCP protocol', async () => {
    const error = await configError({ logging: { destination: 1 } });
    expect(error.issues).toEqual([
      { path: 'logging.destination', message: expect.stringContaining('stdout') },
    ]);
    expect(error.issues[0]?.message).toContain('MCP protocol');
    await expect(parseConfig({ logging: { destination: 2 } })).resolves.toEqual({
      logging: { destination: 2 },
    });
    expect((await configError({ logging: { destination: -3 } })).issues[0]?.message).toBe(
      'expected a number >= 0',
    );
    expect((await configError({ logging: { destination: 'stderr' } })).issues[0]?.message).toBe(
      'expected a file descriptor (an integer >= 0 other than 1) or false',
    );
  });

  it('checks ranges of the memory options', async () => {
    const error = await configError({
      memory: { maxSpans: 0, maxLogs: 1.5, relativeAccuracy: 0.5, bucketSeconds: 60, retentionSeconds: 30 },
    });
    expect(error.issues).toEqual([
      { path: 'memory.maxSpans', message: 'expected a number > 0' },
      { path: 'memory.maxLogs', message: 'expected integer, received number' },
      { path: 'memory.relativeAccuracy', message: 'expected a number < 0.5' },
    ]);
    const crossField = await configError({ memory: { bucketSeconds: 60, retentionSeconds: 30 } });
    expect(crossField.issues.map((issue) => issue.path)).toEqual(['memory.bucketSeconds']);
  });

  it('reports a missing variable with its field path and name', async () => {
    const error = await configError({ service: { name: '${SERVICE_NAME}' } }, { OTHER: 'x' });
    // One issue: the leftover text must not add "expected ..." at the same path.
    expect(error.issues).toEqual([
      {
        path: 'service.name',
        message:
          'environment variable SERVICE_NAME is not set; set it, or give a default with ${SERVICE_NAME:-value}',
      },
    ]);
  });

  it('uses ${VAR:-default} and $${ escapes', async () => {
    const options = await parseConfig(
      { service: { name: '${SERVICE_NAME:-orders}', environment: 'literal $${HOME}' } },
      { env: {} },
    );
    expect(options.service).toEqual({ name: 'orders', environment: 'literal ${HOME}' });
  });

  it('coerces interpolated strings where numbers and booleans are expected', async () => {
    const env = { SPANS: '500', ACCURACY: '0.05', GLOBALS: 'false', FD: '2', MEMORY: 'false' };
    const options = await parseConfig(
      {
        memory: { maxSpans: '${SPANS}', relativeAccuracy: '${ACCURACY}', maxLogs: '${LOGS:-20}' },
        registerGlobals: '${GLOBALS}',
        logging: { destination: '${FD}' },
        service: { version: '${SPANS}' },
      },
      { env },
    );
    expect(options).toMatchObject({
      memory: { maxSpans: 500, relativeAccuracy: 0.05, maxLogs: 20 },
      registerGlobals: false,
      logging: { destination: 2 },
      // A string field keeps the string.
      service: { version: '500' },
    });
    await expect(parseConfig({ memory: '${MEMORY}' }, { env })).resolves.toMatchObject({ memory: false });
    const stdout = await configError({ logging: { destination: '${FD}' } }, { FD: '1' });
    expect(stdout.issues[0]?.message).toContain('stdout');
  });

  it('does not coerce a literal string written in the file', async () => {
    const error = await configError({ memory: { maxSpans: '42' }, registerGlobals: 'true' });
    expect(error.issues).toEqual([
      { path: 'memory.maxSpans', message: 'expected number, received string' },
      { path: 'registerGlobals', message: 'expected boolean, received string' },
    ]);
  });

  it('never puts an interpolated secret into the error', async () => {
    const env = { TOKEN: 's3cr3t-token' };
    const error = await configError(
      { memory: { maxSpans: '${TOKEN}' }, registerGlobals: '${TOKEN}', logging: { destination: '${TOKEN}' } },
      env,
    );
    expect(error.issues.map((issue) => issue.path)).toEqual([
      'memory.maxSpans',
      'logging.destination',
      'registerGlobals',
    ]);
    expect(error.message).not.toContain('s3cr3t');
    expect(JSON.stringify(error.issues)).not.toContain('s3cr3t');
    expect(error.message).toContain('memory.maxSpans: expected number, received string');
  });

  it('lists every problem at once, one per line', async () => {
    const error = await configError({
      service: { name: '${MISSING}' },
      memory: { maxSeries: 'x' },
      logging: { level: 'verbose' },
      extra: true,
    });
    expect(error.issues.map((issue) => issue.path)).toEqual([
      'service.name',
      'memory.maxSeries',
      'logging.level',
      'extra',
    ]);
    const lines = error.message.split('\n');
    expect(lines[0]).toBe(
      '[@mcp-o11y/core] Invalid configuration (4 problems); fix the following and try again:',
    );
    expect(lines.slice(1)).toEqual([
      expect.stringMatching(/^ {2}test\.yaml: service\.name: environment variable MISSING is not set/),
      '  test.yaml: memory.maxSeries: expected number, received string',
      '  test.yaml: logging.level: expected one of "debug", "info", "warn", "error", "fatal"',
      expect.stringMatching(/^ {2}test\.yaml: extra: unknown key; expected one of: \$schema, service/),
    ]);
  });

  it('requires an object at the top level', async () => {
    const error = await configError(['a']);
    expect(error.issues).toEqual([{ path: '', message: 'expected object, received array' }]);
    expect(error.message).toContain('test.yaml: (file): expected object, received array');
  });
});
