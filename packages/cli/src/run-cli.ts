import { ConfigError, VERSION } from '@mcp-o11y/core';
import { type CliIo, CommandError, EXIT, UsageError } from './cli-io.js';
import type { Command } from './command.js';
import { alertsCommand } from './commands/alerts-command.js';
import { doctorCommand } from './commands/doctor-command.js';
import { generateCommand } from './commands/generate-command.js';
import { initCommand } from './commands/init-command.js';
import { notifyCommand } from './commands/notify-command.js';
import { validateCommand } from './commands/validate-command.js';

const COMMANDS: readonly Command[] = [
  initCommand,
  validateCommand,
  generateCommand,
  doctorCommand,
  notifyCommand,
  alertsCommand,
];

function mainHelp(): string {
  const width = Math.max(...COMMANDS.map((command) => command.name.length));
  return `Usage: mcp-o11y <command> [options]

Observability for MCP servers: config, generated stacks, health and alerts.

Commands:
${COMMANDS.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`).join('\n')}

Run \`mcp-o11y <command> --help\` for a command's options. Every read command takes --json.
Exit codes: 0 success, 1 the check failed (invalid, unhealthy, undelivered, refused), 2 usage error.
`;
}

/**
 * Runs `mcp-o11y` with `argv` (the arguments after the program name) and resolves with the exit code:
 * 0 success, 1 failure, 2 usage error. Output goes to `io.stdout` (command output only) and `io.stderr`
 * (progress and errors); nothing is written to the process's streams unless `io` says so. Never rejects
 * for a user error: unexpected errors are printed and give 1.
 */
export async function runCli(argv: readonly string[], io: Partial<CliIo> = {}): Promise<number> {
  const full: CliIo = {
    stdout: io.stdout ?? process.stdout,
    stderr: io.stderr ?? process.stderr,
    env: io.env ?? process.env,
    cwd: io.cwd ?? process.cwd(),
    fetch: io.fetch ?? globalThis.fetch,
  };
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    full.stdout.write(mainHelp());
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  if (name === '--version' || name === '-v') {
    full.stdout.write(`${VERSION}\n`);
    return EXIT.ok;
  }
  const command = COMMANDS.find((each) => each.name === name);
  if (command === undefined) {
    full.stderr.write(`mcp-o11y: unknown command "${name}"\n\n${mainHelp()}`);
    return EXIT.usage;
  }
  try {
    return await command.run(rest, full);
  } catch (error) {
    if (error instanceof UsageError) {
      full.stderr.write(`mcp-o11y ${error.message}\nRun \`mcp-o11y ${command.name} --help\` for usage.\n`);
      return EXIT.usage;
    }
    if (error instanceof ConfigError) {
      full.stderr.write(`${error.message}\n`);
      return EXIT.failure;
    }
    if (error instanceof CommandError) {
      full.stderr.write(`mcp-o11y ${command.name}: ${error.message}\n`);
      return EXIT.failure;
    }
    full.stderr.write(
      `mcp-o11y ${command.name}: unexpected error: ${(error as Error)?.stack ?? String(error)}\n`,
    );
    return EXIT.failure;
  }
}
