/**
 * The mcp-o11y demo: an MCP server over Streamable HTTP, a client driving traffic at it, and a live
 * per-tool summary read from the in-memory backend, and the dashboard (@mcp-o11y/dashboard) on 127.0.0.1; or, with `--notify-test`, one test notification to
 * every configured notifier. Everything goes to stderr; stdout stays empty.
 */
import { createObservability } from '@mcp-o11y/core';
import { DEMO_ALERTS, waitForAlertsToResolve } from './demo-alerts.ts';
import { startDemoDashboard } from './demo-dashboard.ts';
import { startDemoServer } from './demo-server.ts';
import { formatFinalSummary, startLiveSummary } from './live-summary.ts';
import { runNotifyTest } from './notify-test.ts';
import { type DemoOptions, parseArgs, USAGE } from './parse-args.ts';
import { listenForStop } from './stop-signal.ts';
import { startTrafficDriver } from './traffic-driver.ts';

/** Window of the live table. */
const LIVE_WINDOW_SECONDS = 60;
/**
 * One-second buckets make the 60 s window sharp (the default 10 s buckets would cover 60–70 s); an hour
 * of retention lets the final summary cover a long run.
 */
const MEMORY = { bucketSeconds: 1, retentionSeconds: 3_600 } as const;

async function main(options: DemoOptions): Promise<void> {
  // First thing, so Ctrl-C during startup still stops in order.
  const stop = listenForStop();
  const observability = await createObservability({
    service: { name: 'mcp-o11y-demo' },
    // Warnings and errors only, so JSON log lines do not bury the table.
    logging: { level: 'warn' },
    memory: MEMORY,
    // Alerts fire and resolve on stderr through the console notifier: no account anywhere.
    alerts: DEMO_ALERTS,
    // The demo stops itself in order on signals (client, server, then the pipeline): no automatic hooks.
    shutdownHooks: { signals: false, stdinEnd: false },
  });
  const store = observability.store;
  if (store === undefined)
    throw new Error('[@mcp-o11y/example-demo] the in-memory backend is off; the demo needs it.');

  const dashboard = await startDemoDashboard({
    observability,
    port: options.dashboardPort,
    bucketSeconds: MEMORY.bucketSeconds,
  });
  const server = await startDemoServer({ observability, port: options.port, seed: options.seed });
  console.error(`mcp-o11y demo: MCP server listening on ${server.url.href}`);
  console.error(`mcp-o11y demo: dashboard on ${dashboard.url} (open it in a browser)`);
  const startedAt = performance.now();
  const driver = await startTrafficDriver({
    url: server.url,
    concurrency: options.concurrency,
    seed: options.seed,
    observability,
  });
  console.error(
    `mcp-o11y demo: client connected, ${options.concurrency} calls in flight${
      options.durationSeconds === undefined
        ? '; Ctrl-C to stop'
        : `; stopping after ${options.durationSeconds} s`
    }\n`,
  );
  const stopLive = startLiveSummary({
    store,
    stream: process.stderr,
    startedAt,
    windowSeconds: LIVE_WINDOW_SECONDS,
    intervalMs: 1_000,
  });

  if (options.durationSeconds !== undefined) stop.stopAfter(options.durationSeconds);
  const reason = await stop.requested;
  stopLive();
  console.error(`\nmcp-o11y demo: ${reason}, shutting down...`);
  await driver.stop();
  // Traffic ends when the last call in flight has finished, not when the stop was asked for.
  const elapsedSeconds = (performance.now() - startedAt) / 1000;
  await server.close();
  // Read before shutdown: the numbers must not depend on what the backend keeps after it.
  const finalSummary = formatFinalSummary(store, elapsedSeconds, MEMORY.retentionSeconds);
  // The dashboard stays up meanwhile, so its incident timeline shows the resolve too.
  await waitForAlertsToResolve(observability, (text) => process.stderr.write(text));
  await dashboard.close();
  await observability.shutdown();
  console.error(`\n${finalSummary}\n`);
}

let options: DemoOptions;
try {
  options = parseArgs(process.argv.slice(2), process.env);
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(2);
}
function fail(error: unknown): never {
  // Our own errors (core's config errors too) say what to do next; anything else gets its stack.
  const ours = error instanceof Error && error.message.startsWith('[@mcp-o11y/');
  console.error(ours ? error.message : error);
  process.exit(1);
}

if (options.help) {
  console.error(USAGE);
} else if (options.notifyTest) {
  runNotifyTest({
    configPath: options.configPath,
    env: process.env,
    // `pnpm demo` runs in examples/demo; INIT_CWD is where the user typed the command.
    baseDir: process.env.INIT_CWD ?? process.cwd(),
    stream: process.stderr,
  }).then((code) => {
    process.exitCode = code;
  }, fail);
} else {
  main(options).catch(fail);
}
