import { randomUUID } from 'node:crypto';
import { LoggerProvider, SimpleLogRecordProcessor } from '@opentelemetry/sdk-logs';
import { MeterProvider, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import { SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { expectNoStdout } from './adapter-checks.js';
import type { AdapterConformanceOptions } from './adapter-conformance-options.js';
import { adapterSubject, withInstance } from './adapter-harness.js';
import { captureStdout } from './capture-stdout.js';
import { describeValue, expectConformance } from './conformance-error.js';
import { settleWithin } from './settle-within.js';
import { expectDelivered, probeInstance } from './telemetry-probe.js';

/** The instrumentation scope of everything the suite records. */
export const testkitScope = '@mcp-o11y/testkit';

/** A unique, valid instrument or span name, so read-backs from shared receivers find this run's data. */
export function uniqueMark(): string {
  return `testkit.conformance.${randomUUID().slice(0, 8)}`;
}

/**
 * A span made through a `TracerProvider` built from the adapter's trace contribution (processors as
 * they are, exporters in a `SimpleSpanProcessor`) reaches every processor and exporter (which must report
 * success) and, with `receive.spans`, the backend. Nothing is written to stdout on the way.
 */
export async function checkAdapterTraces<Options>(
  options: AdapterConformanceOptions<Options>,
): Promise<void> {
  const subject = adapterSubject(options);
  await quietly(subject, 'the traces check', () =>
    withInstance(options, async (instance) => {
      const probe = probeInstance(instance);
      const traces = probe.instance.traces;
      const provider = new TracerProvider({
        spanProcessors: [
          ...(traces?.processors ?? []),
          ...(traces?.exporters ?? []).map((exporter) => new SimpleSpanProcessor({ exporter })),
        ],
      });
      const name = uniqueMark();
      const span = provider
        .getTracer(testkitScope)
        .startSpan(name, { attributes: { 'testkit.check': 'traces' } });
      const { traceId } = span.spanContext();
      span.end();
      await flush(provider);
      await expectDelivered(subject, options, instance, probe, { span: { name, traceId } });
      await provider.shutdown().catch(() => undefined);
    }),
  );
}

/**
 * A counter recorded through a `MeterProvider` built from the adapter's metric contribution (readers as
 * they are, exporters in a `PeriodicExportingMetricReader`) is collected by every reader, exported with
 * success by every exporter on `forceFlush` and, with `receive.metrics`, reaches the backend.
 */
export async function checkAdapterMetrics<Options>(
  options: AdapterConformanceOptions<Options>,
): Promise<void> {
  const subject = adapterSubject(options);
  await quietly(subject, 'the metrics check', () =>
    withInstance(options, async (instance) => {
      const probe = probeInstance(instance);
      const metrics = probe.instance.metrics;
      const provider = new MeterProvider({
        readers: [
          ...(metrics?.readers ?? []),
          // A long interval: only the explicit forceFlush below should export.
          ...(metrics?.exporters ?? []).map(
            (exporter) => new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: 3_600_000 }),
          ),
        ],
      });
      const name = uniqueMark();
      provider
        .getMeter(testkitScope)
        .createCounter(name, { unit: '{check}' })
        .add(1, { 'testkit.check': 'metrics' });
      await flush(provider);
      await expectDelivered(subject, options, instance, probe, { metric: name });
      await provider.shutdown().catch(() => undefined);
    }),
  );
}

/**
 * A log record emitted through a `LoggerProvider` built from the adapter's log contribution (processors
 * as they are, exporters in a `SimpleLogRecordProcessor`) reaches every processor and exporter (which
 * must report success) and, with `receive.logs`, the backend.
 */
export async function checkAdapterLogs<Options>(options: AdapterConformanceOptions<Options>): Promise<void> {
  const subject = adapterSubject(options);
  await quietly(subject, 'the logs check', () =>
    withInstance(options, async (instance) => {
      const probe = probeInstance(instance);
      const logs = probe.instance.logs;
      const provider = new LoggerProvider({
        processors: [
          ...(logs?.processors ?? []),
          ...(logs?.exporters ?? []).map((exporter) => new SimpleLogRecordProcessor({ exporter })),
        ],
      });
      const body = uniqueMark();
      // 9 is SeverityNumber.INFO; a literal keeps @opentelemetry/api out of the runtime imports.
      provider.getLogger(testkitScope).emit({ body, severityNumber: 9, severityText: 'INFO' });
      await flush(provider);
      await expectDelivered(subject, options, instance, probe, { log: body });
      await provider.shutdown().catch(() => undefined);
    }),
  );
}

/** Every contributed health check settles, with a valid result or a rejection, once its signal aborts. */
export async function checkAdapterHealthChecksSettle<Options>(
  options: AdapterConformanceOptions<Options>,
): Promise<void> {
  const subject = adapterSubject(options);
  await quietly(subject, 'the health checks', () =>
    withInstance(options, async (instance) => {
      for (const [index, check] of (instance.healthChecks ?? []).entries()) {
        const controller = new AbortController();
        const running = Promise.resolve().then(() => check.check({ signal: controller.signal }));
        running.catch(() => undefined);
        setTimeout(() => controller.abort(), 500).unref();
        const settled = await settleWithin(running, 3_000);
        expectConformance(
          settled.state !== 'pending',
          subject,
          `healthChecks[${index}] did not settle after its signal aborted.`,
        );
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

/**
 * Flushes a provider. The SDK rejects a flush after a failed export with a bare error; the export taps
 * checked next report the same failure with the exporter's name, so the rejection itself is dropped.
 */
async function flush(provider: { forceFlush(): Promise<void> }): Promise<void> {
  await provider.forceFlush().catch(() => undefined);
}

/** Runs `body` with stdout captured, then fails if anything was written. */
export async function quietly(subject: string, during: string, body: () => Promise<void>): Promise<void> {
  const capture = captureStdout({ passThrough: false });
  try {
    await body();
  } finally {
    capture.restore();
  }
  expectNoStdout(subject, during, capture.writes);
}
