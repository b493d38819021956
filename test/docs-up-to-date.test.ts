/**
 * docs/metrics.md and docs/configuration.md are generated (scripts/generate-docs.mjs, `pnpm docs`) from the
 * built core and prometheus packages and core's JSON Schema; the committed files must equal a fresh run.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

interface DocsGenerator {
  readonly GENERATED_DOCS: readonly string[];
  generateDocs(): Promise<Map<string, string>>;
}

const root = new URL('..', import.meta.url);
// A computed specifier: the generator is plain JavaScript, typed by the interface above.
const generatorUrl = new URL('scripts/generate-docs.mjs', root).href;

describe('generated documentation', () => {
  it.each(['docs/metrics.md', 'docs/configuration.md'])(
    '%s equals freshly generated output (run `pnpm docs` to update it)',
    async (path) => {
      const generator = (await import(generatorUrl)) as DocsGenerator;
      expect(generator.GENERATED_DOCS).toContain(path);
      const fresh = (await generator.generateDocs()).get(path);
      const committed = readFileSync(new URL(path, root), 'utf8');
      expect(fresh).toBeDefined();
      expect(committed, `${path} is stale: run \`pnpm docs\` and commit the result`).toBe(fresh);
    },
  );

  it('catalogues every metric core records, with the Prometheus name', async () => {
    const metrics = readFileSync(new URL('docs/metrics.md', root), 'utf8');
    for (const name of ['mcp.server.operation.duration', 'mcp_o11y.errors', 'mcp_o11y.notifications.sent']) {
      expect(metrics).toContain(`### \`${name}\``);
    }
    expect(metrics).toContain('`mcp_server_operation_duration_seconds`');
  });

  it('documents every top-level field of the config schema', () => {
    const schema = JSON.parse(
      readFileSync(new URL('packages/core/schema/mcp-o11y.config.schema.json', root), 'utf8'),
    ) as { properties: Record<string, unknown> };
    const configuration = readFileSync(new URL('docs/configuration.md', root), 'utf8');
    for (const field of Object.keys(schema.properties).filter((key) => key !== '$schema')) {
      expect(configuration).toContain(`## ${field}\n`);
    }
  });
});
