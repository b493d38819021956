import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * Loads `@mcp-o11y/<id>` for `loadConfig`: from the user's project first (the config file's folder, then
 * the working directory), so the adapter version their server runs is the one checked; else from the
 * CLI's own dependencies (`@mcp-o11y/prometheus`, `@mcp-o11y/azure-monitor`). Core's default importer
 * would look next to core instead, which under pnpm sees neither.
 */
export function cliImportAdapter(baseDirs: readonly string[]): (specifier: string) => Promise<unknown> {
  return async (specifier) => {
    for (const baseDir of baseDirs) {
      const entry = await resolveEsmEntry(specifier, baseDir);
      if (entry !== undefined) return import(pathToFileURL(entry).href);
    }
    return import(specifier);
  };
}

async function resolveEsmEntry(specifier: string, baseDir: string): Promise<string | undefined> {
  let manifestPath: string;
  try {
    manifestPath = createRequire(join(baseDir, 'noop.js')).resolve(`${specifier}/package.json`);
  } catch {
    return undefined;
  }
  const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as Record<string, unknown>;
  const target =
    importTarget(manifest.exports) ??
    (typeof manifest.module === 'string' ? manifest.module : undefined) ??
    (typeof manifest.main === 'string' ? manifest.main : 'index.js');
  return join(dirname(manifestPath), target);
}

// The `.` entry under the `import`, `node` or `default` condition: enough for adapter packages.
function importTarget(exports: unknown): string | undefined {
  if (typeof exports === 'string') return exports;
  if (typeof exports !== 'object' || exports === null || Array.isArray(exports)) return undefined;
  const map = exports as Record<string, unknown>;
  if ('.' in map) return importTarget(map['.']);
  for (const [condition, target] of Object.entries(map)) {
    if (condition === 'import' || condition === 'node' || condition === 'default') {
      const resolved = importTarget(target);
      if (resolved !== undefined) return resolved;
    }
  }
  return undefined;
}
