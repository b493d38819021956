import { type DeliveryOutcome, DeliveryPipeline } from '@mcp-o11y/core';
import { type CliIo, EXIT, UsageError, writeJson } from '../cli-io.js';
import type { Command } from '../command.js';
import { loadCliConfig, locateConfig } from '../locate-config.js';
import { createOneShotObservability } from '../one-shot-observability.js';
import { parseCommandArgs, stringOption } from '../parse-command-args.js';
import { buildTestNotification } from './test-notification.js';

const HELP = `Usage: mcp-o11y notify test [notifier-id] [options]

Sends one test notification (severity low, marked [TEST]) through core's delivery pipeline, with
retries and timeouts, to every notifier the config file configures, or to the one named.

Options:
  --config <file>   config file (default: $MCP_O11Y_CONFIG, else mcp-o11y.config.yaml/.yml/.json here)
  --json            print the outcomes as JSON
  -h, --help        show this help

Prints one line per notifier. Exit codes: 0 every notifier delivered, 1 a delivery failed or the
config is invalid, 2 usage error (no notifier configured, unknown notifier id).
`;

/**
 * A test should answer within seconds, not retry for minutes as an alert would: three attempts in one
 * delivery round, no rescheduling after a long Retry-After, no rate limit.
 */
const TEST_DELIVERY = { maxAttempts: 3, maxReschedules: 0, deadlineMs: 25_000, ratePerMinute: Infinity };

/** One notifier's outcome in `--json`. */
export interface NotifyTestOutcome {
  readonly notifier: string;
  readonly status: DeliveryOutcome['status'];
  readonly attempts: number;
  readonly reason?: string;
}

async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseCommandArgs('notify', argv, { config: { type: 'string' }, json: { type: 'boolean' } }, 2);
  if (args.help) {
    io.stdout.write(HELP);
    return EXIT.ok;
  }
  const [subcommand, notifierId] = args.positionals;
  if (subcommand !== 'test') {
    throw new UsageError(
      subcommand === undefined
        ? 'notify: name a subcommand: test'
        : `notify: unknown subcommand "${subcommand}"; expected test`,
    );
  }
  const located = await locateConfig(io, stringOption(args, 'config'));
  const config = located.file === undefined ? {} : await loadCliConfig(io, located.file);
  const observability = await createOneShotObservability(config, io.env, 'mcp-server');
  try {
    const all = observability.notifiers;
    if (all.length === 0) {
      throw new UsageError(
        `notify: no notifier configured (${located.description}); add a notify-* adapter, e.g. \`mcp-o11y init --notifiers slack\``,
      );
    }
    const notifiers = notifierId === undefined ? all : all.filter((notifier) => notifier.id === notifierId);
    if (notifiers.length === 0) {
      throw new UsageError(
        `notify: no notifier "${notifierId}"; configured: ${all.map((notifier) => notifier.id).join(', ')}`,
      );
    }
    const notification = buildTestNotification(observability.serviceName, Date.now());
    io.stderr.write(
      `mcp-o11y notify: sending "${notification.title}" to ${notifiers.map((notifier) => notifier.id).join(', ')} (${located.description})\n`,
    );
    const pipeline = new DeliveryPipeline({
      notifiers,
      meter: observability.meter,
      logger: observability.logger,
      defaults: TEST_DELIVERY,
    });
    let outcomes: NotifyTestOutcome[];
    try {
      outcomes = await Promise.all(
        notifiers.map(async (notifier) => {
          const outcome = await pipeline.deliver(notifier.id, notification);
          // Each line as soon as its notifier settles: a slow channel does not hide the quick ones.
          if (args.values.json !== true) io.stdout.write(`${formatOutcome(notifier.id, outcome)}\n`);
          return {
            notifier: notifier.id,
            status: outcome.status,
            attempts: outcome.attempts,
            ...(outcome.reason === undefined ? {} : { reason: outcome.reason }),
          };
        }),
      );
    } finally {
      await pipeline.close();
    }
    const delivered = outcomes.every((outcome) => outcome.status === 'delivered');
    if (args.values.json === true) writeJson(io, { delivered, outcomes });
    return delivered ? EXIT.ok : EXIT.failure;
  } finally {
    await observability.shutdown();
  }
}

/** `✓ slack delivered in 1 attempt` or `✗ email failed: <reason>`; reasons come redacted from the notifiers. */
export function formatOutcome(notifierId: string, outcome: DeliveryOutcome): string {
  if (outcome.status === 'delivered') {
    return `✓ ${notifierId} delivered in ${outcome.attempts} attempt${outcome.attempts === 1 ? '' : 's'}`;
  }
  return `✗ ${notifierId} ${outcome.status}: ${outcome.reason ?? 'no reason given'}`;
}

/** `mcp-o11y notify`. */
export const notifyCommand: Command = {
  name: 'notify',
  summary: 'send a test notification to the configured notifiers (notify test [id])',
  help: HELP,
  run,
};
