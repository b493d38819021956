import { createObservability, type Observability } from '@mcp-o11y/core';
import { type MetricsAddress, type PrometheusOptions, prometheus } from '../src/index.js';

/** An observability with only the Prometheus adapter, quiet, no globals; resolves with the bound address. */
export async function observeWithPrometheus(
  options: PrometheusOptions = {},
  env: Record<string, string> = {},
): Promise<{ observability: Observability; address: MetricsAddress | undefined }> {
  let address: MetricsAddress | undefined;
  const observability = await createObservability({
    service: { name: 'weather-mcp' },
    adapters: [prometheus({ port: 0, ...options, onListening: (bound) => (address = bound) })],
    memory: false,
    env,
    registerGlobals: false,
    logging: { destination: false },
    shutdownHooks: { signals: false, stdinEnd: false, beforeExit: false },
  });
  return { observability, address };
}
