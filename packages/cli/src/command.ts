import type { CliIo } from './cli-io.js';

/** One `mcp-o11y <name>` command. */
export interface Command {
  /** As typed: `init`, `notify`. */
  readonly name: string;
  /** One line for `mcp-o11y --help`. */
  readonly summary: string;
  /** The text `mcp-o11y <name> --help` prints. */
  readonly help: string;
  /** Runs with the arguments after the command name; resolves with the exit code. */
  run(argv: readonly string[], io: CliIo): Promise<number>;
}
