import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError } from './config-error.js';
import { loadConfig } from './load-config.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mcp-o11y-config-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function loadError(...args: Parameters<typeof loadConfig>): Promise<ConfigError> {
  const error = await loadConfig(...args).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(ConfigError);
  return error as ConfigError;
}

const yaml = `# yaml-language-server: $schema=./schema.json
service:
  name: \${SERVICE:-orders}
memory:
  maxSpans: \${SPANS}
logging:
  level: warn
`;

describe('loadConfig', () => {
  it('loads the default YAML file from cwd with interpolation', async () => {
    await writeFile(join(dir, 'mcp-o11y.config.yaml'), yaml);
    const env = { SPANS: '250' };
    await expect(loadConfig(undefined, { cwd: dir, env })).resolves.toEqual({
      service: { name: 'orders' },
      memory: { maxSpans: 250 },
      logging: { level: 'warn' },
      env,
    });
  });

  it('loads a JSON file by extension and prefers .yaml over .yml over .json', async () => {
    await writeFile(join(dir, 'mcp-o11y.config.json'), JSON.stringify({ service: { name: 'from-json' } }));
    await expect(loadConfig(undefined, { cwd: dir, env: {} })).resolves.toMatchObject({
      service: { name: 'from-json' },
    });
    await writeFile(join(dir, 'mcp-o11y.config.yml'), 'service: { name: from-yml }\n');
    await expect(loadConfig(undefined, { cwd: dir, env: {} })).resolves.toMatchObject({
      service: { name: 'from-yml' },
    });
  });

  it('uses MCP_O11Y_CONFIG, relative to cwd, before the default names', async () => {
    await writeFile(join(dir, 'mcp-o11y.config.yaml'), 'service: { name: default }\n');
    await writeFile(join(dir, 'custom.json'), '{"registerGlobals": false}');
    const env = { MCP_O11Y_CONFIG: 'custom.json' };
    await expect(loadConfig(undefined, { cwd: dir, env })).resolves.toEqual({ registerGlobals: false, env });
  });

  it('uses an explicit path before MCP_O11Y_CONFIG', async () => {
    await writeFile(join(dir, 'explicit.yaml'), 'registerGlobals: true\n');
    const options = await loadConfig(join(dir, 'explicit.yaml'), { env: { MCP_O11Y_CONFIG: 'nope.yaml' } });
    expect(options.registerGlobals).toBe(true);
  });

  it('returns defaults when no path is given and no file exists', async () => {
    await expect(loadConfig(undefined, { cwd: dir })).resolves.toEqual({});
    await expect(loadConfig(undefined, { cwd: dir, env: {} })).resolves.toEqual({ env: {} });
  });

  it('fails naming the path when an explicit path or MCP_O11Y_CONFIG does not exist', async () => {
    const missing = join(dir, 'missing.yaml');
    const error = await loadError(missing);
    expect(error.source).toBe(missing);
    expect(error.message).toContain(`${missing}: (file): config file not found (named by the path argument)`);
    const fromEnv = await loadError(undefined, { cwd: dir, env: { MCP_O11Y_CONFIG: 'gone.json' } });
    expect(fromEnv.message).toContain(
      `${join(dir, 'gone.json')}: (file): config file not found (named by MCP_O11Y_CONFIG)`,
    );
  });

  it('reports YAML syntax errors with line and column but not the line itself', async () => {
    const file = join(dir, 'broken.yaml');
    await writeFile(file, 'service:\n  name: x\n token: "s3cr3t-token\n');
    const error = await loadError(file, { env: {} });
    expect(error.issues[0]?.message).toMatch(/^YAML syntax error at line \d+, column \d+: /);
    expect(error.message).not.toContain('s3cr3t');
  });

  it('reports duplicate YAML keys', async () => {
    const file = join(dir, 'dup.yaml');
    await writeFile(file, 'registerGlobals: true\nregisterGlobals: false\n');
    const error = await loadError(file, { env: {} });
    expect(error.issues).toEqual([
      { path: '', message: 'YAML syntax error at line 2, column 1: Map keys must be unique' },
    ]);
  });

  it('reports JSON syntax errors with line and column but not the text', async () => {
    const file = join(dir, 'broken.json');
    await writeFile(file, '{\n  "service": {"name": s3cr3t-token}\n}\n');
    const error = await loadError(file, { env: {} });
    expect(error.issues).toEqual([
      { path: '', message: 'JSON syntax error at line 2, column 23: expected a JSON value' },
    ]);
    expect(error.message).not.toContain('s3cr3t');
  });

  it('names the file and the field in validation errors and treats an empty YAML file as {}', async () => {
    const file = join(dir, 'mcp-o11y.config.yaml');
    await writeFile(file, 'memory:\n  maxSeries: lots\n');
    const error = await loadError(undefined, { cwd: dir, env: {} });
    expect(error.message).toContain(`${file}: memory.maxSeries: expected number, received string`);
    await writeFile(file, '# nothing configured yet\n');
    await expect(loadConfig(undefined, { cwd: dir })).resolves.toEqual({});
  });
});
