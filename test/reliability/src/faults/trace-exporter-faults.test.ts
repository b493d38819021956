import { describe, expect, it } from 'vitest';
import { recordSuiteResult } from '../report/suite-result.js';
import { TRACE_BACKENDS } from './exporter-backends.js';
import { BOUNDS, FAULT_SETTINGS, faultsFor } from './fault-settings.js';
import { mebibytes } from './measure.js';
import { runPushgatewayFaultScenario } from './pushgateway-fault-scenario.js';
import { EXPORT_BATCH_SIZE, runTraceFaultScenario } from './trace-fault-scenario.js';

/*
 * Every trace backend against every fault (the short form: two faults per backend, rotated), while an
 * instrumented MCP server serves calls. Per scenario: no call fails, latency stays within a ratio of the
 * same run's healthy blocks, the heap stays under a cap, every span the pipeline ended is at the backend
 * or counted in mcp_o11y.exporter.dropped (exactly: counted = ended - received), and the backend gets new
 * spans once healthy again.
 */
describe.each(TRACE_BACKENDS.map((backend, position) => ({ backend, position })))(
  'trace backend $backend.name',
  ({ backend, position }) => {
    it.each(faultsFor(position, TRACE_BACKENDS.length + 1).map((fault) => ({ fault })))(
      'backend $fault',
      async ({ fault }) => {
        const outcome = await runTraceFaultScenario(backend, fault, FAULT_SETTINGS);
        const lost = outcome.ended - outcome.received;

        expect(outcome.problems, 'malformed payloads at the backend').toEqual([]);
        expect(outcome.unexpected, 'MCP calls that failed').toEqual([]);
        expect(outcome.faultsInjected, 'requests that met the fault').toBeGreaterThan(0);
        expect(outcome.latencyRatio).toBeLessThanOrEqual(BOUNDS.latencyRatio);
        expect(mebibytes(outcome.heapGrowth)).toBeLessThanOrEqual(BOUNDS.heapGrowthMiB);
        expect(outcome.recovered, 'a span sent after the backend healed arrived').toBe(true);
        expect(outcome.duplicates, 'spans the backend received twice').toBe(0);
        if (backend.atomicBatches === false) {
          // Every lost span counted; over-counting only from batches that straddled a switch of mode.
          const overcountAllowed = EXPORT_BATCH_SIZE * 2 * FAULT_SETTINGS.rounds;
          expect(outcome.countedByMetric).toBeGreaterThanOrEqual(lost);
          expect(outcome.countedByMetric - lost).toBeLessThanOrEqual(overcountAllowed);
        } else {
          expect({ counted: outcome.countedByMetric, lost }).toEqual({ counted: lost, lost });
        }
        expect(outcome.countedByDiagnostics).toBe(outcome.countedByMetric);

        recordSuiteResult({
          area: 'faults',
          scenario: `${backend.name}: ${fault}`,
          faults: outcome.faultsInjected,
          requests: outcome.requests,
          dropped: lost,
          counted: outcome.countedByMetric,
          heapPeakMiB: mebibytes(outcome.heapPeak),
          note: `latency x${outcome.latencyRatio.toFixed(2)} (<= ${BOUNDS.latencyRatio}); ${outcome.received}/${outcome.ended} spans arrived; recovered`,
        });
      },
    );
  },
);

/*
 * The Pushgateway (the Prometheus adapter's push mode) in the same rotation: its pushes are cumulative,
 * so nothing may be lost once it is healthy again, and a failing push must show in its health check.
 */
describe('Prometheus Pushgateway', () => {
  it.each(faultsFor(TRACE_BACKENDS.length, TRACE_BACKENDS.length + 1).map((fault) => ({ fault })))(
    'backend $fault',
    async ({ fault }) => {
      const outcome = await runPushgatewayFaultScenario(fault, FAULT_SETTINGS);

      expect(outcome.problems, 'malformed pushes').toEqual([]);
      expect(outcome.unexpected, 'MCP calls that failed').toEqual([]);
      expect(outcome.faultsInjected, 'pushes that met the fault').toBeGreaterThan(0);
      expect(outcome.latencyRatio).toBeLessThanOrEqual(BOUNDS.latencyRatio);
      expect(mebibytes(outcome.heapGrowth)).toBeLessThanOrEqual(BOUNDS.heapGrowthMiB);
      if (fault !== 'slow') {
        expect(outcome.healthDuringFault).toContain('warn');
        // Every failed push counted in mcp_o11y.adapter.errors, not only logged.
        expect(outcome.failedPushesCounted).toBeGreaterThan(0);
      }
      expect(outcome.healthAfterRecovery).toBe('pass');
      // Cumulative: the first push after recovery carries every call, those served during the fault too.
      expect(outcome.pushedCalls).toBe(outcome.servedCalls);

      recordSuiteResult({
        area: 'faults',
        scenario: `prometheus pushgateway: ${fault}`,
        faults: outcome.faultsInjected,
        requests: outcome.requests,
        dropped: outcome.servedCalls - outcome.pushedCalls,
        counted: 0,
        heapPeakMiB: mebibytes(outcome.heapPeak),
        note: `latency x${outcome.latencyRatio.toFixed(2)}; ${outcome.failedPushesCounted} failed pushes counted; health ${outcome.healthDuringFault} during, ${outcome.healthAfterRecovery} after; push after recovery carried ${outcome.pushedCalls}/${outcome.servedCalls} calls`,
      });
    },
  );
});
