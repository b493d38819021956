import type { DroppedTelemetryV1 } from '../../pipeline/dropped-telemetry.js';
import type { AdapterFaultV1 } from '../../pipeline/fault-reporter.js';
import type { HealthCheckV1 } from '../../spec/health/v1/health-check-v1.js';

/** What {@link adapterExportCheck} reads: `observability.diagnostics()` fits. */
export interface AdapterFaultSource {
  diagnostics(): {
    readonly faults: readonly AdapterFaultV1[];
    readonly dropped: readonly DroppedTelemetryV1[];
  };
}

/** Options of {@link adapterExportCheck}. */
export interface AdapterExportCheckOptions {
  /** Fail when failures were seen in this many consecutive runs. Default 3. */
  readonly failAfterRuns?: number;
}

// Failures of these operations lose telemetry; `shutdown` failures while stopping do not matter here.
const exportOperations = new Set(['export', 'forceFlush', 'onEnd', 'onEmit', 'collect', 'internal']);

/**
 * `adapter:<id>`: whether the adapter reaches its backend, from the pipeline's fault counts. Counts only
 * grow, so the check compares with its previous run: new export failures or items dropped since then
 * (a full export queue) warn, failures in `failAfterRuns` consecutive runs fail.
 */
export function adapterExportCheck(
  adapter: string,
  source: AdapterFaultSource,
  options: AdapterExportCheckOptions = {},
): HealthCheckV1 {
  const failAfterRuns = options.failAfterRuns ?? 3;
  let previousFailures = 0;
  let previousDropped = 0;
  let failingRuns = 0;
  const name = adapter === 'otel-sdk' ? 'otel-sdk' : `adapter:${adapter}`;
  return {
    specificationVersion: 'v1',
    name,
    async check() {
      const diagnostics = source.diagnostics();
      const faults = diagnostics.faults.filter(
        (fault) => fault.adapter === adapter && exportOperations.has(fault.operation),
      );
      const failures = faults.reduce((sum, fault) => sum + fault.count, 0);
      const dropped = diagnostics.dropped.filter((entry) => entry.adapter === adapter);
      const queueFull = dropped
        .filter((entry) => entry.reason === 'queue_full')
        .reduce((sum, entry) => sum + entry.count, 0);
      const newFailures = failures - previousFailures;
      const newDropped = queueFull - previousDropped;
      previousFailures = failures;
      previousDropped = queueFull;
      failingRuns = newFailures > 0 ? failingRuns + 1 : 0;
      const details = {
        componentType: 'component',
        componentId: adapter,
        observedValue: newFailures,
        observedUnit: 'failures since last check',
        failuresTotal: failures,
        droppedQueueFullTotal: queueFull,
        ...(faults[0] === undefined ? {} : { firstError: faults[0].firstMessage }),
      };
      if (newFailures <= 0 && newDropped <= 0) {
        return { status: 'pass', message: `${adapter} exports without new failures`, details };
      }
      const parts = [
        ...(newFailures > 0 ? [`${newFailures} export failure(s)`] : []),
        ...(newDropped > 0 ? [`${newDropped} item(s) dropped from a full export queue`] : []),
      ];
      return {
        status: failingRuns >= failAfterRuns ? 'fail' : 'warn',
        message: `${adapter}: ${parts.join(', ')} since the last check`,
        details,
        remediation: `Check that the ${adapter} backend is up and reachable from this host (endpoint, credentials, firewall, proxy); mcp_o11y.adapter.errors and mcp_o11y.exporter.dropped count the losses. A full queue means the backend is slower than the traffic: raise OTEL_BSP_MAX_QUEUE_SIZE or sample (sampling.ratio).`,
      };
    },
  };
}
