import {
  type AzureMonitorExporterOptions,
  AzureMonitorLogExporter,
  AzureMonitorMetricExporter,
  AzureMonitorTraceExporter,
} from '@azure/monitor-opentelemetry-exporter';
import type {
  LoggerV1,
  LogsContributionV1,
  MetricsContributionV1,
  TracesContributionV1,
} from '@mcp-o11y/core';
import type { ResolvedAzureMonitorOptions } from './azure-monitor-options.js';
import { carryAttributes, isSampledIn } from './convert-to-application-insights.js';
import { createEnvelopePolicy } from './envelope-policy.js';
import { constructQuietly, failUnstoredBatches, prepareSender } from './exporter-internals.js';
import { createFetchHttpClient } from './fetch-http-client.js';
import { createStorageCap } from './offline-storage.js';

// The 3.x SDK types, reached through core's contribution types (this package depends on no SDK).
type SpanExporter = NonNullable<TracesContributionV1['exporters']>[number];
type ReadableSpan = Parameters<SpanExporter['export']>[0][number];
type ExportResult = Parameters<Parameters<SpanExporter['export']>[1]>[0];
type PushMetricExporter = NonNullable<MetricsContributionV1['exporters']>[number];
type LogRecordExporter = NonNullable<LogsContributionV1['exporters']>[number];
type ReadableLogRecord = Parameters<LogRecordExporter['export']>[0][number];

// ExportResultCode of @opentelemetry/core (same values in the 2.x and 3.x lines).
const success = 0;
const failed = 1;
/** The span attribute the exporter turns into the envelope's `sampleRate` (so `itemCount` is scaled). */
const sampleRateAttribute = 'microsoft.sample_rate';

