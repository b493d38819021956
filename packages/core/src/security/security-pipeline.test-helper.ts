import type { AnyValue, Attributes } from '@opentelemetry/api';
import { InMemoryLogRecordExporter, SimpleLogRecordProcessor } from '@opentelemetry/sdk-logs';
import { type DataPoint, MetricReader } from '@opentelemetry/sdk-metrics';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace';
import { createObservability } from '../pipeline/create-observability.js';
import type { Observability } from '../pipeline/observability.js';
import type { AdapterV1 } from '../spec/adapter/v1/adapter-v1.js';

class PullReader extends MetricReader {
  protected override async onForceFlush(): Promise<void> {}
  protected override async onShutdown(): Promise<void> {}
}

/** One exported log record, flattened. */
export interface ExportedLog {
  readonly level: string;
  readonly body: string;
  readonly attributes: Attributes;
}

/**
 * A pipeline (logging at `debug`) with an adapter that exports spans, logs and metrics in memory, as a
 * backend would receive them, so tests can read back and scan every exported value.
 */
export async function securityPipeline() {
  const spans = new InMemorySpanExporter();
  const logs = new InMemoryLogRecordExporter();
  const reader = new PullReader();
  const adapter: AdapterV1 = {
    specificationVersion: 'v1',
    id: 'capture',
    kinds: ['traces', 'metrics', 'logs'],
    create: () => ({
      specificationVersion: 'v1',
      id: 'capture',
      traces: { processors: [new SimpleSpanProcessor({ exporter: spans })] },
      metrics: { readers: [reader] },
      logs: { processors: [new SimpleLogRecordProcessor({ exporter: logs })] },
    }),
  };
  const observability: Observability = await createObservability({
    adapters: [adapter],
    logging: { destination: false, level: 'debug' },
    shutdownHooks: { signals: false, stdinEnd: false, beforeExit: false },
    registerGlobals: false,
    alerts: false,
  });

  /** Points of one metric as `{ attributes → value }`, zero-valued points included. */
  const counter = async (name: string): Promise<Record<string, number>> => {
    const { resourceMetrics } = await reader.collect();
    const values: Record<string, number> = {};
    for (const scope of resourceMetrics.scopeMetrics) {
      for (const metric of scope.metrics) {
        if (metric.descriptor.name !== name) continue;
        for (const point of metric.dataPoints as DataPoint<number>[]) {
          values[Object.values(point.attributes).join('/')] = point.value;
        }
      }
    }
    return values;
  };

  const exportedLogs = (): ExportedLog[] =>
    logs.getFinishedLogRecords().map((record) => ({
      level: record.severityText ?? '',
      body: String(record.body),
      attributes: record.attributes as Attributes,
    }));

  /** Every string the backends received: span names, attributes, events; log bodies and attributes; metric attributes. */
  const everyExportedValue = async (): Promise<string> => {
    await observability.forceFlush();
    const parts: unknown[] = [];
    for (const span of spans.getFinishedSpans()) {
      parts.push(
        span.name,
        span.attributes,
        span.status,
        span.events.map((event) => [event.name, event.attributes]),
      );
      parts.push(span.links.map((link) => link.attributes));
    }
    for (const record of logs.getFinishedLogRecords()) parts.push(record.body, record.attributes as AnyValue);
    const { resourceMetrics } = await reader.collect();
    parts.push(resourceMetrics.resource.attributes);
    for (const scope of resourceMetrics.scopeMetrics) {
      for (const metric of scope.metrics) {
        parts.push(
          metric.descriptor.name,
          metric.dataPoints.map((point) => point.attributes),
        );
      }
    }
    return JSON.stringify(parts);
  };

  return { observability, spans, counter, exportedLogs, everyExportedValue };
}
