import {
  type AdapterContextV1,
  type AdapterDescriptorV1,
  type AdapterInstanceV1,
  type AdapterV1,
  bindAdapter,
} from '@mcp-o11y/core';
import { ErrorFilter } from './error-filter.js';
import { SentryLogProcessor } from './sentry-log-processor.js';
import { resolveSentryOptions, type SentryOptions, sentryOptionsSchema } from './sentry-options.js';
import { SentrySink } from './sentry-sink.js';
import { SentrySpanExporter } from './sentry-span-exporter.js';

const id = 'sentry';

/**
 * Creates the adapter instance: one Sentry client (no `Sentry.init`, no global state), a span exporter
 * core batches, and a log processor. `@sentry/node` is imported here, not at module load: it takes
 * about half a second to load, which a server without a DSN should not pay.
 */
async function createSentryAdapter(
  options: SentryOptions,
  context: AdapterContextV1,
): Promise<AdapterInstanceV1> {
  const resolved = resolveSentryOptions(options, context.env, context);
  const dsn = resolved.dsn;
  if (dsn === undefined) {
    context.logger.warn(
      '[@mcp-o11y/sentry] no DSN (option dsn or SENTRY_DSN): nothing is sent to Sentry. Set one, or remove the sentry adapter.',
    );
    return { specificationVersion: 'v1', id };
  }
  const sentry = await import('@sentry/node');
  const sink = new SentrySink(sentry, { ...resolved, dsn });
  const logs = new SentryLogProcessor(sink, resolved);
  const filter = new ErrorFilter(resolved);
  const exporter = new SentrySpanExporter(sink, filter, {
    tracesSampleRate: resolved.tracesSampleRate,
    ...(context.reportDropped === undefined
      ? {}
      : { onDropped: (count: number) => context.reportDropped?.('traces', count) }),
    ...(resolved.maxBreadcrumbs > 0
      ? { breadcrumbs: (traceId: string, until: number) => logs.breadcrumbsFor(traceId, until) }
      : {}),
  });
  let closing: Promise<void> | undefined;
  return {
    specificationVersion: 'v1',
    id,
    traces: { exporters: [exporter] },
    logs: { processors: [logs] },
    forceFlush: async () => {
      await logs.forceFlush();
      await exporter.forceFlush();
    },
    shutdown: () => {
      // Core shuts the exporter and processor down with its providers; this closes the client after them.
      closing ??= (async () => {
        await logs.shutdown();
        await exporter.shutdown();
        await sink.close();
      })();
      return closing;
    },
  };
}

/**
 * The `sentry` adapter descriptor, for config-driven loading:
 * `adapters: [{ id: sentry, options: { tracesSampleRate: 0.2 } }]` (DSN from `SENTRY_DSN`).
 */
export const adapter: AdapterDescriptorV1<SentryOptions> = {
  specificationVersion: 'v1',
  id,
  kinds: ['traces', 'logs'],
  parseOptions(raw: unknown): SentryOptions {
    // Throws the ZodError as is: core turns its issues into config paths.
    return sentryOptionsSchema.parse(raw ?? {});
  },
  create: createSentryAdapter,
};

/**
 * Sentry adapter for `createObservability({ adapters: [sentry()] })`: error events with MCP context,
 * the core's spans as transactions, log records as breadcrumbs and (opt-in) Sentry logs. Without
 * options it reads `SENTRY_DSN`, `SENTRY_ENVIRONMENT`, `SENTRY_RELEASE`, `SENTRY_TRACES_SAMPLE_RATE`
 * when the adapter is created.
 */
export function sentry(options: SentryOptions = {}): AdapterV1 {
  return bindAdapter(adapter, options);
}
