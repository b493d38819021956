import {
  type AdapterDescriptorV1,
  type AdapterInstanceV1,
  type AdapterV1,
  bindAdapter,
} from '@mcp-o11y/core';
import { createLogExporter, createMetricExporter, createTraceExporter } from './create-otlp-exporters.js';
import { type OtlpOptions, otlpOptionsSchema } from './otlp-options.js';
import { packageName, type ResolvedOtlpSignal, resolveOtlpConfig } from './resolve-otlp-config.js';

const id = 'otlp';

/** What may be logged about a signal: never header values, which carry API keys. */
function describeSignal(resolved: ResolvedOtlpSignal): Record<string, unknown> {
  return {
    signal: resolved.signal,
    protocol: resolved.protocol,
    url: resolved.url,
    compression: resolved.compression,
    timeoutMs: resolved.timeoutMs,
    headerCount: Object.keys(resolved.headers).length,
  };
}

function checkOptions(options: OtlpOptions): OtlpOptions {
  const result = otlpOptionsSchema.safeParse(options ?? {});
  if (result.success) return result.data;
  // Paths and expectations only: zod messages never include the offending values here.
  const issues = result.error.issues.map(
    (issue) => `${issue.path.join('.') || '(options)'}: ${issue.message}`,
  );
  throw new Error(`[${packageName}] invalid options — ${issues.join('; ')}. See the README's options table.`);
}

/**
 * The `otlp` adapter descriptor, for config-driven loading:
 * `adapters: [{ id: otlp, options: { endpoint: http://collector:4318 } }]`.
 */
export const adapter: AdapterDescriptorV1<OtlpOptions> = {
  specificationVersion: 'v1',
  id,
  kinds: ['traces', 'metrics', 'logs'],
  parseOptions(raw: unknown): OtlpOptions {
    // Throws the ZodError as is: core turns its issues into config paths.
    return otlpOptionsSchema.parse(raw ?? {}) as OtlpOptions;
  },
  create(options, context): AdapterInstanceV1 {
    const resolved = resolveOtlpConfig(checkOptions(options), context.env);
    for (const warning of resolved.warnings) context.logger.warn(`[${packageName}] ${warning}`);
    const traceExporter = resolved.traces && createTraceExporter(resolved.traces, context.env);
    const metricExporter = resolved.metrics && createMetricExporter(resolved.metrics, context.env);
    const logExporter = resolved.logs && createLogExporter(resolved.logs, context.env);
    const exporters = [traceExporter, metricExporter, logExporter].filter(
      (exporter) => exporter !== undefined,
    );
    if (exporters.length === 0) {
      context.logger.warn(`[${packageName}] every signal is turned off; the otlp adapter exports nothing.`);
    }
    for (const signal of [resolved.traces, resolved.metrics, resolved.logs]) {
      if (signal) context.logger.debug(`[${packageName}] exporting ${signal.signal}`, describeSignal(signal));
    }
    let shutdown: Promise<void> | undefined;
    return {
      specificationVersion: 'v1',
      id,
      ...(traceExporter ? { traces: { exporters: [traceExporter] } } : {}),
      ...(metricExporter && resolved.metrics
        ? {
            metrics: {
              exporters: [metricExporter],
              ...(resolved.metrics.exportIntervalMs === undefined
                ? {}
                : { exportIntervalMillis: resolved.metrics.exportIntervalMs }),
            },
          }
        : {}),
      ...(logExporter ? { logs: { exporters: [logExporter] } } : {}),
      // Core's processors flush and shut the exporters down first; these make the instance safe on its own.
      forceFlush: async () => {
        await Promise.all(exporters.map((exporter) => exporter.forceFlush()));
      },
      shutdown: () => {
        shutdown ??= Promise.all(exporters.map((exporter) => exporter.shutdown())).then(() => {});
        return shutdown;
      },
    };
  },
};

/**
 * OTLP exporters for `createObservability({ adapters: [otlp()] })`: traces, metrics and logs over
 * http/protobuf (default), http/json or gRPC. Without options it follows the standard
 * `OTEL_EXPORTER_OTLP_*` variables, read from the context's env when created.
 */
export function otlp(options: OtlpOptions = {}): AdapterV1 {
  return bindAdapter(adapter, options);
}
