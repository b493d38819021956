import { readFile, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import {
  CONFIG_FILE_NAMES,
  CONFIG_PATH_ENV,
  ConfigError,
  loadConfig,
  type ObservabilityOptions,
} from '@mcp-o11y/core';
import { parse } from 'yaml';
import type { CliIo } from './cli-io.js';
import { cliImportAdapter } from './import-adapter.js';

/** The config file a command reads, and how it was chosen (for messages). */
export interface LocatedConfig {
  /** Absolute path; undefined when no `--config`, no `MCP_O11Y_CONFIG` and no default file exists. */
  readonly file: string | undefined;
  /** `config /abs/path`, `config /abs/path, from MCP_O11Y_CONFIG`, or why there is none. */
  readonly description: string;
}

/** Same order as core's `loadConfig`: `--config`, env `MCP_O11Y_CONFIG`, the default names in the working directory. */
export async function locateConfig(io: CliIo, path: string | undefined): Promise<LocatedConfig> {
  if (path !== undefined) {
    const file = resolve(io.cwd, path);
    return { file, description: `config ${file}` };
  }
  const fromEnv = io.env[CONFIG_PATH_ENV];
  if (fromEnv !== undefined && fromEnv !== '') {
    const file = resolve(io.cwd, fromEnv);
    return { file, description: `config ${file}, from ${CONFIG_PATH_ENV}` };
  }
  for (const name of CONFIG_FILE_NAMES) {
    const file = resolve(io.cwd, name);
    if (await isFile(file)) return { file, description: `config ${file}` };
  }
  return {
    file: undefined,
    description: `no config file (no --config, no ${CONFIG_PATH_ENV}, no ${CONFIG_FILE_NAMES.join(' / ')} in ${io.cwd})`,
  };
}

/**
 * Core's `loadConfig` on a located file, with adapters resolved from the user's project first.
 * @throws {ConfigError} listing every problem with its field path.
 */
export async function loadCliConfig(io: CliIo, file: string): Promise<ObservabilityOptions> {
  return loadConfig(file, {
    env: io.env,
    cwd: io.cwd,
    importAdapter: cliImportAdapter([dirname(file), io.cwd]),
  });
}

/** One `adapters` entry as written in the file (before interpolation), for generators that need ids. */
export interface RawAdapterEntry {
  readonly id: string;
  readonly name?: string;
  readonly options: Readonly<Record<string, unknown>>;
}

/**
 * The `adapters` entries as written, read after `loadConfig` accepted the file: generators need the ids
 * and literal option values (a notifier's `id`, the Prometheus port), never interpolated secrets.
 */
export async function readRawAdapterEntries(file: string): Promise<RawAdapterEntry[]> {
  const text = (await readFile(file, 'utf8')).replace(/^\uFEFF/, '');
  const tree: unknown = file.endsWith('.json') ? JSON.parse(text) : parse(text);
  const entries = (tree as { adapters?: unknown } | null)?.adapters;
  if (!Array.isArray(entries)) return [];
  return entries.flatMap((entry: unknown) => {
    if (typeof entry !== 'object' || entry === null) return [];
    const { id, name, options } = entry as Record<string, unknown>;
    if (typeof id !== 'string') return [];
    return [
      {
        id,
        ...(typeof name === 'string' ? { name } : {}),
        options: typeof options === 'object' && options !== null ? (options as Record<string, unknown>) : {},
      },
    ];
  });
}

/** Prints a ConfigError's issues (or any other error) to stderr. */
export function describeLoadFailure(error: unknown): string {
  if (error instanceof ConfigError) return error.message;
  return `[@mcp-o11y/cli] ${(error as Error).message ?? String(error)}`;
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}
