/** Where a command writes and what it reads from its surroundings; `runCli` fills in the process's own. */
export interface CliIo {
  /** Command output only (reports, `--json`, written paths): scripts read it. */
  readonly stdout: { write(text: string): unknown };
  /** Progress, warnings and errors. */
  readonly stderr: { write(text: string): unknown };
  /** Environment for `${VAR}` interpolation, `MCP_O11Y_CONFIG`, tokens and the adapters. Default `process.env`. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Directory relative paths are resolved against. Default `process.cwd()`. */
  readonly cwd: string;
  /** HTTP client for `doctor --url` and `alerts`. Default `globalThis.fetch`. */
  readonly fetch: typeof fetch;
}

/** Exit codes every command uses. */
export const EXIT = {
  /** Success: valid, healthy (pass or warn), delivered. */
  ok: 0,
  /** The check failed: invalid config, a failing health check, an undelivered notification, an API error. */
  failure: 1,
  /** The command line was wrong (unknown option, missing argument) or there was nothing to work on. */
  usage: 2,
} as const;

/** Thrown for a bad command line; `runCli` prints the message and the command's usage, and exits 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Thrown when a command cannot do its work (unreachable server, API error); `runCli` prints it and exits 1. */
export class CommandError extends Error {
  override readonly name = 'CommandError';
}

/** Writes one JSON document to stdout. */
export function writeJson(io: CliIo, value: unknown): void {
  io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
