import { describe, it, vi } from 'vitest';
import {
  checkAdapterContributions,
  checkAdapterDescriptor,
  checkAdapterImportIsQuiet,
  checkAdapterNoStdout,
  checkAdapterReadsContextEnv,
  checkAdapterShutdownTwice,
} from './adapter-checks.js';
import type { AdapterConformanceOptions } from './adapter-conformance-options.js';
import { adapterSubject, resolveCapabilities } from './adapter-harness.js';
import { checkAdapterThroughObservability } from './adapter-pipeline-check.js';
import {
  checkAdapterHealthChecksSettle,
  checkAdapterLogs,
  checkAdapterMetrics,
  checkAdapterTraces,
} from './adapter-signal-checks.js';

// Signal checks build providers and may poll a receiver: more than vitest's 5 s default.
const signalTimeoutMs = 20_000;

/**
 * Registers the adapter conformance suite: descriptor shape, contributions matching the declared kinds,
 * env read from the context, idempotent shutdown, no stdout, a quiet import (with `importModule`), and
 * for each capability (defaulting to the declared kinds) telemetry reaching the contribution through a
 * real OpenTelemetry provider and through core's `createObservability`.
 *
 * @example
 * describeAdapterConformance({ name: 'zipkin', descriptor: adapter, options: { url: `${receiver.url}/api/v2/spans` } });
 */
export function describeAdapterConformance<Options>(options: AdapterConformanceOptions<Options>): void {
  describe(`${options.name}: adapter conformance (AdapterV1)`, () => {
    // Resolved inside describe so a factory given as `adapter` runs when vitest collects, not at import.
    const capabilities = resolveCapabilities(options);
    it("describes itself with specificationVersion 'v1', an id and its kinds", () =>
      checkAdapterDescriptor(options));
    it('contributes the declared kinds, and only those', () => checkAdapterContributions(options));
    it('reads env from the context, not process.env', () => checkAdapterReadsContextEnv(options));
    it('shuts down twice without throwing', () => checkAdapterShutdownTwice(options));
    it('never writes to stdout', () => checkAdapterNoStdout(options));
    const importModule = options.importModule;
    it.skipIf(!importModule)('has no import-time side effects', async () => {
      vi.resetModules();
      await checkAdapterImportIsQuiet(importModule!, adapterSubject(options));
    });
    it.skipIf(!capabilities.traces)('delivers spans', () => checkAdapterTraces(options), signalTimeoutMs);
    it.skipIf(!capabilities.metrics)('delivers metrics', () => checkAdapterMetrics(options), signalTimeoutMs);
    it.skipIf(!capabilities.logs)('delivers log records', () => checkAdapterLogs(options), signalTimeoutMs);
    it.skipIf(!capabilities.traces && !capabilities.metrics && !capabilities.logs)(
      'delivers through createObservability end to end',
      () => checkAdapterThroughObservability(options),
      signalTimeoutMs,
    );
    it.skipIf(!capabilities.health)('runs health checks that settle when aborted', () =>
      checkAdapterHealthChecksSettle(options),
    );
  });
}
