/**
 * The bookshop MCP server with no telemetry code at all, for the zero-code setup:
 *
 *   DATABASE_URL=postgres://… BOOKSHOP_TOKEN=secret node --import @mcp-o11y/core/register src/serve.ts
 *
 * The register hook reads mcp-o11y.config.yaml (or MCP_O11Y_CONFIG), enables the instrumentations it
 * names before this file's imports run, instruments every MCP server the SDK creates, and flushes when
 * the process ends. Without the hook it is a plain, uninstrumented server.
 */
import { onStopSignal, parseCommand, USAGE } from './command-line.ts';
import { LISTENING_MESSAGE } from './listening-message.ts';
import { startBookshopServer } from './server.ts';

let command: ReturnType<typeof parseCommand>;
try {
  command = parseCommand(process.argv.slice(2), process.env);
} catch (error) {
  console.error(error instanceof Error ? error.message : USAGE);
  process.exit(2);
}
const server = await startBookshopServer({
  databaseUrl: command.databaseUrl,
  tokens: command.tokens,
  port: command.port,
});
console.error(`${LISTENING_MESSAGE} ${server.url.href}`);
onStopSignal(() => server.close());
