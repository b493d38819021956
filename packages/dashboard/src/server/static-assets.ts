import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { DASHBOARD_CSS, DASHBOARD_HTML } from './dashboard-page.js';

/** A file the page loads. */
export interface StaticAsset {
  readonly contentType: string;
  readonly body: string;
}

// The client module is built by tsup next to the server code (dist/client/); from the sources (tests)
// it is found in the package's dist/.
const clientCandidates = [
  './client/dashboard-client.js',
  '../client/dashboard-client.js',
  '../dist/client/dashboard-client.js',
  '../../dist/client/dashboard-client.js',
];

let cache: Map<string, StaticAsset> | undefined;

/** Reads uPlot from the package's own dependencies: no CDN, nothing leaves the machine. */
function readUplot(file: string): string {
  const require = createRequire(import.meta.url);
  return readFileSync(require.resolve(`uplot/dist/${file}`), 'utf8');
}

function readClient(): string {
  for (const candidate of clientCandidates) {
    const path = fileURLToPath(new URL(candidate, import.meta.url));
    if (existsSync(path)) return readFileSync(path, 'utf8');
  }
  throw new Error(
    '[@mcp-o11y/dashboard] the client bundle (dist/client/dashboard-client.js) is missing; run `pnpm build` in packages/dashboard.',
  );
}

/**
 * The page and its assets by path (relative to the base path), read once on first use.
 * @throws Error when the client bundle was not built.
 */
export function staticAssets(): Map<string, StaticAsset> {
  if (cache !== undefined) return cache;
  cache = new Map([
    ['/', { contentType: 'text/html; charset=utf-8', body: DASHBOARD_HTML }],
    ['/assets/dashboard.css', { contentType: 'text/css; charset=utf-8', body: DASHBOARD_CSS }],
    ['/assets/uplot.css', { contentType: 'text/css; charset=utf-8', body: readUplot('uPlot.min.css') }],
    // A classic script: uPlot's IIFE defines the global `uPlot` the client module reads.
    [
      '/assets/uplot.js',
      { contentType: 'text/javascript; charset=utf-8', body: readUplot('uPlot.iife.min.js') },
    ],
    ['/assets/dashboard.js', { contentType: 'text/javascript; charset=utf-8', body: readClient() }],
  ]);
  return cache;
}
