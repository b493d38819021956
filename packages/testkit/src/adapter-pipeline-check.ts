import { type AdapterInstanceV1, type AdapterV1, createObservability } from '@mcp-o11y/core';
import type { AdapterConformanceOptions } from './adapter-conformance-options.js';
import { adapterSubject, resolveAdapter, resolveCapabilities } from './adapter-harness.js';
import { quietly, uniqueMark } from './adapter-signal-checks.js';
import { ConformanceError, describeValue, expectConformance } from './conformance-error.js';
import {
  expectDelivered,
  probeInstance,
  type TelemetryMarks,
  type TelemetryProbe,
} from './telemetry-probe.js';

/**
 * End to end through core: `createObservability({ adapters: [adapter] })` starts with the adapter, a span
 * from `tracer`, a counter from `meter` and a record from `logger` (for each enabled capability) reach
 * the adapter's contribution after `forceFlush`, core reports no fault for the adapter, and `shutdown`
 * completes. Registers no globals, installs no process hooks, writes no log lines and nothing to stdout.
 */
export async function checkAdapterThroughObservability<Options>(
  options: AdapterConformanceOptions<Options>,
): Promise<void> {
  const subject = adapterSubject(options);
  const capabilities = resolveCapabilities(options);
  const adapter = resolveAdapter(options);
  let created: { original: AdapterInstanceV1; probe: TelemetryProbe } | undefined;
  const probing: AdapterV1 = {
    specificationVersion: adapter.specificationVersion,
    id: adapter.id,
    kinds: adapter.kinds,
    async create(context) {
      const original = await adapter.create(context);
      created = { original, probe: probeInstance(original) };
      return created.probe.instance;
    },
  };

  await quietly(subject, 'the createObservability run', async () => {
    const observability = await createObservability({
      service: { name: 'testkit-service' },
      adapters: [probing],
      memory: false,
      env: { ...options.env },
      registerGlobals: false,
      shutdownHooks: { signals: false, stdinEnd: false, beforeExit: false },
      logging: { destination: false },
    }).catch((error: unknown) => {
      throw new ConformanceError(
        subject,
        `createObservability refused the adapter: ${describeValue(error)}`,
        { cause: error },
      );
    });
    try {
      expectConformance(created, subject, 'createObservability never called create.');
      const marks: { -readonly [Key in keyof TelemetryMarks]: TelemetryMarks[Key] } = {};
      if (capabilities.traces) {
        const name = uniqueMark();
        const span = observability.tracer.startSpan(name);
        marks.span = { name, traceId: span.spanContext().traceId };
        span.end();
      }
      if (capabilities.metrics) {
        marks.metric = uniqueMark();
        observability.meter.createCounter(marks.metric, { unit: '{check}' }).add(1);
      }
      if (capabilities.logs) {
        marks.log = uniqueMark();
        observability.logger.info(marks.log);
      }
      await observability.forceFlush();
      await expectDelivered(subject, options, created.original, created.probe, marks);
      const faults = observability.diagnostics().faults.filter((fault) => fault.adapter === adapter.id);
      expectConformance(
        faults.length === 0,
        subject,
        `core recorded faults for the adapter: ${describeValue(faults.map((fault) => `${fault.operation}: ${fault.firstMessage}`))}.`,
      );
    } finally {
      await observability.shutdown();
    }
  });
}
