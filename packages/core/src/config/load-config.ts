import { readFile, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { ObservabilityOptions } from '../pipeline/observability-options.js';
import { ConfigError, configIssue } from './config-error.js';
import { defaultImportAdapter } from './import-adapter-module.js';
import { resolveConfig } from './parse-config.js';
import { configFormatOf, parseConfigText } from './parse-config-text.js';

/** Files looked for in the working directory when no path is given, first match wins. */
export const CONFIG_FILE_NAMES = [
  'mcp-o11y.config.yaml',
  'mcp-o11y.config.yml',
  'mcp-o11y.config.json',
] as const;

/** The environment variable naming the config file when no path is passed. */
export const CONFIG_PATH_ENV = 'MCP_O11Y_CONFIG';

/** Options of {@link loadConfig}. */
export interface LoadConfigOptions {
  /**
   * Variables for `${VAR}` interpolation and for `MCP_O11Y_CONFIG`. Default: `process.env`. When given,
   * it is also returned as the options' `env`, so adapters read the same environment.
   */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Directory relative paths and the default file names are resolved against. Default: `process.cwd()`. */
  readonly cwd?: string;
  /**
   * Loads `@mcp-o11y/<id>`. Default: resolve the package from the config file's directory, then `cwd`,
   * then a plain `import()` from core. For tests and bundlers.
   */
  readonly importAdapter?: (specifier: string) => Promise<unknown>;
}

/**
 * Reads, interpolates and validates the configuration file and loads the adapters it names, returning
 * options for `createObservability`.
 *
 * The file is `path` if given, else env `MCP_O11Y_CONFIG`, else the first of `mcp-o11y.config.yaml`,
 * `.yml`, `.json` in `cwd`. With no `path`, no `MCP_O11Y_CONFIG` and none of those files it returns `{}`
 * (plus `env` when passed): running without a file means "defaults". A file that was named but does not
 * exist is an error. `.json` files are JSON, every other name YAML 1.2.
 *
 * String values may use `${VAR}` and `${VAR:-default}`, and `$${` for a literal `${`. An interpolated
 * string is converted to a number or boolean where the schema (or the adapter's options) expects one,
 * so `port: ${PORT}` works; a literal `"42"` written in the file is still a type error.
 *
 * @throws {ConfigError} listing every problem with the file path and field path, never a value.
 */
export async function loadConfig(
  path?: string,
  options: LoadConfigOptions = {},
): Promise<ObservabilityOptions> {
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? process.cwd();
  const located = await locateConfigFile(path, env, cwd);
  if (located === undefined) return options.env === undefined ? {} : { env: options.env };

  let text: string;
  try {
    text = await readFile(located.file, 'utf8');
  } catch (error) {
    throw new ConfigError([configIssue([], readFailure(error, located.namedBy))], located.file);
  }
  // Editors on Windows may save a byte order mark, which JSON.parse rejects.
  const parsed = parseConfigText(text.replace(/^\uFEFF/, ''), configFormatOf(located.file));
  if (!parsed.ok) throw new ConfigError(parsed.issues, located.file);

  return resolveConfig(parsed.value, {
    env: options.env,
    importAdapter: options.importAdapter ?? defaultImportAdapter([dirname(located.file), cwd]),
    source: located.file,
  });
}

interface LocatedConfigFile {
  /** Absolute path. */
  readonly file: string;
  /** How the file was chosen, for the "not found" message; undefined when found by the default names. */
  readonly namedBy: string | undefined;
}

async function locateConfigFile(
  path: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
  cwd: string,
): Promise<LocatedConfigFile | undefined> {
  if (path !== undefined && path !== '') return { file: resolve(cwd, path), namedBy: 'the path argument' };
  const fromEnv = env[CONFIG_PATH_ENV];
  if (fromEnv !== undefined && fromEnv !== '')
    return { file: resolve(cwd, fromEnv), namedBy: CONFIG_PATH_ENV };
  for (const name of CONFIG_FILE_NAMES) {
    const file = resolve(cwd, name);
    if (await isFile(file)) return { file, namedBy: undefined };
  }
  return undefined;
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}

function readFailure(error: unknown, namedBy: string | undefined): string {
  const code = (error as { code?: unknown } | undefined)?.code;
  if (code === 'ENOENT') {
    return `config file not found (named by ${namedBy ?? 'default'}); create it or fix the path`;
  }
  if (code === 'EISDIR') return 'is a directory; name the config file inside it';
  return `cannot read the config file (${typeof code === 'string' ? code : 'unknown error'}); check its permissions`;
}
