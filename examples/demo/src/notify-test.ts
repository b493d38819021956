// biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${VAR}` is the config interpolation syntax, not a template.
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import {
  CONFIG_FILE_NAMES,
  CONFIG_PATH_ENV,
  createObservability,
  type DeliveryOutcome,
  DeliveryPipeline,
  loadConfig,
  type ObservabilityOptions,
} from '@mcp-o11y/core';
import { buildTestNotification } from './test-notification.ts';

/** Options of {@link runNotifyTest}. */
export interface NotifyTestOptions {
  /** `--config` as typed; undefined: env `MCP_O11Y_CONFIG`, else the default file names in `baseDir`. */
  readonly configPath: string | undefined;
  /** Environment for `MCP_O11Y_CONFIG`, `${VAR}` interpolation and the adapters. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /**
   * Where the user ran the command, so relative paths mean what they typed: `pnpm demo` runs the demo in
   * examples/demo, but pnpm passes the original directory as `INIT_CWD`.
   */
  readonly baseDir: string;
  /** Where the result lines go; the demo passes stderr. */
  readonly stream: NodeJS.WritableStream;
}

/** Exit codes of `--notify-test`. */
export const NOTIFY_TEST_EXIT = { delivered: 0, failed: 1, noNotifier: 2 } as const;

/**
 * A test should answer within seconds, not retry for minutes as an alert would: three attempts in one
 * delivery round, no rescheduling after a long Retry-After, no rate limit.
 */
const TEST_DELIVERY = { maxAttempts: 3, maxReschedules: 0, deadlineMs: 25_000, ratePerMinute: Infinity };

const DEFAULT_SERVICE_NAME = 'mcp-o11y-demo';

const CONFIG_EXAMPLE = `  # mcp-o11y.config.yaml
  adapters:
    - id: notify-webhook
      options:
        url: \${MCP_O11Y_WEBHOOK_URL}`;

/**
 * Sends one test notification to every notifier the config file configures, through core's delivery
 * pipeline (retries, timeouts), and prints one line per notifier. Resolves with the exit code:
 * {@link NOTIFY_TEST_EXIT}. Reasons come from the notifiers, which redact their secrets; nothing else
 * from the config (URLs, tokens) is ever printed.
 * @throws ConfigError when the config file is missing or invalid (its message lists every problem).
 */
export async function runNotifyTest(options: NotifyTestOptions): Promise<number> {
  const { env, baseDir, stream } = options;
  const source = await locateConfigFile(options.configPath, env, baseDir);
  const config: ObservabilityOptions =
    source.file === undefined
      ? {}
      : await loadConfig(source.file, {
          env,
          cwd: baseDir,
          // From the demo's own dependencies: all five notifier packages are installed there.
          importAdapter: (specifier) => import(specifier),
        });
  const observability = await createObservability({
    ...config,
    service: { name: DEFAULT_SERVICE_NAME, ...config.service },
    logging: { ...config.logging, level: 'warn' },
    // A one-shot command: it shuts the pipeline down itself.
    shutdownHooks: { signals: false, stdinEnd: false, beforeExit: false },
    env,
  });
  try {
    const { notifiers } = observability;
    if (notifiers.length === 0) {
      stream.write(
        `mcp-o11y demo: no notifier configured (${source.description}). Add one to the config file, for example:\n\n` +
          `${CONFIG_EXAMPLE}\n\n` +
          'then run `pnpm demo -- --notify-test --config mcp-o11y.config.yaml`. ' +
          'examples/demo/README.md has an example for every channel.\n',
      );
      return NOTIFY_TEST_EXIT.noNotifier;
    }
    const notification = buildTestNotification(observability.serviceName, Date.now());
    stream.write(
      `mcp-o11y demo: sending "${notification.title}" to ${plural(notifiers.length, 'notifier')} (${source.description})\n`,
    );
    const pipeline = new DeliveryPipeline({
      notifiers,
      meter: observability.meter,
      logger: observability.logger,
      defaults: TEST_DELIVERY,
    });
    try {
      // Each line as soon as its notifier settles: a slow channel does not hide the quick ones.
      const outcomes = await Promise.all(
        notifiers.map(async (notifier) => {
          const outcome = await pipeline.deliver(notifier.id, notification);
          stream.write(`${formatOutcome(notifier.id, outcome)}\n`);
          return outcome;
        }),
      );
      return outcomes.every((outcome) => outcome.status === 'delivered')
        ? NOTIFY_TEST_EXIT.delivered
        : NOTIFY_TEST_EXIT.failed;
    } finally {
      await pipeline.close();
    }
  } finally {
    await observability.shutdown();
  }
}

/**
 * `✓ slack delivered in 1 attempt` or `✗ email failed: <reason>`; the pipeline's reason already says how
 * many attempts it gave up after.
 */
export function formatOutcome(notifierId: string, outcome: DeliveryOutcome): string {
  if (outcome.status === 'delivered')
    return `✓ ${notifierId} delivered in ${plural(outcome.attempts, 'attempt')}`;
  return `✗ ${notifierId} failed: ${outcome.reason ?? 'no reason given'}`;
}

interface ConfigSource {
  /** Absolute path of the file to load; undefined when there is none. */
  readonly file: string | undefined;
  /** Where the settings come from, for the messages. */
  readonly description: string;
}

/** The same order as `loadConfig`, resolved here so the messages can say which file was read. */
async function locateConfigFile(
  path: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
  baseDir: string,
): Promise<ConfigSource> {
  if (path !== undefined) {
    const file = resolve(baseDir, path);
    return { file, description: `config ${file}` };
  }
  const fromEnv = env[CONFIG_PATH_ENV];
  if (fromEnv !== undefined && fromEnv !== '') {
    const file = resolve(baseDir, fromEnv);
    return { file, description: `config ${file}, from ${CONFIG_PATH_ENV}` };
  }
  for (const name of CONFIG_FILE_NAMES) {
    const file = resolve(baseDir, name);
    if (await isFile(file)) return { file, description: `config ${file}` };
  }
  return {
    file: undefined,
    description: `no config file: no --config, no ${CONFIG_PATH_ENV}, no ${CONFIG_FILE_NAMES.join(' / ')} in ${baseDir}`,
  };
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
