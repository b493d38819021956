import type { AdapterInstanceV1 } from '@mcp-o11y/core';
import type { ReadableLogRecord } from '@opentelemetry/sdk-logs';
import type { ResourceMetrics } from '@opentelemetry/sdk-metrics';
import type { ReadableSpan } from '@opentelemetry/sdk-trace';
import type { AdapterConformanceOptions } from './adapter-conformance-options.js';
import { pollUntil } from './adapter-harness.js';
import { describeValue, expectConformance } from './conformance-error.js';
import { type TappedExport, tapExporter } from './tap-exporter.js';

/** An instance whose exporters and processors report what they were handed. */
export interface TelemetryProbe {
  /** Use this in place of the original: same members, tapped exporters and processors. */
  readonly instance: AdapterInstanceV1;
  readonly spanExports: readonly (readonly TappedExport<ReadableSpan[]>[])[];
  readonly metricExports: readonly (readonly TappedExport<ResourceMetrics>[])[];
  readonly logExports: readonly (readonly TappedExport<ReadableLogRecord[]>[])[];
  /** Names of the spans the trace processors saw end. */
  readonly endedSpans: readonly string[];
  /** Bodies of the records the log processors saw. */
  readonly emittedLogs: readonly unknown[];
}

/** The instance with every exporter and processor tapped; the original keeps working as before. */
export function probeInstance(instance: AdapterInstanceV1): TelemetryProbe {
  const endedSpans: string[] = [];
  const emittedLogs: unknown[] = [];
  const spanTaps = (instance.traces?.exporters ?? []).map((exporter) =>
    tapExporter<ReadableSpan[], typeof exporter>(exporter),
  );
  const metricTaps = (instance.metrics?.exporters ?? []).map((exporter) =>
    tapExporter<ResourceMetrics, typeof exporter>(exporter),
  );
  const logTaps = (instance.logs?.exporters ?? []).map((exporter) =>
    tapExporter<ReadableLogRecord[], typeof exporter>(exporter),
  );
  const replaced: Partial<AdapterInstanceV1> = {
    ...(instance.traces && {
      traces: {
        ...instance.traces,
        exporters: spanTaps.map((tap) => tap.exporter),
        processors: (instance.traces.processors ?? []).map((processor) =>
          intercept(processor, 'onEnd', (span: ReadableSpan) => endedSpans.push(span.name)),
        ),
      },
    }),
    ...(instance.metrics && {
      metrics: { ...instance.metrics, exporters: metricTaps.map((tap) => tap.exporter) },
    }),
    ...(instance.logs && {
      logs: {
        ...instance.logs,
        exporters: logTaps.map((tap) => tap.exporter),
        processors: (instance.logs.processors ?? []).map((processor) =>
          intercept(processor, 'onEmit', (record: ReadableLogRecord) => emittedLogs.push(record.body)),
        ),
      },
    }),
  };
  return {
    instance: delegate(instance, replaced),
    spanExports: spanTaps.map((tap) => tap.exports),
    metricExports: metricTaps.map((tap) => tap.exports),
    logExports: logTaps.map((tap) => tap.exports),
    endedSpans,
    emittedLogs,
  };
}

/** What the suite made, to look for. */
export interface TelemetryMarks {
  readonly span?: { readonly name: string; readonly traceId: string };
  readonly metric?: string;
  readonly log?: string;
}

/**
 * Checks that each mark reached every part of the contribution: the backend through `receive` when
 * given, every exporter with a successful result, every processor, every reader's collection.
 */
