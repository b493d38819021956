import type { LoggerV1 } from '@mcp-o11y/core';
import { packageName } from './connection-string.js';

/**
 * Runs `build` with the exporter's Statsbeat (SDK health metrics sent to Microsoft, plus an Azure IMDS
 * probe at start) switched off unless `sdkStats` asks for it. The exporter reads the switch only from
 * `process.env`, synchronously in its constructor, so it is set for that call and restored at once.
 */
export function constructQuietly<T>(sdkStats: boolean, build: () => T): T {
  if (sdkStats) return build();
  const key = 'APPLICATION_INSIGHTS_NO_STATSBEAT';
  const previous = process.env[key];
  process.env[key] = 'true';
  try {
    return build();
  } finally {
    if (previous === undefined) delete process.env[key];
    else process.env[key] = previous;
  }
}

interface InternalSender {
  batchSendRetryIntervalMs?: unknown;
  persister?: { shift?: unknown; push?: unknown };
}

/**
 * Adjusts the exporter's sender for offline storage. Both touch internals, so each is checked before it
 * is applied and skipped with a warning if a future exporter changed them:
 * - replay fix: the exporter stores envelopes as JSON and parses them back without reviving `time`
 *   (a Date in memory, a string on disk); its serializer then throws on `time.toISOString()` and drops
 *   every stored batch as "not retriable". The stored `time` strings are turned back into Dates.
 * - `retryIntervalMillis`: the sender's `batchSendRetryIntervalMs` (60 s by default).
 * - `afterStore`: runs after every batch the exporter writes to disk and before the sender reports the
 *   export back (it awaits `persister.push`), so the disk cap holds at every moment, not only after the
 *   next export.
 */
export function prepareSender(
  exporter: object,
  field: string,
  retryIntervalMillis: number | undefined,
  logger: LoggerV1,
  afterStore?: () => Promise<void>,
): void {
  const sender = (exporter as Record<string, unknown>)[field] as InternalSender | undefined;
  const persister = sender?.persister;
  if (afterStore !== undefined && persister !== undefined && typeof persister.push === 'function') {
    const push = (persister.push as (value: unknown) => Promise<unknown>).bind(persister);
    persister.push = async (value: unknown) => {
      const stored = await push(value);
      await afterStore();
      return stored;
    };
  } else if (afterStore !== undefined) {
    logger.warn(
      `[${packageName}] could not find the exporter's offline store writer; the disk cap is enforced after each export instead.`,
    );
  }
  if (persister !== undefined && typeof persister.shift === 'function') {
    const shift = (persister.shift as () => Promise<unknown>).bind(persister);
    persister.shift = async () => {
      const stored = await shift();
      if (Array.isArray(stored)) {
        for (const envelope of stored as { time?: unknown }[]) {
          if (typeof envelope?.time === 'string') envelope.time = new Date(envelope.time);
        }
      }
      return stored;
    };
  } else {
    logger.warn(
      `[${packageName}] could not find the exporter's offline store reader; telemetry stored on disk may not be replayed by this exporter version.`,
    );
  }
  if (retryIntervalMillis === undefined) return;
  if (sender !== undefined && typeof sender.batchSendRetryIntervalMs === 'number') {
    sender.batchSendRetryIntervalMs = retryIntervalMillis;
    return;
  }
  logger.warn(
    `[${packageName}] offlineStorage.retryIntervalMillis is ignored: this exporter version has no batchSendRetryIntervalMs; stored telemetry is retried on the exporter's own schedule.`,
  );
}

/**
 * With offline storage off, the exporter reports a batch that ingestion did not take (a 5xx, a 429, no
 * answer) as exported: its sender "stores" it through a persister that resolves `true` without writing.
 * The loss was then counted nowhere. This makes that store fail, so the sender reports the export as
 * failed and core counts the items in `mcp_o11y.exporter.dropped`. Checked like {@link prepareSender}:
 * skipped with a warning if a future exporter changed its internals.
 */
export function failUnstoredBatches(exporter: object, field: string, logger: LoggerV1): void {
  const sender = (exporter as Record<string, unknown>)[field] as InternalSender | undefined;
  const persister = sender?.persister;
  if (persister === undefined || typeof persister.push !== 'function') {
    logger.warn(
      `[${packageName}] could not find the exporter's store writer; with offlineStorage: false, batches ingestion did not take may not be counted as dropped.`,
    );
    return;
  }
  persister.push = async () => {
    throw new Error(
      `[${packageName}] ingestion did not take the batch and offline storage is off: the batch is dropped.`,
    );
  };
}
