import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { ObservabilityOptions } from '@mcp-o11y/core';
import { type CliIo, EXIT, UsageError, writeJson } from '../cli-io.js';
import type { Command } from '../command.js';
import {
  loadCliConfig,
  locateConfig,
  type RawAdapterEntry,
  readRawAdapterEntries,
} from '../locate-config.js';
import { parseCommandArgs, stringOption } from '../parse-command-args.js';
import {
  GENERATE_TARGETS,
  type GenerateInputs,
  type GenerateTarget,
  generateTarget,
} from './generate-files.js';

const DEFAULT_OUT = 'observability';
const DEFAULT_WEBHOOK_URL = 'http://host.docker.internal:9466/alertmanager';

const HELP = `Usage: mcp-o11y generate <target> [options]

Targets:
  grafana            Grafana dashboards (overview, error analysis) and provisioning YAML
  prometheus-rules   Prometheus rule file from the config's alert rules and SLOs
  alertmanager       Alertmanager config mirroring the config's alert routing
  azure-workbook     Azure Monitor Workbook for Application Insights
  docker-compose     Compose file for Prometheus, Alertmanager, Grafana and Jaeger wired to the
                     server, with every file it mounts (rules, Alertmanager, Grafana)
  all                docker-compose and azure-workbook

Options:
  --config <file>          config file (default: $MCP_O11Y_CONFIG, else mcp-o11y.config.yaml/.yml/.json
                           here; without one, the default rule pack)
  --out <dir>              output folder (default: ${DEFAULT_OUT}); files in it are overwritten
  --scrape-target <h:p>    the server's metrics endpoint as containers reach it
                           (default: host.docker.internal:<prometheus adapter port, else 9464>)
  --webhook-url <url>      the server's Alertmanager webhook receiver (createAlertmanagerWebhook)
                           (default: ${DEFAULT_WEBHOOK_URL})
  --prometheus-url <url>   Grafana's data source for the grafana target (default: http://127.0.0.1:9090)
  --json                   print the written files as JSON
  -h, --help               show this help

Prints the paths written, one a line. Exit codes: 0 written, 1 invalid config, 2 usage error.
`;

/** The `--json` shape of `generate`. */
export interface GenerateResult {
  readonly target: GenerateTarget;
  readonly files: readonly string[];
  /** Alert rules Prometheus cannot express (e.g. health check conditions), and why. */
  readonly skipped: readonly { readonly rule: string; readonly reason: string }[];
}

const NOTIFIER_DEFAULT_IDS: Readonly<Record<string, string>> = {
  'notify-slack': 'slack',
  'notify-email': 'email',
  'notify-teams': 'teams',
  'notify-telegram': 'telegram',
  'notify-webhook': 'webhook',
};

async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseCommandArgs(
    'generate',
    argv,
    {
      config: { type: 'string' },
      out: { type: 'string' },
      'scrape-target': { type: 'string' },
      'webhook-url': { type: 'string' },
      'prometheus-url': { type: 'string' },
      json: { type: 'boolean' },
    },
    1,
  );
  if (args.help) {
    io.stdout.write(HELP);
    return EXIT.ok;
  }
  const target = args.positionals[0];
  if (target === undefined) throw new UsageError(`generate: name a target: ${GENERATE_TARGETS.join(', ')}`);
  if (!(GENERATE_TARGETS as readonly string[]).includes(target)) {
    throw new UsageError(
      `generate: unknown target "${target}"; expected one of ${GENERATE_TARGETS.join(', ')}`,
    );
  }
  const located = await locateConfig(io, stringOption(args, 'config'));
  io.stderr.write(`mcp-o11y generate: ${target} from ${located.description}\n`);
  const options: ObservabilityOptions =
    located.file === undefined ? {} : await loadCliConfig(io, located.file);
  const entries = located.file === undefined ? [] : await readRawAdapterEntries(located.file);
  const inputs = generateInputs(io, options, entries, {
    scrapeTarget: stringOption(args, 'scrape-target'),
    webhookUrl: stringOption(args, 'webhook-url'),
    prometheusUrl: stringOption(args, 'prometheus-url'),
  });
  const generated = generateTarget(target as GenerateTarget, inputs);
  const outDir = resolve(io.cwd, stringOption(args, 'out') ?? DEFAULT_OUT);
  const written: string[] = [];
  for (const file of generated.files) {
    const path = join(outDir, file.path);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, file.content, 'utf8');
    written.push(path);
  }
  for (const skipped of generated.skipped) {
    io.stderr.write(
      `mcp-o11y generate: rule ${skipped.rule} has no Prometheus equivalent: ${skipped.reason}\n`,
    );
  }
  const result: GenerateResult = {
    target: target as GenerateTarget,
    files: written,
    skipped: generated.skipped,
  };
  if (args.values.json === true) writeJson(io, result);
  else io.stdout.write(written.map((path) => `${path}\n`).join(''));
  return EXIT.ok;
}

function generateInputs(
  io: CliIo,
  options: ObservabilityOptions,
  entries: readonly RawAdapterEntry[],
  flags: {
    scrapeTarget?: string | undefined;
    webhookUrl?: string | undefined;
    prometheusUrl?: string | undefined;
  },
): GenerateInputs {
  const alerts = options.alerts === false ? undefined : options.alerts;
  const notifierIds = entries.flatMap((entry) => {
    const fallback = NOTIFIER_DEFAULT_IDS[entry.id];
    if (fallback === undefined) return [];
    const id = entry.options.id;
    return [typeof id === 'string' && !id.includes('${') ? id : fallback];
  });
  const serviceName = options.service?.name ?? nonEmpty(io.env.OTEL_SERVICE_NAME);
  return {
    rules: {
      ...(alerts?.rules === undefined ? {} : { rules: alerts.rules }),
      ...(alerts?.slos === undefined ? {} : { slos: alerts.slos }),
      ...(alerts?.defaultRules === undefined ? {} : { defaultRules: alerts.defaultRules }),
    },
    routing: alerts?.routing,
    notifierIds,
    serviceName,
    scrapeTarget: flags.scrapeTarget ?? `host.docker.internal:${prometheusPort(entries)}`,
    webhookUrl: flags.webhookUrl ?? DEFAULT_WEBHOOK_URL,
    prometheusUrl: flags.prometheusUrl ?? 'http://127.0.0.1:9090',
  };
}

/** The prometheus adapter's port as written (a number, or `${VAR:-9464}`'s default), else 9464. */
function prometheusPort(entries: readonly RawAdapterEntry[]): number {
  const port = entries.find((entry) => entry.id === 'prometheus')?.options.port;
  if (typeof port === 'number' && Number.isInteger(port) && port > 0) return port;
  const fallback = typeof port === 'string' ? /:-(\d+)\}$/.exec(port)?.[1] : undefined;
  return fallback === undefined ? 9464 : Number(fallback);
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

/** `mcp-o11y generate`. */
export const generateCommand: Command = {
  name: 'generate',
  summary:
    'write Grafana dashboards, Prometheus rules, Alertmanager config, an Azure Workbook, a Compose stack',
  help: HELP,
  run,
};
