import { fileURLToPath } from 'node:url';
import type { Observability } from '@mcp-o11y/core';
import { observabilityFromConfig } from '../../src/observability-from-config.ts';
import { startServer } from '../../src/server.ts';
import { connectWeatherClient, type WeatherClient } from '../../src/weather-client.ts';

/** The config files of the example, by file name. */
export function configPath(file: string): string {
  return fileURLToPath(new URL(`../../configs/${file}`, import.meta.url));
}

/** The example running in this process: pipeline from a config file, server and client on it. */
export interface RunningExample {
  readonly observability: Observability;
  readonly client: WeatherClient;
  /** Closes the client and the server, then shuts the pipeline down (flushing every backend). Idempotent. */
  stop(): Promise<void>;
}

/**
 * Starts the example with `configs/<file>`, its `${VAR}`s taken from `env` only (so nothing of the
 * test runner's environment leaks in). Process-level settings are quiet: no signal hooks, no JSON log
 * lines, no globals, no alert engine; the backends come from the file alone.
 */
export async function runExample(
  file: string,
  env: Readonly<Record<string, string>>,
): Promise<RunningExample> {
  const observability = await observabilityFromConfig(configPath(file), {
    env,
    overrides: {
      alerts: false,
      logging: { destination: false },
      registerGlobals: false,
      shutdownHooks: { signals: false, stdinEnd: false, beforeExit: false },
    },
  });
  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  let client: WeatherClient | undefined;
  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      await client?.close();
      await server?.close();
      await observability.shutdown();
    })();
    return stopping;
  };
  try {
    server = await startServer({ observability, port: 0 });
    client = await connectWeatherClient(server.url, observability);
  } catch (error) {
    await stop();
    throw error;
  }
  return { observability, client, stop };
}
