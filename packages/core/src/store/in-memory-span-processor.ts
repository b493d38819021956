import { SpanStatusCode } from '@opentelemetry/api';
import type { ReadableSpan, SpanProcessor } from '@opentelemetry/sdk-trace';
import { RingBuffer } from './ring-buffer.js';
import { type StoredSpan, toStoredSpan } from './stored-span.js';

/** Options of {@link InMemorySpanProcessor}. */
export interface InMemorySpanProcessorOptions {
  /**
   * Successful spans kept per second of end time (a positive integer); past it, the rest of that second's
   * successful spans are skipped and counted. Failed spans are always kept. Default: no limit (every span
   * is kept). The built-in backend passes `maxOkSpansPerSecond` (default 100): see the class comment.
   */
  readonly okSpansPerSecond?: number;
}

/**
 * Keeps recent ended spans in a ring buffer, evicting (and counting) the oldest when full. It keeps the
 * SDK's span objects and maps them to {@link StoredSpan}s only when read: `onEnd` runs on the request
 * path, reads are rare (dashboard, alerts), so the copying belongs on the read side. Implements the
 * sdk-trace 3.x `SpanProcessor`; register it unbatched, since storing is cheaper than queueing. After
 * `shutdown` it ignores further spans, as the OTel spec asks.
 *
 * Which spans are kept (with `okSpansPerSecond` set; without it, every span): **every failed span**
 * (status ERROR, or an `error.type` attribute, which server
 * spans of caller faults carry with status unset), and **the first `okSpansPerSecond` successful spans
 * of each second** (by end time); the other successful spans are skipped and counted ({@link skipped}).
 * Below that rate every span is kept. Why: a kept span lives until `maxSpans` newer ones push it out, so
 * under load every stored span outlives a young-generation collection and is promoted, then dies in old
 * space. Measured on the MCP round-trip benchmark (bench/), keeping every span cost about 0.5 to 1 µs of
 * garbage collection per request at 100k requests/s. Counts,
 * durations and percentiles never come from here (they come from the window series, which see every
 * request), and exporters receive every span; this buffer is the recent-examples view.
 */
export class InMemorySpanProcessor implements SpanProcessor {
  private readonly spans: RingBuffer<ReadableSpan>;
  private readonly okPerSecond: number;
  private readonly limited: boolean;
  private isShutdown = false;
  /** The end-time second `okInSecond` counts. */
  private second = -1;
  private okInSecond = 0;
  private skippedCount = 0;

  /**
   * @param maxSpans - Spans kept; a positive integer.
   * @throws RangeError when `maxSpans` or `okSpansPerSecond` is not a positive integer.
   */
  constructor(maxSpans: number, options: InMemorySpanProcessorOptions = {}) {
    this.spans = new RingBuffer<ReadableSpan>(maxSpans);
    const okPerSecond = options.okSpansPerSecond ?? Number.POSITIVE_INFINITY;
    if (okPerSecond !== Number.POSITIVE_INFINITY && (!Number.isInteger(okPerSecond) || okPerSecond < 1)) {
      throw new RangeError(
        `[@mcp-o11y/core] okSpansPerSecond (memory.maxOkSpansPerSecond) must be a positive integer or Infinity, got ${okPerSecond}; fix the option.`,
      );
    }
    this.okPerSecond = okPerSecond;
    this.limited = okPerSecond !== Number.POSITIVE_INFINITY;
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

  /** Successful spans not stored because their second already had `okSpansPerSecond`, since creation. */
  get skipped(): number {
    return this.skippedCount;
  }

  /** The newest `limit` stored spans (all when omitted), newest first, as fresh plain-data copies. */
  recent(limit?: number): StoredSpan[] {
    return this.spans.newestFirst(limit).map(toStoredSpan);
  }

  onStart(): void {}

  onEnd(span: ReadableSpan): void {
    if (this.isShutdown) return;
    if (this.limited && !this.admits(span)) {
      this.skippedCount += 1;
      return;
    }
    this.spans.push(span);
  }

  /** Whether the sampling policy keeps `span`: every failure, and successes up to the second's quota. */
  private admits(span: ReadableSpan): boolean {
    if (span.status.code === SpanStatusCode.ERROR || span.attributes['error.type'] !== undefined) return true;
    // The span's own end time: no clock read on the request path.
    const second = span.endTime[0];
    if (second !== this.second) {
      this.second = second;
      this.okInSecond = 0;
    }
    if (this.okInSecond >= this.okPerSecond) return false;
    this.okInSecond += 1;
    return true;
  }

  async forceFlush(): Promise<void> {}

  async shutdown(): Promise<void> {
    this.isShutdown = true;
  }
}