export async function expectDelivered<Options>(
  subject: string,
  options: AdapterConformanceOptions<Options>,
  original: AdapterInstanceV1,
  probe: TelemetryProbe,
  marks: TelemetryMarks,
): Promise<void> {
  const timeoutMs = options.receiveTimeoutMs ?? 5_000;
  const { span, metric, log } = marks;
  if (span) {
    const receive = options.receive?.spans;
    if (receive) {
      await pollUntil(
        subject,
        `span ${span.name}`,
        () => receive(original),
        (spans) => spans.some((received) => received.name === span.name && received.traceId === span.traceId),
        timeoutMs,
      );
    }
    for (const [index, exports] of probe.spanExports.entries()) {
      await expectExported(subject, `traces.exporters[${index}]`, exports, (batch) =>
        batch.some(
          (exported) => exported.name === span.name && exported.spanContext().traceId === span.traceId,
        ),
      );
    }
    const processors = probe.instance.traces?.processors ?? [];
    expectConformance(
      processors.length === 0 ||
        probe.endedSpans.filter((name) => name === span.name).length === processors.length,
      subject,
      "a trace processor did not see the suite's span end.",
    );
  }
  if (metric) {
    const receive = options.receive?.metrics;
    if (receive) {
      await pollUntil(
        subject,
        `metric ${metric}`,
        () => receive(original),
        (metrics) => metrics.some((received) => received.name === metric),
        timeoutMs,
      );
    }
    for (const [index, exports] of probe.metricExports.entries()) {
      await expectExported(subject, `metrics.exporters[${index}]`, exports, (batch) =>
        hasMetric(batch, metric),
      );
    }
    for (const [index, reader] of (original.metrics?.readers ?? []).entries()) {
      const { resourceMetrics } = await reader.collect();
      expectConformance(
        hasMetric(resourceMetrics, metric),
        subject,
        `metrics.readers[${index}] did not collect the suite's counter; a reader must see every instrument of its provider.`,
      );
    }
  }
  if (log) {
    const receive = options.receive?.logs;
    if (receive) {
      await pollUntil(
        subject,
        `log record "${log}"`,
        () => receive(original),
        (records) => records.some((received) => received.body === log),
        timeoutMs,
      );
    }
    for (const [index, exports] of probe.logExports.entries()) {
      await expectExported(subject, `logs.exporters[${index}]`, exports, (batch) =>
        batch.some((record) => record.body === log),
      );
    }
    const processors = probe.instance.logs?.processors ?? [];
    expectConformance(
      processors.length === 0 ||
        probe.emittedLogs.filter((body) => body === log).length === processors.length,
      subject,
      "a log processor did not see the suite's record.",
    );
  }
}

/**
 * Waits (up to `timeoutMs`) for the export holding the suite's telemetry to report its outcome: a
 * provider's forceFlush may resolve while an export started by its timer is still in flight.
 */
async function expectExported<Batch>(
  subject: string,
  path: string,
  exports: readonly TappedExport<Batch>[],
  contains: (batch: Batch) => boolean,
  timeoutMs = 5_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exported = exports.find((entry) => contains(entry.batch));
  while ((exported === undefined || exported.outcome === undefined) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    exported = exports.find((entry) => contains(entry.batch));
  }
  expectConformance(exported, subject, `${path} was never handed the suite's telemetry.`);
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

/** `target` with `method` also reporting its first argument to `seen`. */
function intercept<T extends object, Argument>(
  target: T,
  method: string,
  seen: (argument: Argument) => void,
): T {
  return new Proxy(target, {
    get(object, property) {
      const value: unknown = Reflect.get(object, property, object);
      if (typeof value !== 'function') return value;
      if (property !== method) return value.bind(object);
      return (argument: Argument, ...rest: unknown[]) => {
        seen(argument);
        return value.call(object, argument, ...rest);
      };
    },
  });
}

/** `target` with some properties replaced; methods stay bound to the original (class instances work). */
function delegate<T extends object>(target: T, replaced: Partial<T>): T {
  return new Proxy(target, {
    get(object, property) {
      if (Object.hasOwn(replaced, property)) return replaced[property as keyof T];
      const value: unknown = Reflect.get(object, property, object);
      return typeof value === 'function' ? value.bind(object) : value;
    },
  });
}
