import {
  type AdapterDescriptorV1,
  type AdapterInstanceV1,
  type AdapterV1,
  bindAdapter,
  type HealthCheckV1,
} from '@mcp-o11y/core';
import { createAzureMonitorExporters } from './azure-monitor-exporters.js';
import {
  type AzureMonitorOptions,
  azureMonitorOptionsSchema,
  type ResolvedAzureMonitorOptions,
  resolveAzureMonitorOptions,
} from './azure-monitor-options.js';
import { listStoredBatches } from './offline-storage.js';

const id = 'azure-monitor';

/**
 * A health check over the offline store: `pass` when nothing waits on disk, `warn` when batches do
 * (ingestion was unreachable or refused them; they are retried), with the backlog in bytes.
 */
function offlineStorageHealthCheck(directory: string, maxBytes: number): HealthCheckV1 {
  return {
    specificationVersion: 'v1',
    name: 'azure-monitor-offline-storage',
    critical: false,
    async check({ signal }) {
      signal.throwIfAborted();
      const batches = await listStoredBatches(directory);
      const bytes = batches.reduce((sum, batch) => sum + batch.bytes, 0);
      const details = { batches: batches.length, bytes, maxBytes };
      if (batches.length === 0) {
        return { status: 'pass', message: 'No Application Insights telemetry waiting on disk.', details };
      }
      return {
        status: 'warn',
        message: `${batches.length} Application Insights batch(es), ${bytes} bytes, wait on disk for ingestion.`,
        details,
        remediation:
          'Check that the ingestion endpoint of the connection string is reachable from this host; stored telemetry is sent when it is.',
      };
    },
  };
}

function createInstance(
  resolved: ResolvedAzureMonitorOptions,
  context: Parameters<AdapterDescriptorV1['create']>[1],
): AdapterInstanceV1 {
  const exporters = createAzureMonitorExporters(resolved, context.logger, context.reportDropped);
  const storage = resolved.offlineStorage;
  let shutdownPromise: Promise<void> | undefined;
  return {
    specificationVersion: 'v1',
    id,
    ...(exporters.spanExporter === undefined ? {} : { traces: { exporters: [exporters.spanExporter] } }),
    ...(exporters.metricExporter === undefined
      ? {}
      : {
          metrics: {
            exporters: [exporters.metricExporter],
            ...(resolved.exportIntervalMillis === undefined
              ? {}
              : { exportIntervalMillis: resolved.exportIntervalMillis }),
          },
        }),
    ...(exporters.logExporter === undefined ? {} : { logs: { exporters: [exporters.logExporter] } }),
    ...(storage === false
      ? {}
      : { healthChecks: [offlineStorageHealthCheck(storage.directory, storage.maxBytes)] }),
    forceFlush: () => Promise.resolve(),
    shutdown: () => {
      shutdownPromise ??= exporters.shutdown();
      return shutdownPromise;
    },
  };
}

/**
 * The `azure-monitor` adapter descriptor, for config-driven loading:
 * `adapters: [{ id: azure-monitor, options: { samplingRatio: 0.5 } }]` with
 * `APPLICATIONINSIGHTS_CONNECTION_STRING` set.
 */
export const adapter: AdapterDescriptorV1<AzureMonitorOptions> = {
  specificationVersion: 'v1',
  id,
  kinds: ['traces', 'metrics', 'logs', 'health'],
  parseOptions(raw: unknown): AzureMonitorOptions {
    // Throws the ZodError as is: core turns its issues into config paths.
    return azureMonitorOptionsSchema.parse(raw ?? {});
  },
  create(options, context) {
    const resolved = resolveAzureMonitorOptions(options, context.env);
    return createInstance(resolved, context);
  },
};

/**
 * Azure Monitor (Application Insights) for `createObservability({ adapters: [azureMonitor()] })`: MCP
 * server spans as requests, client spans as dependencies, exceptions, custom metrics and log records as
 * traces, through core's one pipeline. Without `connectionString` it reads
 * `APPLICATIONINSIGHTS_CONNECTION_STRING` when created.
 */
export function azureMonitor(options: AzureMonitorOptions = {}): AdapterV1 {
  return bindAdapter(adapter, options);
}
