import { z } from 'zod';
import { configFileSchema, logDestinationConfigSchema } from './config-file-schema.js';

/**
 * The JSON Schema (draft 2020-12) of `mcp-o11y.config.yaml` / `.json`, generated from the zod schema that
 * validates it, so the two cannot disagree. Shipped in the package as `schema/mcp-o11y.config.schema.json`;
 * point a file's `$schema` (JSON) or `# yaml-language-server: $schema=` comment (YAML) at it.
 *
 * It describes the file as written: interpolated values (`${PORT}`) are strings, which editors may flag
 * where a number is expected, although `loadConfig` accepts them. Cross-field checks (bucketSeconds at
 * most retentionSeconds, unique adapter entries) exist only at load time.
 */
export function configJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(configFileSchema, {
    target: 'draft-2020-12',
    io: 'input',
    override: (context) => {
      // zod cannot translate the refinement; say it in JSON Schema so editors flag stdout too.
      if (context.zodSchema === logDestinationConfigSchema) context.jsonSchema.not = { const: 1 };
    },
  }) as Record<string, unknown>;
}
