// Writes schema/mcp-o11y.config.schema.json from the built package, so the published JSON Schema is the
// zod schema that validates config files. Run it with `pnpm --filter @mcp-o11y/core schema` after changing
// the schema: a test fails while the committed file differs from `configJsonSchema()`.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
// Overridable so the script can be tried against a scratch build without touching dist/.
const entry = process.env.MCP_O11Y_SCHEMA_ENTRY ?? resolve(here, '../dist/index.js');
const output = resolve(here, '../schema/mcp-o11y.config.schema.json');

const { configJsonSchema } = await import(pathToFileURL(resolve(entry)).href);
if (typeof configJsonSchema !== 'function') {
  console.error(
    `[@mcp-o11y/core] ${entry} does not export configJsonSchema; build the package first (pnpm build).`,
  );
  process.exit(1);
}
await mkdir(dirname(output), { recursive: true });
await writeFile(output, `${JSON.stringify(configJsonSchema(), null, 2)}\n`);
