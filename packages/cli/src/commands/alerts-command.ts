import { userInfo } from 'node:os';
import type { AlertV1 } from '@mcp-o11y/core';
import { type CliIo, CommandError, EXIT, UsageError, writeJson } from '../cli-io.js';
import type { Command } from '../command.js';
import {
  type ParsedCommandArgs,
  parseCommandArgs,
  stringListOption,
  stringOption,
} from '../parse-command-args.js';
import { callDashboard, type DashboardClientOptions } from './dashboard-client.js';
import { formatAlertTable, parseMatcher } from './format-alerts.js';

/** Env variables `alerts` reads. */
export const DASHBOARD_ENV = {
  url: 'MCP_O11Y_DASHBOARD_URL',
  token: 'MCP_O11Y_DASHBOARD_TOKEN',
  port: 'MCP_O11Y_DASHBOARD_PORT',
} as const;

const HELP = `Usage: mcp-o11y alerts <list|ack|silence> [options]

Reads and changes the alerts of a running server through its dashboard API.

  mcp-o11y alerts list [--state firing|pending|resolved]
  mcp-o11y alerts ack <fingerprint> [--actor name]
  mcp-o11y alerts silence --matcher name=value [--matcher ...] --for 1h --comment "why" [--actor name]
      (or --until 2025-01-31T18:00:00Z instead of --for; operators =, !=, =~, !~)

Options:
  --url <url>      the dashboard (default: $${DASHBOARD_ENV.url}, else http://127.0.0.1:$${DASHBOARD_ENV.port} or 9465)
  --token <token>  bearer token (default: $${DASHBOARD_ENV.token}; prefer the variable: arguments show in ps)
  --json           print the API's answer as JSON
  -h, --help       show this help

Exit codes: 0 done, 1 the API refused or failed (unknown fingerprint, bad token, unreachable), 2 usage error.
`;

// The dashboard accepts one number and unit; checked here so a typo is a usage error, not an API error.
const DURATION = /^\d+(\.\d+)?(ms|s|m|h|d)$/;

async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseCommandArgs(
    'alerts',
    argv,
    {
      url: { type: 'string' },
      token: { type: 'string' },
      json: { type: 'boolean' },
      state: { type: 'string' },
      actor: { type: 'string' },
      matcher: { type: 'string', multiple: true },
      for: { type: 'string' },
      until: { type: 'string' },
      comment: { type: 'string' },
    },
    2,
  );
  if (args.help) {
    io.stdout.write(HELP);
    return EXIT.ok;
  }
  const [subcommand, argument] = args.positionals;
  const client = clientOptions(io, args);
  const json = args.values.json === true;
  switch (subcommand) {
    case 'list':
      return listAlerts(io, client, args, json);
    case 'ack': {
      if (argument === undefined)
        throw new UsageError('alerts ack: name the fingerprint (see `mcp-o11y alerts list`)');
      const actor = stringOption(args, 'actor') ?? defaultActor(io);
      const answer = await callDashboard(client, 'POST', `api/alerts/${encodeURIComponent(argument)}/ack`, {
        actor,
      });
      if (json) writeJson(io, answer ?? { acknowledged: true, fingerprint: argument, actor });
      else io.stdout.write(`acknowledged ${argument} as ${actor}\n`);
      return EXIT.ok;
    }
    case 'silence':
      return silence(io, client, args, json);
    case undefined:
      throw new UsageError('alerts: name a subcommand: list, ack or silence');
    default:
      throw new UsageError(`alerts: unknown subcommand "${subcommand}"; expected list, ack or silence`);
  }
}

function clientOptions(io: CliIo, args: ParsedCommandArgs): DashboardClientOptions {
  const port = io.env[DASHBOARD_ENV.port] || '9465';
  const url = stringOption(args, 'url') ?? (io.env[DASHBOARD_ENV.url] || `http://127.0.0.1:${port}`);
  try {
    new URL(url);
  } catch {
    throw new UsageError(`alerts: --url "${url}" is not a URL`);
  }
  return {
    url,
    token: stringOption(args, 'token') ?? (io.env[DASHBOARD_ENV.token] || undefined),
    fetch: io.fetch,
    timeoutMs: 10_000,
  };
}

async function listAlerts(
  io: CliIo,
  client: DashboardClientOptions,
  args: ParsedCommandArgs,
  json: boolean,
): Promise<number> {
  const state = stringOption(args, 'state');
  if (state !== undefined && !['firing', 'pending', 'resolved'].includes(state)) {
    throw new UsageError(`alerts list: --state "${state}"; expected firing, pending or resolved`);
  }
  const answer = await callDashboard(client, 'GET', 'api/alerts');
  const view = (Array.isArray(answer) ? { enabled: true, alerts: answer } : answer) as
    | { enabled?: boolean; alerts?: AlertV1[] }
    | undefined;
  if (view === undefined || !Array.isArray(view.alerts)) {
    throw new CommandError('GET /api/alerts answered without an alerts list; is --url the dashboard?');
  }
  const alerts = state === undefined ? view.alerts : view.alerts.filter((alert) => alert.state === state);
  if (json) writeJson(io, { ...view, alerts });
  else {
    if (view.enabled === false) io.stderr.write('mcp-o11y alerts: the alert engine is off on this server\n');
    io.stdout.write(formatAlertTable(alerts, Date.now()));
  }
  return EXIT.ok;
}

async function silence(
  io: CliIo,
  client: DashboardClientOptions,
  args: ParsedCommandArgs,
  json: boolean,
): Promise<number> {
  const matchers = stringListOption(args, 'matcher').map(parseMatcher);
  if (matchers.length === 0) throw new UsageError('alerts silence: give at least one --matcher name=value');
  const duration = stringOption(args, 'for');
  const until = stringOption(args, 'until');
  if ((duration === undefined) === (until === undefined)) {
    throw new UsageError('alerts silence: give either --for (e.g. 1h) or --until (an ISO time)');
  }
  if (duration !== undefined && !DURATION.test(duration)) {
    throw new UsageError(`alerts silence: --for "${duration}" is not a duration like 30m, 2h, 1d`);
  }
  const endsAt = until === undefined ? undefined : Date.parse(until);
  if (endsAt !== undefined && Number.isNaN(endsAt)) {
    throw new UsageError(
      `alerts silence: --until "${until}" is not a date; use ISO 8601, e.g. 2025-01-31T18:00:00Z`,
    );
  }
  const comment = stringOption(args, 'comment');
  if (comment === undefined) throw new UsageError('alerts silence: say why with --comment');
  const body = {
    matchers,
    ...(duration === undefined ? { endsAt } : { duration }),
    createdBy: stringOption(args, 'actor') ?? defaultActor(io),
    comment,
  };
  const answer = await callDashboard(client, 'POST', 'api/silences', body);
  if (json) writeJson(io, answer ?? {});
  else {
    const created = (answer as { id?: unknown; silence?: { id?: unknown } } | undefined) ?? {};
    const id = created.id ?? created.silence?.id;
    io.stdout.write(`silenced${typeof id === 'string' ? ` (id ${id})` : ''}: ${args.values.matcher}\n`);
  }
  return EXIT.ok;
}

function defaultActor(io: CliIo): string {
  const fromEnv = io.env.USER || io.env.USERNAME;
  if (fromEnv) return fromEnv;
  try {
    return userInfo().username;
  } catch {
    return 'mcp-o11y-cli';
  }
}

/** `mcp-o11y alerts`. */
export const alertsCommand: Command = {
  name: 'alerts',
  summary: "list, acknowledge and silence a running server's alerts (through the dashboard API)",
  help: HELP,
  run,
};
