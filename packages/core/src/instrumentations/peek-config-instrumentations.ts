import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { instrumentationsConfigSchema } from '../config/config-file-schema.js';
import { interpolateEnv, isPlainObject } from '../config/interpolate-env.js';
import { CONFIG_FILE_NAMES, CONFIG_PATH_ENV } from '../config/load-config.js';
import { configFormatOf, parseConfigText } from '../config/parse-config-text.js';
import type { InstrumentationEntry } from './instrumentation-like.js';

/**
 * The `instrumentations` of the config file `loadConfig()` would read (env `MCP_O11Y_CONFIG`, else the
 * default names in `cwd`), read synchronously: the zero-code register hook must patch libraries before
 * the application's modules load, and `loadConfig` is asynchronous. Any problem yields `[]`; the full
 * `loadConfig` that follows reports it properly.
 */
export function peekConfigInstrumentations(
  env: Readonly<Record<string, string | undefined>>,
  cwd: string,
): InstrumentationEntry[] {
  try {
    const file = configFile(env, cwd);
    if (file === undefined) return [];
    const parsed = parseConfigText(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''), configFormatOf(file));
    if (!parsed.ok) return [];
    const tree = interpolateEnv(parsed.value, env).value;
    if (!isPlainObject(tree)) return [];
    const result = instrumentationsConfigSchema.safeParse(tree.instrumentations ?? []);
    return result.success ? [...result.data] : [];
  } catch {
    return [];
  }
}

function configFile(env: Readonly<Record<string, string | undefined>>, cwd: string): string | undefined {
  const named = env[CONFIG_PATH_ENV];
  if (named !== undefined && named !== '') return resolve(cwd, named);
  return CONFIG_FILE_NAMES.map((name) => resolve(cwd, name)).find((file) => {
    try {
      return statSync(file).isFile();
    } catch {
      return false;
    }
  });
}
