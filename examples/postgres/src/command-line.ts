import { parseArgs } from 'node:util';
import type { AcceptedToken } from './token-verifier.ts';
import { READ_SCOPE } from './token-verifier.ts';

/** What both entry points read from the command line and the environment. */
export interface BookshopCommand {
  readonly databaseUrl: string;
  readonly tokens: readonly AcceptedToken[];
  readonly port: number;
  /** `main.ts` only: record normalised statement text on spans (`statements.record`). */
  readonly recordStatements: boolean;
}

export const USAGE = `usage: DATABASE_URL=postgres://… BOOKSHOP_TOKEN=… node src/main.ts [--port <n>] [--record-statements]
       DATABASE_URL=postgres://… BOOKSHOP_TOKEN=… node --import @mcp-o11y/core/register src/serve.ts [--port <n>]

  DATABASE_URL         the PostgreSQL database (the books table is created if missing)
  BOOKSHOP_TOKEN       the bearer token clients must send (granted the books:read scope)
  --port <n>           port on 127.0.0.1 (default 3000; 0 picks a free one)
  --record-statements  main.ts: put normalised SQL (literals replaced by ?) on spans, not just its hash`;

/**
 * Parses the command line and the environment.
 * @throws {Error} with the usage when something is missing or malformed.
 */
export function parseCommand(argv: readonly string[], env: NodeJS.ProcessEnv): BookshopCommand {
  const { values } = parseArgs({
    args: [...argv],
    options: { port: { type: 'string' }, 'record-statements': { type: 'boolean' } },
    strict: true,
    allowPositionals: false,
  });
  const port = values.port === undefined ? 3000 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new Error(`--port must be an integer from 0 to 65535.\n\n${USAGE}`);
  }
  const databaseUrl = env.DATABASE_URL;
  const token = env.BOOKSHOP_TOKEN;
  if (!databaseUrl || !token) throw new Error(`DATABASE_URL and BOOKSHOP_TOKEN must be set.\n\n${USAGE}`);
  return {
    databaseUrl,
    tokens: [{ token, scopes: [READ_SCOPE] }],
    port,
    recordStatements: values['record-statements'] === true,
  };
}

/**
 * Runs `close` once on the first SIGTERM or SIGINT, then lets the process end by itself (so the
 * pipeline's own exit hook still flushes under the zero-code setup); a second signal exits at once.
 */
export function onStopSignal(close: () => Promise<void>): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) {
      console.error(`bookshop: ${signal} again, exiting now.`);
      process.exit(130);
    }
    stopping = true;
    close().then(
      () => {
        process.exitCode = 0;
      },
      (error: unknown) => {
        console.error('bookshop: failed to close cleanly:', error);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
