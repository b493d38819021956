/**
 * Runs the bookshop MCP server with observability set up in code: `createObservability({ instrumentations:
 * ['http', 'express', 'pg'] })` before the server's modules load (see start-observed-bookshop.ts). Logs go
 * to stderr; stdout stays empty. Stops on SIGTERM or SIGINT after flushing.
 *
 *   DATABASE_URL=postgres://… BOOKSHOP_TOKEN=secret node src/main.ts --port 3000
 */
import { onStopSignal, parseCommand, USAGE } from './command-line.ts';
import { LISTENING_MESSAGE } from './listening-message.ts';
import { startObservedBookshop } from './start-observed-bookshop.ts';

let command: ReturnType<typeof parseCommand>;
try {
  command = parseCommand(process.argv.slice(2), process.env);
} catch (error) {
  console.error(error instanceof Error ? error.message : USAGE);
  process.exit(2);
}
const bookshop = await startObservedBookshop({
  databaseUrl: command.databaseUrl,
  tokens: command.tokens,
  port: command.port,
  observability: { statements: { record: command.recordStatements, slowThresholdMs: 500 } },
});
console.error(`${LISTENING_MESSAGE} ${bookshop.server.url.href}`);
onStopSignal(() => bookshop.close());
