import type { LogRecordProcessor, ReadWriteLogRecord } from '@opentelemetry/sdk-logs';
import { RingBuffer } from './ring-buffer.js';
import { type StoredLogRecord, toStoredLogRecord } from './stored-log-record.js';

/**
 * Keeps the most recent log records as {@link StoredLogRecord}s in a ring buffer, evicting (and counting)
 * the oldest when full. Implements the sdk-logs 3.x `LogRecordProcessor`. The record is copied when it is
 * emitted, so processors registered after this one cannot change what is stored. After `shutdown` it
 * ignores further records, as the OTel spec asks.
 */
export class InMemoryLogRecordProcessor implements LogRecordProcessor {
  private readonly records: RingBuffer<StoredLogRecord>;
  private isShutdown = false;

  /** @param maxLogs - Records kept; a positive integer. */
  constructor(maxLogs: number) {
    this.records = new RingBuffer<StoredLogRecord>(maxLogs);
  }

  /** Most records kept. */
  get capacity(): number {
    return this.records.capacity;
  }

  /** Records currently held. */
  get stored(): number {
    return this.records.size;
  }

  /** Records evicted to make room, since creation. */
  get evicted(): number {
    return this.records.evicted;
  }

  /** The newest `limit` stored records (all when omitted), newest first. Shared objects: do not mutate. */
  recent(limit?: number): StoredLogRecord[] {
    return this.records.newestFirst(limit);
  }

  onEmit(logRecord: ReadWriteLogRecord): void {
    if (this.isShutdown) return;
    this.records.push(toStoredLogRecord(logRecord));
  }

  async forceFlush(): Promise<void> {}

  async shutdown(): Promise<void> {
    this.isShutdown = true;
  }
}
