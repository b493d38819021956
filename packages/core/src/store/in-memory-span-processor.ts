import type { ReadableSpan, SpanProcessor } from '@opentelemetry/sdk-trace';
import { RingBuffer } from './ring-buffer.js';
import { type StoredSpan, toStoredSpan } from './stored-span.js';

/**
 * Keeps the most recent ended spans in a ring buffer, evicting (and counting) the oldest when full. It
 * keeps the SDK's span objects and maps them to {@link StoredSpan}s only when read: `onEnd` runs on the
 * request path, reads are rare (dashboard, alerts), so the copying belongs on the read side. Implements the sdk-trace 3.x `SpanProcessor`; register it unbatched, since storing is
 * cheaper than queueing. After `shutdown` it ignores further spans, as the OTel spec asks.
 */
export class InMemorySpanProcessor implements SpanProcessor {
  private readonly spans: RingBuffer<ReadableSpan>;
  private isShutdown = false;

  /** @param maxSpans - Spans kept; a positive integer. */
  constructor(maxSpans: number) {
    this.spans = new RingBuffer<ReadableSpan>(maxSpans);
  }

  /** Most spans kept. */
  get capacity(): number {
    return this.spans.capacity;
  }

  /** Spans currently held. */
  get stored(): number {
    return this.spans.size;
  }

  /** Spans evicted to make room, since creation. */
  get evicted(): number {
    return this.spans.evicted;
  }

  /** The newest `limit` stored spans (all when omitted), newest first, as fresh plain-data copies. */
  recent(limit?: number): StoredSpan[] {
    return this.spans.newestFirst(limit).map(toStoredSpan);
  }

  onStart(): void {}

  onEnd(span: ReadableSpan): void {
    if (this.isShutdown) return;
    this.spans.push(span);
  }

  async forceFlush(): Promise<void> {}

  async shutdown(): Promise<void> {
    this.isShutdown = true;
  }
}
