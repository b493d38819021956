import { createObservability, type Observability, type ObservabilityOptions } from '@mcp-o11y/core';

/**
 * A pipeline for one CLI command: the config's adapters and service, but no alert engine (it would
 * persist state and notify), no OpenTelemetry globals, no signal or stdin hooks (the command shuts it
 * down itself), and only warnings logged to stderr.
 */
export function createOneShotObservability(
  config: ObservabilityOptions,
  env: Readonly<Record<string, string | undefined>>,
  defaultServiceName: string,
): Promise<Observability> {
  return createObservability({
    ...config,
    service: { name: env.OTEL_SERVICE_NAME || defaultServiceName, ...config.service },
    logging: { ...config.logging, level: 'warn' },
    alerts: false,
    registerGlobals: false,
    shutdownHooks: { signals: false, stdinEnd: false, beforeExit: false },
    env,
  });
}
