import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** Loads a package synchronously; tests pass their own. */
export type RequireModule = (specifier: string) => unknown;

/**
 * The default loader: `require` resolved from each of `baseDirs` in turn (the application's folders:
 * under pnpm or in a workspace core's own `node_modules` cannot see the application's dependencies).
 * Synchronous on purpose: `--import @mcp-o11y/core/register` must patch libraries before the
 * application's first `import` runs. Throws the last resolution error when no folder has the package.
 */
export function defaultRequireModule(baseDirs: readonly string[]): RequireModule {
  return (specifier) => {
    let notFound: unknown;
    for (const baseDir of baseDirs) {
      const require = createRequire(join(baseDir, 'noop.js'));
      let resolved: string;
      try {
        resolved = require.resolve(specifier);
      } catch (error) {
        notFound = error;
        continue;
      }
      return require(resolved);
    }
    throw (
      notFound ?? Object.assign(new Error(`Cannot find module '${specifier}'`), { code: 'MODULE_NOT_FOUND' })
    );
  };
}

/** Where an application's packages are found: its working directory, then the folder of its entry script. */
export function applicationDirectories(cwd: string = process.cwd()): string[] {
  const entry = process.argv[1];
  const folders = [cwd];
  if (entry !== undefined && entry !== '') folders.push(dirname(entry));
  return [...new Set(folders)];
}
