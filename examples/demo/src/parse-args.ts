import { parseArgs as parseNodeArgs } from 'node:util';

/** What the demo was asked to do. */
export interface DemoOptions {
  /** TCP port on 127.0.0.1; 0 picks a free one. `--port`, else env `MCP_O11Y_DEMO_PORT`, else 0. */
  readonly port: number;
  /**
   * TCP port of the dashboard on 127.0.0.1; 0 picks a free one. `--dashboard-port`, else env
   * `MCP_O11Y_DASHBOARD_PORT`, else {@link DEFAULT_DASHBOARD_PORT}.
   */
  readonly dashboardPort: number;
  /** Seconds of traffic before the demo stops by itself; undefined runs until SIGINT/SIGTERM. `--duration`. */
  readonly durationSeconds: number | undefined;
  /** Tool calls kept in flight by the client. `--concurrency`, default 4. */
  readonly concurrency: number;
  /** Seed of every random choice (arguments, latencies, failures). `--seed`, default {@link DEFAULT_SEED}. */
  readonly seed: number;
  /** `--notify-test`: send one test notification to every configured notifier instead of running the demo. */
  readonly notifyTest: boolean;
  /**
   * `--config <path>`: the config file `--notify-test` reads, as typed (relative to where the command was
   * run). Undefined: env `MCP_O11Y_CONFIG`, else `mcp-o11y.config.{yaml,yml,json}` in that directory.
   */
  readonly configPath: string | undefined;
  /** `--help`: print the usage and exit. */
  readonly help: boolean;
}

/**
 * The seed the demo (and its end-to-end test) runs with unless told otherwise. With it, `get_weather`
 * fails on its first call and `convert_currency` throws on its 11th, so even a 3 s run shows both kinds
 * of failure; test/demo-tools.test.ts checks this.
 */
export const DEFAULT_SEED = 9;

/** The dashboard's port unless told otherwise: @mcp-o11y/dashboard's own default. */
export const DEFAULT_DASHBOARD_PORT = 9465;

export const USAGE = `Usage: pnpm demo [-- options]
       pnpm demo -- --notify-test [--config <path>]

  --port <n>         port on 127.0.0.1 (env MCP_O11Y_DEMO_PORT; default 0 = any free port)
  --dashboard-port <n>
                     dashboard port on 127.0.0.1 (env MCP_O11Y_DASHBOARD_PORT; default
                     ${DEFAULT_DASHBOARD_PORT}; 0 = any free port)
  --duration <s>     stop after <s> seconds of traffic (default: run until Ctrl-C)
  --concurrency <n>  tool calls in flight (default 4)
  --seed <n>         seed of the random arguments, latencies and failures (default ${DEFAULT_SEED})
  --notify-test      send one test notification to every notifier in the config file, then exit
                     (0: all delivered, 1: some failed, 2: no notifier configured)
  --config <path>    config file for --notify-test (default: env MCP_O11Y_CONFIG, else
                     mcp-o11y.config.yaml, .yml or .json in the current directory)
  --help             show this text`;

/**
 * Reads the command line and environment. Pure: no I/O, so it is unit-tested directly.
 * @throws Error naming the bad option and what it expects.
 */
export function parseArgs(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>> = {},
): DemoOptions {
  // `pnpm demo -- --duration 5` may hand the separator through; it means nothing here.
  const args = argv[0] === '--' ? argv.slice(1) : argv;
  let parsed: ReturnType<typeof parseWithNode>;
  try {
    parsed = parseWithNode(args);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`[@mcp-o11y/example-demo] ${reason}\n\n${USAGE}`);
  }
  const { values } = parsed;
  if (values.config !== undefined && values['notify-test'] !== true) {
    throw new Error(`[@mcp-o11y/example-demo] --config only applies to --notify-test.\n\n${USAGE}`);
  }
  if (values.config === '') {
    throw new Error('[@mcp-o11y/example-demo] --config needs a file path.');
  }
  const portText = values.port ?? env.MCP_O11Y_DEMO_PORT;
  const dashboardPortText = values['dashboard-port'] ?? env.MCP_O11Y_DASHBOARD_PORT;
  return {
    port: portText === undefined || portText === '' ? 0 : toInteger('--port', portText, 0, 65_535),
    dashboardPort:
      dashboardPortText === undefined || dashboardPortText === ''
        ? DEFAULT_DASHBOARD_PORT
        : toInteger('--dashboard-port', dashboardPortText, 0, 65_535),
    durationSeconds:
      values.duration === undefined ? undefined : toPositiveNumber('--duration', values.duration),
    concurrency: values.concurrency === undefined ? 4 : toInteger('--concurrency', values.concurrency, 1, 64),
    seed: values.seed === undefined ? DEFAULT_SEED : toInteger('--seed', values.seed, 0, 2 ** 32 - 1),
    notifyTest: values['notify-test'] === true,
    configPath: values.config,
    help: values.help === true,
  };
}

function parseWithNode(argv: readonly string[]) {
  return parseNodeArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    options: {
      port: { type: 'string' },
      'dashboard-port': { type: 'string' },
      duration: { type: 'string' },
      concurrency: { type: 'string' },
      seed: { type: 'string' },
      'notify-test': { type: 'boolean' },
      config: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

function toInteger(option: string, text: string, min: number, max: number): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(
      `[@mcp-o11y/example-demo] ${option} must be an integer from ${min} to ${max}, got "${text}".`,
    );
  }
  return value;
}

function toPositiveNumber(option: string, text: string): number {
  const value = Number(text);
  if (!(value > 0 && Number.isFinite(value))) {
    throw new Error(
      `[@mcp-o11y/example-demo] ${option} must be a positive number of seconds, got "${text}".`,
    );
  }
  return value;
}
