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
  exportEnvelopes?: unknown;
}

/** What {@link prepareSender} adds to the sender besides the replay fix. */
export interface SenderHooks {
  /** Runs every write of a batch to disk, given its size, so it can keep the disk cap around it. */
  readonly store?: <T>(incomingBytes: number, write: () => Promise<T>) => Promise<T>;
  /** Items of a batch read back from disk that the exporter then gave up on (a refusal for good). */
  readonly onReplayDropped?: (count: number) => void;
}

// The sender's own "shut down" result: a replayed batch that meets it is written back to disk, not lost.
const SHUT_DOWN_MESSAGE = 'Sender is shut down';

/**
 * Adjusts the exporter's sender for offline storage. All touch internals, so each is checked before it
 * is applied and skipped with a warning if a future exporter changed them:
 * - replay fix: the exporter stores envelopes as JSON and parses them back without reviving `time`
 *   (a Date in memory, a string on disk); its serializer then throws on `time.toISOString()` and drops
 *   every stored batch as "not retriable". The stored `time` strings are turned back into Dates.
 * - `retryIntervalMillis`: the sender's `batchSendRetryIntervalMs` (60 s by default).
 * - `store`: every batch the exporter writes to disk goes through it, with its size (the exporter writes
 *   `JSON.stringify(envelopes)`), before the sender reports the export back (it awaits `persister.push`),
 *   so room is made first and the disk cap holds at every moment, not only after the next export.
 * - `onReplayDropped`: a batch read back from disk and resent is dropped by the sender when ingestion
 *   refuses it for good (a 400, a non-retriable network error) or it cannot be stored again: its replay
 *   loop only logs that through `diag`. The batches read back are remembered, and a failed export of one
 *   of them is reported with its item count, so those losses are counted like live ones.
 */
export function prepareSender(
  exporter: object,
  field: string,
  retryIntervalMillis: number | undefined,
  logger: LoggerV1,
  hooks: SenderHooks = {},
): void {
  const { store, onReplayDropped } = hooks;
  const sender = (exporter as Record<string, unknown>)[field] as InternalSender | undefined;
  const persister = sender?.persister;
  const replayed = new WeakSet<object>();
  if (store !== undefined && persister !== undefined && typeof persister.push === 'function') {
    const push = (persister.push as (value: unknown) => Promise<unknown>).bind(persister);
    persister.push = (value: unknown) => store(byteLengthOf(value), () => push(value));
  } else if (store !== undefined) {
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
        replayed.add(stored);
      }
      return stored;
    };
  } else {
    logger.warn(
      `[${packageName}] could not find the exporter's offline store reader; telemetry stored on disk may not be replayed by this exporter version.`,
    );
  }
  if (onReplayDropped !== undefined) countReplayDrops(sender, replayed, onReplayDropped, logger);
  if (retryIntervalMillis === undefined) return;
  if (sender !== undefined && typeof sender.batchSendRetryIntervalMs === 'number') {
    sender.batchSendRetryIntervalMs = retryIntervalMillis;
    return;
  }
  logger.warn(
    `[${packageName}] offlineStorage.retryIntervalMillis is ignored: this exporter version has no batchSendRetryIntervalMs; stored telemetry is retried on the exporter's own schedule.`,
  );
}

/** The size the exporter's store will write for `value`; 0 when it cannot be serialised (the store fails too). */
function byteLengthOf(value: unknown): number {
  try {
    return Buffer.byteLength(JSON.stringify(value) ?? '');
  } catch {
    return 0;
  }
}

/** Wraps the sender's `exportEnvelopes` to report replayed batches it failed to deliver or store again. */
function countReplayDrops(
  sender: InternalSender | undefined,
  replayed: WeakSet<object>,
  onReplayDropped: (count: number) => void,
  logger: LoggerV1,
): void {
  if (sender === undefined || typeof sender.exportEnvelopes !== 'function') {
    logger.warn(
      `[${packageName}] could not find the exporter's send path; stored batches refused on replay are not counted as dropped.`,
    );
    return;
  }
  const exportEnvelopes = (
    sender.exportEnvelopes as (envelopes: unknown, ...rest: unknown[]) => Promise<ReplayResult>
  ).bind(sender);
  sender.exportEnvelopes = async (envelopes: unknown, ...rest: unknown[]) => {
    const result = await exportEnvelopes(envelopes, ...rest);
    if (
      typeof envelopes === 'object' &&
      envelopes !== null &&
      replayed.has(envelopes) &&
      result?.code === FAILED &&
      result.error?.message !== SHUT_DOWN_MESSAGE
    ) {
      try {
        onReplayDropped((envelopes as unknown[]).length);
      } catch {
        // Counting must never break the exporter's replay loop.
      }
    }
    return result;
  };
}

/** The part of the sender's export result read here (`ExportResultCode.FAILED` is 1). */
interface ReplayResult {
  readonly code?: number;
  readonly error?: { readonly message?: string };
}
const FAILED = 1;

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
