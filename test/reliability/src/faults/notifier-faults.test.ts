import { describe, expect, it } from 'vitest';
import { recordSuiteResult } from '../report/suite-result.js';
import { BOUNDS, FAULT_SETTINGS, faultsFor } from './fault-settings.js';
import { mebibytes } from './measure.js';
import { NOTIFIER_BACKENDS } from './notifier-backends.js';
import { FLAKY_TOOLS, runNotifierFaultScenario } from './notifier-fault-scenario.js';

/*
 * Every notifier against every fault (short form: one or two each, rotated), alerts driven through the
 * real alert engine and delivery pipeline while an instrumented MCP server serves calls. Per scenario: no
 * call fails, latency and heap bounded, every notification the pipeline gave up on is counted in
 * mcp_o11y.notifications.sent (= handed to it - received), and once the receiver heals every alert's
 * firing and resolve arrive exactly once, in that order.
 */
describe.each(NOTIFIER_BACKENDS.map((backend, position) => ({ backend, position })))(
  'notifier $backend.name',
  ({ backend, position }) => {
    it.each(faultsFor(position, NOTIFIER_BACKENDS.length).map((fault) => ({ fault })))(
      'receiver $fault',
      async ({ fault }) => {
        const outcome = await runNotifierFaultScenario(backend, fault, FAULT_SETTINGS);
        const lost = outcome.handed - outcome.received;

        expect(outcome.problems, 'malformed or unattributable notifications').toEqual([]);
        expect(outcome.unexpected, 'MCP calls that failed').toEqual([]);
        expect(outcome.faultsInjected, 'attempts that met the fault').toBeGreaterThan(0);
        expect(outcome.latencyRatio).toBeLessThanOrEqual(BOUNDS.latencyRatio);
        expect(mebibytes(outcome.heapGrowth)).toBeLessThanOrEqual(BOUNDS.heapGrowthMiB);
        expect(outcome.recovered, 'every firing and resolve arrived after the receiver healed').toBe(true);
        expect(outcome.receivedByTool).toEqual(
          Object.fromEntries(FLAKY_TOOLS.map((tool) => [tool, ['firing', 'resolved']])),
        );
        expect(outcome.sentDelivered, 'delivered, by the metric = distinct arrivals').toBe(outcome.received);
        expect({ counted: outcome.sentNotDelivered, lost }).toEqual({ counted: lost, lost });
        expect(outcome.deadLetters).toBe(outcome.sentNotDelivered);

        recordSuiteResult({
          area: 'faults',
          scenario: `${backend.name}: ${fault}`,
          faults: outcome.faultsInjected,
          requests: outcome.requests,
          dropped: lost,
          counted: outcome.sentNotDelivered,
          heapPeakMiB: mebibytes(outcome.heapPeak),
          note: `latency x${outcome.latencyRatio.toFixed(2)}; ${outcome.handed} handed, ${outcome.received} delivered; each of ${FLAKY_TOOLS.length} alerts: 1 firing + 1 resolve after healing`,
        });
      },
    );
  },
);
