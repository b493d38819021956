import { isAbsolute } from 'node:path';
import type { InstrumentationLike } from './instrumentation-like.js';
import type { RequireModule } from './require-instrumentation-module.js';

/**
 * Loads, through `require`, each module an enabled instrumentation patches (`pg`, `express`, `http`, …)
 * that the application can resolve, so it is patched now and in place.
 *
 * Why: instrumentations patch through require-in-the-middle, which sees `require` calls only. An ES module's
 * `import express from 'express'` loads a CommonJS package without one (its internal `require`s are seen,
 * which is why `pg`'s file-level hooks work, but `express`'s top-level hook would not), and hooking
 * `import` itself needs an asynchronous loader thread (import-in-the-middle). A module already in
 * `require`'s cache, though, is what a later `import` gets: the patched copy. Best effort: a module the
 * application cannot resolve (a driver's own dependency under pnpm, a library it does not use) is
 * skipped, and patched later by its parent's `require` if it ever loads.
 */
export function preloadInstrumentedModules(
  instance: InstrumentationLike,
  requireModule: RequireModule,
): void {
  let definitions: readonly { readonly name?: unknown }[];
  try {
    definitions = instance.getModuleDefinitions?.() ?? [];
  } catch {
    return;
  }
  for (const { name } of definitions) {
    if (typeof name !== 'string' || name === '' || isAbsolute(name)) continue;
    try {
      requireModule(name);
    } catch {
      // Not resolvable from the application, or failing to load: the application would meet that itself.
    }
  }
}
