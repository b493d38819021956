import { existsSync } from 'node:fs';
import {
  CONFIG_FILE_NAMES,
  CONFIG_PATH_ENV,
  createObservability,
  loadConfig,
  type Observability,
  type ObservabilityOptions,
} from '@mcp-o11y/core';

/** Options of {@link observabilityFromConfig}. */
export interface ObservabilityFromConfigOptions {
  /**
   * Variables for `${VAR}` in the file; the adapters read their own variables (`OTEL_*`, `SENTRY_DSN`, …)
   * from the same object. Default: `process.env`.
   */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /**
   * Process-level settings laid over the file (tests turn off the signal hooks and the local log lines).
   * Never backends: those come from the file alone.
   */
  readonly overrides?: Pick<ObservabilityOptions, 'logging' | 'shutdownHooks' | 'registerGlobals' | 'alerts'>;
}

/**
 * The example's one way to get observability: read the config file (`path`, else env `MCP_O11Y_CONFIG`,
 * else `./mcp-o11y.config.yaml`) and build the pipeline it describes. Which backends receive the spans is
 * decided by the file; the server and client code never name one.
 *
 * Unlike `loadConfig`, running without any file is an error here: this example exists to show the file.
 *
 * @throws {import('@mcp-o11y/core').ConfigError} listing every problem of the file, by field path.
 * @throws {Error} when no config file is named and none is in the working directory.
 */
export async function observabilityFromConfig(
  path: string | undefined,
  options: ObservabilityFromConfigOptions = {},
): Promise<Observability> {
  const env = options.env ?? process.env;
  const named = (path ?? '') !== '' || (env[CONFIG_PATH_ENV] ?? '') !== '';
  if (!named && !CONFIG_FILE_NAMES.some((name) => existsSync(name))) {
    throw new Error(
      `[@mcp-o11y/example-config-switch] no config file: pass --config configs/otlp.yaml (or zipkin.yaml, jaeger.yaml, …), or set ${CONFIG_PATH_ENV}.`,
    );
  }
  const fromFile = await loadConfig(path, options.env === undefined ? {} : { env: options.env });
  return createObservability({ ...fromFile, ...options.overrides });
}
