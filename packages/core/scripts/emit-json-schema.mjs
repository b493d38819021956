// Filled in by the config work: writes schema/mcp-o11y.config.schema.json from the zod schema.
