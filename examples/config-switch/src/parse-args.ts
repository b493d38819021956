import { parseArgs as parseNodeArgs } from 'node:util';

/** Command-line options of `src/server.ts` and `src/main.ts`. */
export interface ExampleOptions {
  /** The config file; undefined: env `MCP_O11Y_CONFIG`, else `./mcp-o11y.config.yaml`. */
  readonly config: string | undefined;
  /** Port of the MCP endpoint on 127.0.0.1; 0 picks a free one. */
  readonly port: number;
  /** `main.ts` only: how many forecast calls the client makes. */
  readonly calls: number;
}

export const USAGE = `usage: node src/main.ts [--config <file>] [--port <n>] [--calls <n>]
       node src/server.ts [--config <file>] [--port <n>]

  --config <file>  mcp-o11y config file, e.g. configs/zipkin.yaml (default: env MCP_O11Y_CONFIG,
                   else ./mcp-o11y.config.yaml)
  --port <n>       port of the MCP endpoint on 127.0.0.1 (default: 3000 for server.ts, 0 for main.ts)
  --calls <n>      forecast calls the client makes (main.ts, default 3)`;

/**
 * Parses the command line; `defaults` differ between the server (a fixed port) and `main.ts` (any port).
 *
 * @throws {Error} naming the bad option and what was expected.
 */
export function parseArgs(argv: readonly string[], defaults: { readonly port: number }): ExampleOptions {
  const { values } = parseNodeArgs({
    args: [...argv],
    options: {
      config: { type: 'string' },
      port: { type: 'string' },
      calls: { type: 'string' },
    },
    strict: true,
    allowPositionals: false,
  });
  return {
    config: values.config,
    port: integerOption('--port', values.port, defaults.port, 0, 65_535),
    calls: integerOption('--calls', values.calls, 3, 1, 1_000),
  };
}

function integerOption(
  name: string,
  raw: string | undefined,
  fallback: number,
  minimum: number,
  maximum: number,
): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < minimum || value > maximum) {
    throw new Error(
      `[@mcp-o11y/example-config-switch] ${name} expects an integer from ${minimum} to ${maximum}, got "${raw}".`,
    );
  }
  return value;
}