/** The three exporters, typed for core's 3.x pipeline, and what they need at shutdown. */
export interface AzureMonitorExporters {
  readonly spanExporter?: SpanExporter;
  readonly metricExporter?: PushMetricExporter;
  readonly logExporter?: LogRecordExporter;
  /** Shuts every exporter down (idempotent: the Azure senders ignore a second call). */
  shutdown(): Promise<void>;
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

/**
 * Calls an Azure `export` so that its result reaches `done` exactly once: the trace exporter calls its
 * callback twice (the send result, then SUCCESS), and an `async export` that throws would otherwise be an
 * unhandled rejection (which crashes Node). `afterExport` runs before `done` (the disk cap).
 */
function exportOnce<T>(
  run: (items: T[], done: (result: ExportResult) => void) => unknown,
  afterExport: (() => Promise<void> | undefined) | undefined,
): (items: T[], done: (result: ExportResult) => void) => void {
  return (items, done) => {
    let settled = false;
    const finish = (result: ExportResult): void => {
      if (settled) return;
      settled = true;
      const pending = afterExport?.();
      if (pending === undefined) done(result);
      else
        pending.then(
          () => done(result),
          () => done(result),
        );
    };
    try {
      const returned = run(items, finish);
      if (returned instanceof Promise) {
        returned.catch((error: unknown) => finish({ code: failed, error: asError(error) }));
      }
    } catch (error) {
      finish({ code: failed, error: asError(error) });
    }
  };
}

/**
 * The span as the Azure exporter should see it: as it is, or (for MCP spans, and when sampling) a plain
 * copy with the carried attributes and the sample rate added. The SDK's span object is not ours to mutate.
 */
function viewForAzure(span: ReadableSpan, percentage: number): ReadableSpan {
  const carried = carryAttributes(span.attributes);
  if (carried === undefined && percentage >= 100) return span;
  const attributes = { ...(carried ?? span.attributes) } as ReadableSpan['attributes'];
  if (percentage < 100) attributes[sampleRateAttribute] = percentage;
  const context = span.spanContext();
  return {
    name: span.name,
    kind: span.kind,
    spanContext: () => context,
    parentSpanContext: span.parentSpanContext,
    startTime: span.startTime,
    endTime: span.endTime,
    status: span.status,
    attributes,
    links: span.links,
    events: span.events,
    duration: span.duration,
    ended: span.ended,
    resource: span.resource,
    instrumentationScope: span.instrumentationScope,
    droppedAttributesCount: span.droppedAttributesCount,
    droppedEventsCount: span.droppedEventsCount,
    droppedLinksCount: span.droppedLinksCount,
  };
}

/**
 * The record as the Azure exporter should see it. The exporter sends a record with `exception.type` as
 * an exception only when it also has `exception.stacktrace`; without one (core logs a thrown string or
 * object that way) it matches no envelope type and is silently dropped. Such a record gets its
 * `type: message` as the stack, in a plain copy.
 */
function logViewForAzure(record: ReadableLogRecord): ReadableLogRecord {
  const attributes = record.attributes;
  if (attributes['exception.type'] === undefined || attributes['exception.stacktrace'] !== undefined)
    return record;
  const message = attributes['exception.message'];
  return {
    hrTime: record.hrTime,
    hrTimeObserved: record.hrTimeObserved,
    spanContext: record.spanContext,
    severityText: record.severityText,
    severityNumber: record.severityNumber,
    body: record.body,
    eventName: record.eventName,
    resource: record.resource,
    instrumentationScope: record.instrumentationScope,
    droppedAttributesCount: record.droppedAttributesCount,
    attributes: {
      ...attributes,
      'exception.stacktrace': `${String(attributes['exception.type'])}: ${message === undefined ? '' : String(message)}`,
    },
  };
}

function traceIdOf(record: ReadableLogRecord): string | undefined {
  const traceId = record.spanContext?.traceId;
  return traceId === undefined || /^0+$/.test(traceId) ? undefined : traceId;
}

/**
 * Builds the Azure exporter options: the connection string, offline storage, the request policy (timeout
 * and MCP envelope mapping), retries and, when given, the injected fetch.
 */
function exporterOptions(
  options: ResolvedAzureMonitorOptions,
  onNotAccepted: () => void,
): AzureMonitorExporterOptions {
  const storage = options.offlineStorage;
  return {
    connectionString: options.connectionString,
    disableOfflineStorage: storage === false,
    ...(storage === false ? {} : { storageDirectory: storage.directory }),
    retryOptions: { maxRetries: options.maxRetries },
    additionalPolicies: [
      { position: 'perCall', policy: createEnvelopePolicy(options.timeoutMillis, onNotAccepted) },
    ],
    ...(options.fetch === undefined ? {} : { httpClient: createFetchHttpClient(options.fetch) }),
  };
}

/** Creates the Azure exporters for the enabled signals, wrapped for core's 3.x pipeline. */
export function createAzureMonitorExporters(
  options: ResolvedAzureMonitorOptions,
  logger: LoggerV1,
  reportDropped?: (signal: 'traces' | 'logs' | 'metrics', count: number) => void,
): AzureMonitorExporters {
  // The disk cap is enforced (before the export reports back) only after a send that was not fully
  // accepted, the only case in which the exporter writes to its store.
  let mayHaveStored = false;
  const azureOptions = exporterOptions(options, () => {
    mayHaveStored = true;
  });
  const storage = options.offlineStorage;
  const cap = storage === false ? undefined : createStorageCap(storage.directory, storage.maxBytes);
  const afterExport =
    cap === undefined
      ? undefined
      : () => {
          if (!mayHaveStored) return undefined;
          mayHaveStored = false;
          return cap.enforce();
        };
  const percentage = Math.round(options.samplingRatio * 100);
  const shutdowns: (() => Promise<void>)[] = [];
  const tune = (exporter: object, field: string, signal: 'traces' | 'logs' | 'metrics') => {
    if (storage !== false) {
      prepareSender(exporter, field, storage.retryIntervalMillis, logger, {
        ...(cap === undefined ? {} : { store: cap.store }),
        ...(reportDropped === undefined ? {} : { onReplayDropped: (count) => reportDropped(signal, count) }),
      });
    } else failUnstoredBatches(exporter, field, logger);
  };

  let spanExporter: SpanExporter | undefined;
  if (options.signals.traces) {
    const azure = constructQuietly(options.sdkStats, () => new AzureMonitorTraceExporter(azureOptions));
    tune(azure, 'sender', 'traces');
    // Narrow cast: the exporter is typed against the 2.x ReadableSpan; the 3.x one has the same fields
    // it reads (name, kind, spanContext(), parentSpanContext, attributes, events, links, status, duration,
    // resource.attributes), which the HTTPS receiver test checks envelope by envelope.
    type AzureSpans = Parameters<AzureMonitorTraceExporter['export']>[0];
    type AzureDone = Parameters<AzureMonitorTraceExporter['export']>[1];
    spanExporter = {
      export: exportOnce<ReadableSpan>((spans, done) => {
        const kept = (
          percentage >= 100
            ? spans
            : spans.filter((span) => isSampledIn(span.spanContext().traceId, percentage))
        ).map((span) => viewForAzure(span, percentage));
        if (kept.length === 0) return done({ code: success });
        return azure.export(kept as unknown as AzureSpans, done as unknown as AzureDone);
      }, afterExport),
      shutdown: () => azure.shutdown(),
      forceFlush: () => Promise.resolve(),
    };
    shutdowns.push(() => azure.shutdown());
  }

  let metricExporter: PushMetricExporter | undefined;
  if (options.signals.metrics) {
    const azure = constructQuietly(options.sdkStats, () => new AzureMonitorMetricExporter(azureOptions));
    tune(azure, '_sender', 'metrics');
    // Narrow cast: 2.x and 3.x ResourceMetrics share the shape the exporter reads (resource.attributes,
    // scopeMetrics[].metrics[].descriptor.name, dataPointType, dataPoints[].value/attributes), and the
    // DataPointType, InstrumentType and AggregationTemporality values are identical in both lines.
    type AzureMetrics = Parameters<AzureMonitorMetricExporter['export']>[0];
    type AzureDone = Parameters<AzureMonitorMetricExporter['export']>[1];
    type Temporality = ReturnType<NonNullable<PushMetricExporter['selectAggregationTemporality']>>;
    type InstrumentKind = Parameters<NonNullable<PushMetricExporter['selectAggregationTemporality']>>[0];
    type AzureInstrumentKind = Parameters<AzureMonitorMetricExporter['selectAggregationTemporality']>[0];
    metricExporter = {
      export: (metrics, done) =>
        exportOnce<typeof metrics>(
          (batch, finish) =>
            azure.export(batch[0] as unknown as AzureMetrics, finish as unknown as AzureDone),
          afterExport,
        )([metrics], done),
      forceFlush: () => azure.forceFlush(),
      shutdown: () => azure.shutdown(),
      selectAggregationTemporality: (kind: InstrumentKind) =>
        azure.selectAggregationTemporality(kind as unknown as AzureInstrumentKind) as unknown as Temporality,
    };
    shutdowns.push(() => azure.shutdown());
  }

  let logExporter: LogRecordExporter | undefined;
  if (options.signals.logs) {
    const azure = constructQuietly(options.sdkStats, () => new AzureMonitorLogExporter(azureOptions));
    tune(azure, '_sender', 'logs');
    // Narrow cast: the 3.x ReadableLogRecord has every field the exporter reads (hrTime, body,
    // severityNumber, attributes, spanContext, resource).
    type AzureLogs = Parameters<AzureMonitorLogExporter['export']>[0];
    type AzureDone = Parameters<AzureMonitorLogExporter['export']>[1];
    logExporter = {
      export: exportOnce<ReadableLogRecord>((records, done) => {
        const kept = (
          percentage >= 100
            ? records
            : records.filter((record) => {
                const traceId = traceIdOf(record);
                return traceId === undefined || isSampledIn(traceId, percentage);
              })
        ).map(logViewForAzure);
        if (kept.length === 0) return done({ code: success });
        return azure.export(kept as unknown as AzureLogs, done as unknown as AzureDone);
      }, afterExport),
      forceFlush: () => azure.forceFlush(),
      shutdown: () => azure.shutdown(),
    };
    shutdowns.push(() => azure.shutdown());
  }

  return {
    ...(spanExporter === undefined ? {} : { spanExporter }),
    ...(metricExporter === undefined ? {} : { metricExporter }),
    ...(logExporter === undefined ? {} : { logExporter }),
    shutdown: async () => {
      await Promise.allSettled(shutdowns.map((shutdown) => shutdown()));
    },
  };
}
