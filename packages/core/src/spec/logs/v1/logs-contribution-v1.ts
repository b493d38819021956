import type { LogRecordExporter, LogRecordProcessor } from '@opentelemetry/sdk-logs';

/**
 * What a log-capable adapter adds to the pipeline. Exporters are batched by core (bounded queue, dropped
 * records counted); processors are registered as they are and must not block.
 */
export interface LogsContributionV1 {
  /** Exporters core wraps in a batch processor. */
  readonly exporters?: readonly LogRecordExporter[];
  /** Processors registered as they are. */
  readonly processors?: readonly LogRecordProcessor[];
}
