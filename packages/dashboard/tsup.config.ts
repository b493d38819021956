import { defineConfig } from 'tsup';

export default defineConfig([
  {
    entry: ['src/index.ts'],
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    // Keep the client bundle, which the second build writes into dist/client/ at the same time.
    clean: ['**/*', '!client/**'],
    // `import.meta.url` locates uPlot and the client bundle at run time, in the CJS build too.
    shims: true,
    target: 'node22',
  },
  {
    // The page's module: plain browser ESM, no framework, read from disk and served by the dashboard.
    entry: { 'client/dashboard-client': 'src/client/dashboard-client.ts' },
    format: ['esm'],
    platform: 'browser',
    target: 'es2022',
    minify: true,
    clean: false,
    dts: false,
    sourcemap: false,
  },
]);
