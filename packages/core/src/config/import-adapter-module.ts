import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Loads a module by specifier; tests and bundlers can pass their own. */
export type ImportAdapter = (specifier: string) => Promise<unknown>;

/**
 * The default importer. It resolves the adapter package from the user's side first (each of `baseDirs`,
 * usually the config file's folder and the working directory), because under pnpm or in a workspace
 * core's own `node_modules` cannot see the application's dependencies. Only if none has it does it fall
 * back to a plain `import()` from core.
 */
export function defaultImportAdapter(baseDirs: readonly string[]): ImportAdapter {
  return async (specifier) => {
    for (const baseDir of baseDirs) {
      const entry = await resolveEsmEntry(specifier, baseDir);
      if (entry !== undefined) return import(pathToFileURL(entry).href);
    }
    return import(specifier);
  };
}

/** True when `error` says that `specifier` itself is missing, not one of its own dependencies. */
export function isModuleNotFound(error: unknown, specifier: string): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (code !== 'ERR_MODULE_NOT_FOUND' && code !== 'MODULE_NOT_FOUND') return false;
  const missing = /^Cannot find (?:package|module) '([^']+)'/.exec(
    typeof message === 'string' ? message : '',
  );
  return missing?.[1] === specifier;
}

async function resolveEsmEntry(specifier: string, baseDir: string): Promise<string | undefined> {
  const require = createRequire(join(baseDir, 'noop.js'));
  let packageJsonPath: string;
  try {
    packageJsonPath = require.resolve(`${specifier}/package.json`);
  } catch {
    // Not installed there, or its exports map hides package.json: let the next base (or import()) try.
    return undefined;
  }
  const manifest = JSON.parse(await readFile(packageJsonPath, 'utf8')) as Record<string, unknown>;
  const target =
    exportTarget(manifest.exports) ??
    (typeof manifest.module === 'string' ? manifest.module : undefined) ??
    (typeof manifest.main === 'string' ? manifest.main : 'index.js');
  return join(dirname(packageJsonPath), target);
}

// Just enough of Node's exports resolution for the `.` entry with the `import` / `node` / `default` conditions.
function exportTarget(exports: unknown): string | undefined {
  if (typeof exports === 'string') return exports;
  if (typeof exports !== 'object' || exports === null || Array.isArray(exports)) return undefined;
  const map = exports as Record<string, unknown>;
  if ('.' in map) return exportTarget(map['.']);
  for (const [condition, target] of Object.entries(map)) {
    if (condition === 'import' || condition === 'node' || condition === 'default') {
      const resolved = exportTarget(target);
      if (resolved !== undefined) return resolved;
    }
  }
  return undefined;
}
