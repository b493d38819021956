import type { TextMapPropagator } from '@opentelemetry/api';
import { BatchLogRecordProcessor, type LogRecordProcessor } from '@opentelemetry/sdk-logs';
import { type IMetricReader, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import { BatchSpanProcessor, type SpanProcessor } from '@opentelemetry/sdk-trace';
import type { AdapterInstanceV1 } from '../spec/adapter/v1/adapter-instance-v1.js';
import { batchOptionsFromEnv } from './batch-options-from-env.js';
import type { DroppedTelemetry } from './dropped-telemetry.js';
import type { FaultReporter } from './fault-reporter.js';
import {
  isolateLogExporter,
  isolateLogProcessor,
  isolateMetricExporter,
  isolateMetricReader,
  isolateSpanExporter,
  isolateSpanProcessor,
} from './isolate-contributions.js';
import { type KeepRule, KeepSpanProcessor } from './keep-span-processor.js';

/** What the pipeline adds around every adapter's parts. */
export interface ComposeSettings {
  /** Counts what each adapter's batch queues drop. */
  readonly dropped: DroppedTelemetry;
  /** Unsampled spans to export anyway (failed, slow); undefined when sampling keeps none. */
  readonly keep: KeepRule | undefined;
}

/** Every adapter's parts, isolated and ready to hand to the three providers. */
export interface ComposedContributions {
  readonly spanProcessors: SpanProcessor[];
  readonly metricReaders: IMetricReader[];
  readonly logProcessors: LogRecordProcessor[];
  readonly propagators: TextMapPropagator[];
}

const defaultMetricExportIntervalMillis = 60_000;

/**
 * Turns adapter instances into provider inputs. Exporters are batched here, in one place, so queue
 * bounds and flush behaviour are the same for every backend; everything is isolated so one adapter's
 * throw never reaches the caller or another adapter.
 */
export function composeContributions(
  instances: readonly AdapterInstanceV1[],
  reporter: FaultReporter,
  env: Readonly<Record<string, string | undefined>>,
  settings: ComposeSettings,
): ComposedContributions {
  const composed: ComposedContributions = {
    spanProcessors: [],
    metricReaders: [],
    logProcessors: [],
    propagators: [],
  };
  const envInterval = Number(env.OTEL_METRIC_EXPORT_INTERVAL);
  const spanBatch = batchOptionsFromEnv(env, 'OTEL_BSP');
  const logBatch = batchOptionsFromEnv(env, 'OTEL_BLRP');
  const { dropped, keep } = settings;
  // Only sampling with a keep rule creates unsampled recording spans; without one, no wrapper, no cost.
  const kept = (processor: SpanProcessor): SpanProcessor =>
    keep === undefined ? processor : new KeepSpanProcessor(processor, keep);
  for (const instance of instances) {
    const id = instance.id;
    for (const processor of instance.traces?.processors ?? []) {
      composed.spanProcessors.push(isolateSpanProcessor(reporter, id, kept(processor)));
    }
    for (const exporter of instance.traces?.exporters ?? []) {
      // The batch processor itself rejects its flush after a failed export: attribute that to the adapter too.
      const batch = new BatchSpanProcessor({
        ...spanBatch,
        exporter: isolateSpanExporter(reporter, id, exporter),
        selfObsMeterProvider: dropped.meterProviderFor(id, 'traces'),
      });
      composed.spanProcessors.push(isolateSpanProcessor(reporter, id, kept(batch)));
    }
    composed.propagators.push(...(instance.traces?.propagators ?? []));
    for (const reader of instance.metrics?.readers ?? []) {
      composed.metricReaders.push(isolateMetricReader(reporter, id, reader));
    }
    const exportIntervalMillis =
      instance.metrics?.exportIntervalMillis ??
      (Number.isFinite(envInterval) && envInterval > 0 ? envInterval : defaultMetricExportIntervalMillis);
    for (const exporter of instance.metrics?.exporters ?? []) {
      composed.metricReaders.push(
        new PeriodicExportingMetricReader({
          exporter: isolateMetricExporter(reporter, id, exporter),
          exportIntervalMillis,
          exportTimeoutMillis: Math.min(30_000, exportIntervalMillis),
        }),
      );
    }
    for (const processor of instance.logs?.processors ?? []) {
      composed.logProcessors.push(isolateLogProcessor(reporter, id, processor));
    }
    for (const exporter of instance.logs?.exporters ?? []) {
      const batch = new BatchLogRecordProcessor({
        ...logBatch,
        exporter: isolateLogExporter(reporter, id, exporter),
        selfObsMeterProvider: dropped.meterProviderFor(id, 'logs'),
      });
      composed.logProcessors.push(isolateLogProcessor(reporter, id, batch));
    }
  }
  return composed;
}
