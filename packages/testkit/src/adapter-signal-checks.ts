import { randomUUID } from 'node:crypto';
import type { AdapterInstanceV1 } from '@mcp-o11y/core';
import { LoggerProvider, type ReadableLogRecord, SimpleLogRecordProcessor } from '@opentelemetry/sdk-logs';
import { MeterProvider, PeriodicExportingMetricReader, type ResourceMetrics } from '@opentelemetry/sdk-metrics';
import { type ReadableSpan, SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { expectNoStdout } from './adapter-checks.js';
import type { AdapterConformanceOptions } from './adapter-conformance-options.js';
import { adapterSubject, pollUntil, withInstance } from './adapter-harness.js';
import { captureStdout } from './capture-stdout.js';
import { describeValue, expectConformance } from './conformance-error.js';
import { settleWithin } from './settle-within.js';
import { type TappedExport, tapExporter } from './tap-exporter.js';

const scope = '@mcp-o11y/testkit';

/**
 * A span made through a `TracerProvider` built from the adapter's trace contribution (processors as
 * they are, exporters in a `SimpleSpanProcessor`) reaches the backend (`receive.spans`), or else every
 * exporter is handed it and reports success. Nothing is written to stdout on the way.
 */
export async function checkAdapterTraces<Options>(options: AdapterConformanceOptions<Options>): Promise<void> {
  const subject = adapterSubject(options);
  await quietly(subject, 'the traces check', () =>
    withInstance(options, async (instance) => {
      const taps = (instance.traces?.exporters ?? []).map((exporter) => tapExporter<ReadableSpan[], typeof exporter>(exporter));
      const provider = new TracerProvider({
        spanProcessors: [
          ...(instance.traces?.processors ?? []),
          ...taps.map(({ exporter }) => new SimpleSpanProcessor({ exporter })),
        ],
      });
      const name = `testkit.conformance.${randomUUID()}`;
      const span = provider.getTracer(scope).startSpan(name, { attributes: { 'testkit.check': 'traces' } });
      const { traceId } = span.spanContext();
      span.end();
      await provider.forceFlush();
      const receiveSpans = options.receive?.spans;
      if (receiveSpans) {
        await pollUntil(subject, `span ${name}`, () => receiveSpans(instance), (spans) =>
          spans.some((received) => received.name === name && received.traceId === traceId), timeout(options));
      }
      for (const [index, { exports }] of taps.entries()) {
        expectExported(subject, `traces.exporters[${index}]`, exports, (batch) =>
          batch.some((exported) => exported.name === name && exported.spanContext().traceId === traceId));
      }
      await provider.shutdown();
    }),
  );
}

/**
 * A counter recorded through a `MeterProvider` built from the adapter's metric contribution (readers as
 * they are, exporters in a `PeriodicExportingMetricReader`) is collected by every reader, exported with
 * success by every exporter after `forceFlush`, and reaches the backend when `receive.metrics` is set.
 */
export async function checkAdapterMetrics<Options>(options: AdapterConformanceOptions<Options>): Promise<void> {
  const subject = adapterSubject(options);
  await quietly(subject, 'the metrics check', () =>
    withInstance(options, async (instance) => {
      const readers = instance.metrics?.readers ?? [];
      const taps = (instance.metrics?.exporters ?? []).map((exporter) => tapExporter<ResourceMetrics, typeof exporter>(exporter));
      const provider = new MeterProvider({
        readers: [
          ...readers,
          // A long interval: only the explicit forceFlush below should export.
          ...taps.map(({ exporter }) => new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: 3_600_000 })),
        ],
      });
      const name = `testkit.conformance.${randomUUID().slice(0, 8)}`;
      provider.getMeter(scope).createCounter(name, { unit: '{check}' }).add(1, { 'testkit.check': 'metrics' });
      for (const [index, reader] of readers.entries()) {
        const { resourceMetrics } = await reader.collect();
        expectConformance(
          hasMetric(resourceMetrics, name),
          subject,
          `metrics.readers[${index}] did not collect the suite's counter; a reader must see every instrument of the provider.`,
        );
      }
      await provider.forceFlush();
      const receiveMetrics = options.receive?.metrics;
      if (receiveMetrics) {
        await pollUntil(subject, `metric ${name}`, () => receiveMetrics(instance), (metrics) =>
          metrics.some((received) => received.name === name), timeout(options));
      }
      for (const [index, { exports }] of taps.entries()) {
        expectExported(subject, `metrics.exporters[${index}]`, exports, (batch) => hasMetric(batch, name));
      }
      await provider.shutdown();
    }),
  );
}

