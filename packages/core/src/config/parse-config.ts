import type { ObservabilityOptions } from '../pipeline/observability-options.js';
import type { AdapterV1 } from '../spec/adapter/v1/adapter-v1.js';
import { checkAlertsConfig } from './check-alerts-config.js';
import { coerceInterpolated } from './coerce-interpolated.js';
import { configDepthIssue } from './config-depth.js';
import { ConfigError, type ConfigIssue } from './config-error.js';
import { type ConfigFile, configFileSchema } from './config-file-schema.js';
import { configErrorMap, toConfigIssues } from './config-issues.js';
import { defaultImportAdapter, type ImportAdapter } from './import-adapter-module.js';
import { interpolateEnv, isPlainObject } from './interpolate-env.js';
import { loadAdapters } from './load-adapters.js';

/** Options of {@link parseConfig}. */
export interface ParseConfigOptions {
  /**
   * Variables for `${VAR}` interpolation. Default: `process.env`. When given, it is also returned as the
   * options' `env`, so adapters read the same environment the file was interpolated with.
   */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Loads `@mcp-o11y/<id>`. Default: resolve from `cwd`, then a plain `import()` from core. For tests and bundlers. */
  readonly importAdapter?: (specifier: string) => Promise<unknown>;
  /** How error messages name the configuration, e.g. its file path. Default: `configuration`. */
  readonly source?: string;
  /** Directory adapter packages are resolved from. Default: `process.cwd()`. */
  readonly cwd?: string;
}

/** Internal settings shared by `parseConfig` and `loadConfig`. */
export interface ResolveConfigSettings {
  readonly env: Readonly<Record<string, string | undefined>> | undefined;
  readonly importAdapter: ImportAdapter;
  readonly source: string;
}

/**
 * Validates an already-parsed configuration object (what a YAML or JSON file holds) and loads its adapters:
 * the same pipeline as `loadConfig` without the file. The input is not modified.
 *
 * @throws {ConfigError} listing every problem: interpolation, schema and adapter options.
 */
export async function parseConfig(
  value: unknown,
  options: ParseConfigOptions = {},
): Promise<ObservabilityOptions> {
  return resolveConfig(value, {
    env: options.env,
    importAdapter: options.importAdapter ?? defaultImportAdapter([options.cwd ?? process.cwd()]),
    source: options.source ?? 'configuration',
  });
}

/** The pipeline: interpolate, validate (coercing interpolated strings), load adapters, report everything. */
export async function resolveConfig(
  value: unknown,
  settings: ResolveConfigSettings,
): Promise<ObservabilityOptions> {
  // Every step below walks the tree recursively: refuse a runaway depth (or a cycle) before any of them.
  const tooDeep = configDepthIssue(value);
  if (tooDeep !== undefined) throw new ConfigError([tooDeep], settings.source);
  const interpolation = interpolateEnv(value, settings.env ?? process.env);
  const tree = interpolation.value;
  const validated = validateConfigFile(tree, interpolation.interpolated);
  const entries = isPlainObject(tree) ? tree.adapters : undefined;
  const loaded = await loadAdapters(entries, settings.importAdapter, interpolation.interpolated);
  // A field whose variable is missing was already reported by name; its leftover text would only add
  // a confusing second issue at the same path.
  const alerts = validated.file === undefined ? [] : checkAlertsConfig(validated.file);
  const later = [...validated.issues, ...alerts, ...loaded.issues].filter(
    (issue) => !interpolation.failed.has(issue.path),
  );
  const issues = [...interpolation.issues, ...later];
  if (issues.length > 0 || validated.file === undefined) throw new ConfigError(issues, settings.source);
  return toObservabilityOptions(validated.file, loaded.adapters, settings.env);
}

interface ValidatedFile {
  readonly file: ConfigFile | undefined;
  readonly issues: readonly ConfigIssue[];
}

function validateConfigFile(tree: unknown, interpolated: ReadonlySet<string>): ValidatedFile {
  // Each round coerces every interpolated string the schema wanted as a number or boolean, then retries.
  for (let round = 0; ; round += 1) {
    const result = configFileSchema.safeParse(tree, { error: configErrorMap });
    if (result.success) return { file: result.data, issues: [] };
    if (round < 3 && coerceInterpolated(tree, result.error.issues, interpolated, [])) continue;
    return { file: undefined, issues: toConfigIssues(result.error.issues, []) };
  }
}

function toObservabilityOptions(
  file: ConfigFile,
  adapters: readonly AdapterV1[],
  env: Readonly<Record<string, string | undefined>> | undefined,
): ObservabilityOptions {
  const { $schema: _editorHint, adapters: _entries, ...rest } = file;
  return {
    ...rest,
    ...(file.adapters === undefined ? {} : { adapters }),
    ...(env === undefined ? {} : { env }),
  };
}
