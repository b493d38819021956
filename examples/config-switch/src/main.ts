/**
 * One run of the example: load the config file, start the weather MCP server, connect an instrumented
 * client, make a few calls, print the trace ids to look up in the backend, flush and exit. Run it once
 * per config file (`--config configs/otlp.yaml`, `zipkin.yaml`, `jaeger.yaml`): the code stays the same.
 * Everything goes to stderr; stdout stays empty.
 */
import type { StoredSpan } from '@mcp-o11y/core';
import { observabilityFromConfig } from './observability-from-config.ts';
import { parseArgs, USAGE } from './parse-args.ts';
import { LISTENING_MESSAGE, startServer } from './server.ts';
import { connectWeatherClient } from './weather-client.ts';

const CITIES = ['Lisbon', 'Oslo', 'Nairobi', 'Osaka'];

async function main(argv: readonly string[]): Promise<void> {
  const options = parseArgs(argv, { port: 0 });
  // Client and server share the process, so they share the one pipeline the file describes.
  const observability = await observabilityFromConfig(options.config);
  const server = await startServer({ observability, port: options.port });
  console.error(`${LISTENING_MESSAGE} ${server.url.href}`);
  const client = await connectWeatherClient(server.url, observability);
  try {
    for (let call = 0; call < options.calls; call += 1) {
      console.error(`config-switch: ${await client.forecast(CITIES[call % CITIES.length] ?? 'Lisbon')}`);
    }
    console.error(`config-switch: ${await client.convert(21)}`);
  } finally {
    await client.close();
    await server.close();
  }
  printTraces(observability.store?.recentSpans() ?? []);
  // Sends what is still batched to every configured backend before the process ends.
  await observability.shutdown();
  const failing = [...new Set(observability.diagnostics().faults.map((fault) => fault.adapter))];
  console.error(
    failing.length === 0
      ? 'config-switch: flushed; look the trace ids up in your backend.'
      : `config-switch: ${failing.join(', ')} failed to export (warnings above); is the backend running at the configured endpoint?`,
  );
}

/** One line per tool call: its trace id and the spans of that trace, parents first. */
function printTraces(spans: readonly StoredSpan[]): void {
  const calls = spans
    .filter((span) => span.kind === 'client' && span.name.startsWith('tools/call '))
    .sort((a, b) => a.startTimeMs - b.startTimeMs);
  for (const call of calls) {
    const trace = spans
      .filter((span) => span.traceId === call.traceId)
      .sort((a, b) => a.startTimeMs - b.startTimeMs)
      .map((span) => `${span.name} (${span.kind})`);
    console.error(`config-switch: trace ${call.traceId}: ${trace.join(' → ')}`);
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  console.error(`\n${USAGE}`);
  process.exit(1);
});
