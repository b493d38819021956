import { type CliIo, CommandError, EXIT, UsageError, writeJson } from '../cli-io.js';
import type { Command } from '../command.js';
import { loadCliConfig, locateConfig } from '../locate-config.js';
import { createOneShotObservability } from '../one-shot-observability.js';
import { parseCommandArgs, stringOption } from '../parse-command-args.js';
import { type DoctorReport, formatDoctorReport, fromHealthJson, fromHealthReport } from './health-summary.js';

const HELP = `Usage: mcp-o11y doctor [options]

Prints every health check with its status and, for warnings and failures, what to do about it.
With --url it reads a running server's /health/detailed; without, it creates the pipeline from the
config file in this process and runs the checks once (adapters start for the duration of the run).

Options:
  --url <url>       the server's base URL (e.g. http://127.0.0.1:8080) or its /health/detailed URL
  --config <file>   config file for a local run (default: $MCP_O11Y_CONFIG, else mcp-o11y.config.yaml/.yml/.json here)
  --timeout <ms>    how long to wait for the server (default: 10000)
  --json            print the report as JSON
  -h, --help        show this help

Exit codes: 0 pass or warn, 1 fail (or the server could not be read), 2 usage error.
`;

async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseCommandArgs(
    'doctor',
    argv,
    {
      url: { type: 'string' },
      config: { type: 'string' },
      timeout: { type: 'string' },
      json: { type: 'boolean' },
    },
    0,
  );
  if (args.help) {
    io.stdout.write(HELP);
    return EXIT.ok;
  }
  const url = stringOption(args, 'url');
  const timeoutMs = Number(stringOption(args, 'timeout') ?? 10_000);
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0)
    throw new UsageError('doctor: --timeout must be a positive number of milliseconds');
  const report =
    url === undefined
      ? await runLocally(io, stringOption(args, 'config'))
      : await readServer(io, url, timeoutMs);
  if (args.values.json === true) writeJson(io, report);
  else io.stdout.write(formatDoctorReport(report));
  return report.status === 'fail' ? EXIT.failure : EXIT.ok;
}

/** `<base>/health/detailed`, unless the URL already names a health endpoint. */
export function detailedHealthUrl(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UsageError(`doctor: --url "${url}" is not a URL; expected e.g. http://127.0.0.1:8080`);
  }
  if (/\/health\/detailed\/?$/.test(parsed.pathname)) return parsed;
  const base = parsed.pathname.replace(/\/+$/, '').replace(/\/health$/, '');
  parsed.pathname = `${base}/health/detailed`;
  return parsed;
}

async function readServer(io: CliIo, url: string, timeoutMs: number): Promise<DoctorReport> {
  const target = detailedHealthUrl(url);
  // Never echo credentials a user put in the URL.
  const shown = new URL(target);
  shown.username = '';
  shown.password = '';
  io.stderr.write(`mcp-o11y doctor: reading ${shown.href}\n`);
  let response: Response;
  try {
    response = await io.fetch(target, {
      headers: { accept: 'application/health+json, application/json' },
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name;
    throw new CommandError(
      `cannot reach ${shown.href} (${cause}); is the server running with the health endpoint mounted?`,
    );
  }
  // The draft answers 503 with a body when a check fails: that is a report, not an error.
  if (response.status !== 200 && response.status !== 503) {
    throw new CommandError(
      `${shown.href} answered HTTP ${response.status}; expected the health endpoint (200 or 503)`,
    );
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw new CommandError(`${shown.href} did not answer JSON; is this the health endpoint?`);
  }
  return fromHealthJson(body, shown.href);
}

async function runLocally(io: CliIo, configPath: string | undefined): Promise<DoctorReport> {
  const located = await locateConfig(io, configPath);
  io.stderr.write(`mcp-o11y doctor: running the health checks locally (${located.description})\n`);
  const config = located.file === undefined ? {} : await loadCliConfig(io, located.file);
  const observability = await createOneShotObservability(config, io.env, 'mcp-server');
  try {
    const report = await observability.health.run({ fresh: true });
    return fromHealthReport(report, located.file ?? 'defaults, no config file', observability.serviceName);
  } finally {
    await observability.shutdown();
  }
}

/** `mcp-o11y doctor`. */
export const doctorCommand: Command = {
  name: 'doctor',
  summary: "print every health check with its remediation (a running server's, or run locally)",
  help: HELP,
  run,
};
