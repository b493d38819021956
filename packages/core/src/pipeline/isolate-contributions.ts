import { type ExportResult, ExportResultCode } from '@opentelemetry/core';
import type { LogRecordExporter, LogRecordProcessor, ReadableLogRecord } from '@opentelemetry/sdk-logs';
import type { MetricReader, PushMetricExporter, ResourceMetrics } from '@opentelemetry/sdk-metrics';
import type { ReadableSpan, SpanExporter, SpanProcessor } from '@opentelemetry/sdk-trace';
import type { FaultReporter } from './fault-reporter.js';

type Report = (operation: string, error: unknown) => void;

/** Runs an async lifecycle call so that neither a throw nor a rejection escapes. */
export function guardAsync(
  report: Report,
  operation: string,
  call: () => Promise<void> | void,
): Promise<void> {
  try {
    return Promise.resolve(call()).catch((error: unknown) => report(operation, error));
  } catch (error) {
    report(operation, error);
    return Promise.resolve();
  }
}

function guardExport<T>(report: Report, exportCall: (items: T, done: (r: ExportResult) => void) => void) {
  return (items: T, done: (result: ExportResult) => void): void => {
    let settled = false;
    try {
      exportCall(items, (result) => {
        if (settled) return;
        settled = true;
        if (result.code !== ExportResultCode.SUCCESS)
          report('export', result.error ?? new Error('export failed'));
        done(result);
      });
    } catch (error) {
      report('export', error);
      if (settled) return;
      settled = true;
      done({
        code: ExportResultCode.FAILED,
        error: error instanceof Error ? error : new Error(String(error)),
      });
    }
  };
}

/** Wraps a span exporter so a throw or a failed export is reported and counted, never propagated. */
export function isolateSpanExporter(
  reporter: FaultReporter,
  adapter: string,
  exporter: SpanExporter,
): SpanExporter {
  const report: Report = (operation, error) => reporter.report(adapter, operation, error);
  return {
    export: guardExport<ReadableSpan[]>(report, (spans, done) => exporter.export(spans, done)),
    shutdown: () => guardAsync(report, 'shutdown', () => exporter.shutdown()),
    forceFlush: () => guardAsync(report, 'forceFlush', () => exporter.forceFlush?.()),
  };
}

/** Wraps a span processor: `onStart`/`onEnd` run on the request path, so a throw there must not escape. */
export function isolateSpanProcessor(
  reporter: FaultReporter,
  adapter: string,
  processor: SpanProcessor,
): SpanProcessor {
  const report: Report = (operation, error) => reporter.report(adapter, operation, error);
  const isolated: SpanProcessor = {
    onStart(span, parentContext) {
      try {
        processor.onStart(span, parentContext);
      } catch (error) {
        report('onStart', error);
      }
    },
    onEnd(span) {
      try {
        processor.onEnd(span);
      } catch (error) {
        report('onEnd', error);
      }
    },
    forceFlush: () => guardAsync(report, 'forceFlush', () => processor.forceFlush()),
    shutdown: () => guardAsync(report, 'shutdown', () => processor.shutdown()),
  };
  if (processor.onEnding) {
    const onEnding = processor.onEnding.bind(processor);
    isolated.onEnding = (span) => {
      try {
        onEnding(span);
      } catch (error) {
        report('onEnding', error);
      }
    };
  }
  return isolated;
}

/** Wraps a push metric exporter, keeping its aggregation preferences. */
export function isolateMetricExporter(
  reporter: FaultReporter,
  adapter: string,
  exporter: PushMetricExporter,
): PushMetricExporter {
  const report: Report = (operation, error) => reporter.report(adapter, operation, error);
  const isolated: PushMetricExporter = {
    export: guardExport<ResourceMetrics>(report, (metrics, done) => exporter.export(metrics, done)),
    forceFlush: () => guardAsync(report, 'forceFlush', () => exporter.forceFlush()),
    shutdown: () => guardAsync(report, 'shutdown', () => exporter.shutdown()),
  };
  if (exporter.selectAggregationTemporality) {
    isolated.selectAggregationTemporality = exporter.selectAggregationTemporality.bind(exporter);
  }
  if (exporter.selectAggregation) isolated.selectAggregation = exporter.selectAggregation.bind(exporter);
  return isolated;
}

/**
 * A pull reader must be registered as itself (the meter provider calls into its internals), so its
 * lifecycle methods are guarded in place rather than wrapped.
 */
export function isolateMetricReader(
  reporter: FaultReporter,
  adapter: string,
  reader: MetricReader,
): MetricReader {
  const report: Report = (operation, error) => reporter.report(adapter, operation, error);
  const forceFlush = reader.forceFlush.bind(reader);
  const shutdown = reader.shutdown.bind(reader);
  reader.forceFlush = (options) => guardAsync(report, 'forceFlush', () => forceFlush(options));
  reader.shutdown = (options) => guardAsync(report, 'shutdown', () => shutdown(options));
  return reader;
}

/** Wraps a log record exporter. */
export function isolateLogExporter(
  reporter: FaultReporter,
  adapter: string,
  exporter: LogRecordExporter,
): LogRecordExporter {
  const report: Report = (operation, error) => reporter.report(adapter, operation, error);
  return {
    export: guardExport<ReadableLogRecord[]>(report, (logs, done) => exporter.export(logs, done)),
    shutdown: () => guardAsync(report, 'shutdown', () => exporter.shutdown()),
    forceFlush: () => guardAsync(report, 'forceFlush', () => exporter.forceFlush?.()),
  };
}

/** Wraps a log record processor; `onEmit` runs inside the caller's log call. */
export function isolateLogProcessor(
  reporter: FaultReporter,
  adapter: string,
  processor: LogRecordProcessor,
): LogRecordProcessor {
  const report: Report = (operation, error) => reporter.report(adapter, operation, error);
  return {
    onEmit(record, context) {
      try {
        processor.onEmit(record, context);
      } catch (error) {
        report('onEmit', error);
      }
    },
    forceFlush: () => guardAsync(report, 'forceFlush', () => processor.forceFlush()),
    shutdown: () => guardAsync(report, 'shutdown', () => processor.shutdown()),
  };
}
