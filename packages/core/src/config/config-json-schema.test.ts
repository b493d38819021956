import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { configJsonSchema } from './config-json-schema.js';

const committed = new URL('../../schema/mcp-o11y.config.schema.json', import.meta.url);

describe('configJsonSchema', () => {
  it('equals the committed schema file byte for byte (run `pnpm build` in packages/core to refresh it)', async () => {
    const text = await readFile(committed, 'utf8');
    expect(text).toBe(`${JSON.stringify(configJsonSchema(), null, 2)}\n`);
  });

  it('is draft 2020-12 with a title, strict objects and stdout excluded', () => {
    const schema = configJsonSchema() as {
      $schema: string;
      title: string;
      additionalProperties: boolean;
      properties: { logging: { properties: { destination: { not: unknown } } } };
    };
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.title).toBe('mcp-o11y configuration');
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties.logging.properties.destination.not).toEqual({ const: 1 });
  });
});