/**
 * A log record emitted through a `LoggerProvider` built from the adapter's log contribution (processors
 * as they are, exporters in a `SimpleLogRecordProcessor`) is exported with success, and reaches the
 * backend when `receive.logs` is set.
 */
export async function checkAdapterLogs<Options>(options: AdapterConformanceOptions<Options>): Promise<void> {
  const subject = adapterSubject(options);
  await quietly(subject, 'the logs check', () =>
    withInstance(options, async (instance) => {
      const taps = (instance.logs?.exporters ?? []).map((exporter) => tapExporter<ReadableLogRecord[], typeof exporter>(exporter));
      const provider = new LoggerProvider({
        processors: [
          ...(instance.logs?.processors ?? []),
          ...taps.map(({ exporter }) => new SimpleLogRecordProcessor({ exporter })),
        ],
      });
      const body = `testkit conformance ${randomUUID()}`;
      // 9 is SeverityNumber.INFO; a literal keeps @opentelemetry/api out of the runtime imports.
      provider.getLogger(scope).emit({ body, severityNumber: 9, severityText: 'INFO', attributes: { 'testkit.check': 'logs' } });
      await provider.forceFlush();
      const receiveLogs = options.receive?.logs;
      if (receiveLogs) {
        await pollUntil(subject, `log record "${body}"`, () => receiveLogs(instance), (records) =>
          records.some((received) => received.body === body), timeout(options));
      }
      for (const [index, { exports }] of taps.entries()) {
        expectExported(subject, `logs.exporters[${index}]`, exports, (batch) => batch.some((record) => record.body === body));
      }
      await provider.shutdown();
    }),
  );
}

/** Every contributed health check settles, with a valid result or a rejection, once its signal aborts. */
export async function checkAdapterHealthChecksSettle<Options>(options: AdapterConformanceOptions<Options>): Promise<void> {
  const subject = adapterSubject(options);
  await quietly(subject, 'the health check run', () =>
    withInstance(options, async (instance: AdapterInstanceV1) => {
      for (const [index, check] of (instance.healthChecks ?? []).entries()) {
        const controller = new AbortController();
        const running = Promise.resolve().then(() => check.check({ signal: controller.signal }));
        running.catch(() => undefined);
        setTimeout(() => controller.abort(), 500).unref();
        const settled = await settleWithin(running, 3_000);
        expectConformance(settled.state !== 'pending', subject, `healthChecks[${index}] did not settle after its signal aborted.`);
        if (settled.state === 'resolved') {
          expectConformance(
            ['pass', 'warn', 'fail'].includes(settled.value?.status),
            subject,
            `healthChecks[${index}] resolved ${describeValue(settled.value)}, not a HealthResultV1.`,
          );
        }
      }
    }),
  );
}

function expectExported<Batch>(
  subject: string,
  path: string,
  exports: readonly TappedExport<Batch>[],
  contains: (batch: Batch) => boolean,
): void {
  const exported = exports.find((entry) => contains(entry.batch));
  expectConformance(exported, subject, `${path} was never handed the suite's telemetry by the SDK.`);
  const outcome = exported.outcome;
  expectConformance(
    outcome !== undefined && outcome.code === 0,
    subject,
    `${path} did not report success for the suite's telemetry (${describeValue(outcome?.error ?? outcome)}); ` +
      'point the suite options at a local receiver (startHttpReceiver).',
  );
}

function hasMetric(resourceMetrics: ResourceMetrics, name: string): boolean {
  return resourceMetrics.scopeMetrics.some((scopeMetrics) =>
    scopeMetrics.metrics.some((metric) => metric.descriptor.name === name),
  );
}

function timeout<Options>(options: AdapterConformanceOptions<Options>): number {
  return options.receiveTimeoutMs ?? 5_000;
}

async function quietly(subject: string, during: string, body: () => Promise<void>): Promise<void> {
  const capture = captureStdout({ passThrough: false });
  try {
    await body();
  } finally {
    capture.restore();
  }
  expectNoStdout(subject, during, capture.writes);
}
