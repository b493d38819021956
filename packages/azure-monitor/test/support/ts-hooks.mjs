// Lets `node --import ./test/support/ts-hooks.mjs scenario.ts` run this package's TypeScript sources in a
// child process: Node 24 strips the types itself; this hook maps the sources' `./x.js` specifiers to
// `./x.ts` when only the TypeScript file exists (tsup resolves them the same way at build time).
import { existsSync } from 'node:fs';
import { registerHooks } from 'node:module';
import { fileURLToPath } from 'node:url';

registerHooks({
  resolve(specifier, context, nextResolve) {
    if (specifier.startsWith('.') && specifier.endsWith('.js') && context.parentURL?.startsWith('file:')) {
      const candidate = new URL(specifier, context.parentURL);
      if (!existsSync(fileURLToPath(candidate))) {
        const typescript = new URL(specifier.replace(/\.js$/, '.ts'), context.parentURL);
        if (existsSync(fileURLToPath(typescript))) return nextResolve(typescript.href, context);
      }
    }
    return nextResolve(specifier, context);
  },
});
