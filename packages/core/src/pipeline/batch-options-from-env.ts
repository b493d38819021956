/** Batch processor settings, as the OpenTelemetry SDK names them. */
export interface BatchOptions {
  scheduledDelayMillis?: number;
  maxQueueSize?: number;
  maxExportBatchSize?: number;
  exportTimeoutMillis?: number;
}

/**
 * Reads the standard `OTEL_BSP_*` (spans) or `OTEL_BLRP_*` (logs) variables. The 3.x SDK processors no
 * longer read them themselves, and users expect them to work. Invalid values are ignored (the SDK
 * default applies), as the OpenTelemetry spec asks. Pure.
 */
export function batchOptionsFromEnv(
  env: Readonly<Record<string, string | undefined>>,
  prefix: 'OTEL_BSP' | 'OTEL_BLRP',
): BatchOptions {
  const options: BatchOptions = {};
  const read = (name: string): number | undefined => {
    const raw = env[`${prefix}_${name}`];
    if (raw === undefined || raw.trim() === '') return undefined;
    const value = Number(raw);
    return Number.isInteger(value) && value > 0 ? value : undefined;
  };
  const delay = read('SCHEDULE_DELAY');
  if (delay !== undefined) options.scheduledDelayMillis = delay;
  const queue = read('MAX_QUEUE_SIZE');
  if (queue !== undefined) options.maxQueueSize = queue;
  const batch = read('MAX_EXPORT_BATCH_SIZE');
  if (batch !== undefined) options.maxExportBatchSize = batch;
  const timeout = read('EXPORT_TIMEOUT');
  if (timeout !== undefined) options.exportTimeoutMillis = timeout;
  return options;
}
