import { randomUUID } from 'node:crypto';
import type { TracesContributionV1 } from '@mcp-o11y/core';
import {
  convertToErrorEvent,
  errorKindOf,
  exceptionsOf,
  type SentryBreadcrumb,
  type SentryErrorEventJson,
  type StackFrame,
} from './convert-to-error-event.js';
import {
  convertToTransaction,
  descendantsOf,
  type EventCommon,
  groupIntoSegments,
  isSegmentRoot,
  isTraceSampled,
  type SentryTransactionEvent,
  type SourceSpan,
  toSeconds,
} from './convert-to-transaction.js';
import type { ErrorFilter } from './error-filter.js';

type SpanExporter = NonNullable<TracesContributionV1['exporters']>[number];
type ExportResultCallback = Parameters<SpanExporter['export']>[1];

/** Where the exporter's events go (the {@link SentrySink} in production, a recorder in unit tests). */
export interface SentryEventSink {
  readonly common: EventCommon;
  readonly parseStack?: (stack: string) => StackFrame[];
  captureError(event: SentryErrorEventJson, traceSampled: boolean): void;
  sendTransaction(event: SentryTransactionEvent): Promise<unknown>;
  flush(): Promise<void>;
}

/** Tuning of {@link SentrySpanExporter}. */
export interface SentrySpanExporterOptions {
  /** Share of traces sent as transactions (0–1). */
  readonly tracesSampleRate: number;
  /** Breadcrumbs of a trace, up to a time (seconds since the epoch). */
  readonly breadcrumbs?: (traceId: string, untilSeconds: number) => SentryBreadcrumb[];
  /** Traces whose spans wait for their local root, at most. Default 1 000. */
  readonly maxWaitingTraces?: number;
  /** How long spans wait for their root before they are sent as segments of their own, ms. Default 60 000. */
  readonly waitMs?: number;
  /** Transaction envelopes in flight at most (Sentry's transport drops past 64). Default 32. */
  readonly maxConcurrentSends?: number;
  /** Clock for tests. */
  readonly now?: () => number;
  /**
   * Spans lost after their batch's export had already reported back: a sampled trace's spans pushed out
   * of the waiting room by `maxWaitingTraces`, and waiting spans Sentry did not take at shutdown. The
   * adapter passes core's `reportDropped`, so they are counted in `mcp_o11y.exporter.dropped` like the
   * spans of a failed batch.
   */
  readonly onDropped?: (count: number) => void;
}

const SUCCESS = 0;
const FAILED = 1;

/**
 * A span exporter for core's batch processor: off the request path it turns each trace's ended spans
 * into Sentry transactions (local roots) with child spans, keeping the OTel trace and span ids, and each
 * failed MCP server span into one error event. Children that end before their root wait for it, bounded
 * in count and time.
 */
export class SentrySpanExporter implements SpanExporter {
  readonly #sink: SentryEventSink;
  readonly #filter: ErrorFilter;
  readonly #options: SentrySpanExporterOptions;
  readonly #waiting = new Map<string, { spans: SourceSpan[]; since: number }>();
  readonly #inFlight = new Set<Promise<unknown>>();
  readonly #now: () => number;
  #shutdown = false;

  constructor(sink: SentryEventSink, filter: ErrorFilter, options: SentrySpanExporterOptions) {
    this.#sink = sink;
    this.#filter = filter;
    this.#options = options;
    this.#now = options.now ?? Date.now;
  }

  export(spans: Parameters<SpanExporter['export']>[0], resultCallback: ExportResultCallback): void {
    if (this.#shutdown) {
      resultCallback({ code: FAILED, error: new Error('[@mcp-o11y/sentry] the exporter is shut down.') });
      return;
    }
    let transactions: SentryTransactionEvent[];
    try {
      transactions = this.#convert(spans);
      transactions.push(...this.#expire(false));
    } catch (error) {
      resultCallback({ code: FAILED, error: error as Error });
      return;
    }
    this.#send(transactions).then(
      () => resultCallback({ code: SUCCESS }),
      (error: unknown) => resultCallback({ code: FAILED, error: error as Error }),
    );
  }

  /** Waits for transactions in flight and for Sentry's queue. Waiting spans keep waiting for their root. */
  async forceFlush(): Promise<void> {
    await Promise.all(this.#inFlight);
    await this.#sink.flush();
  }

  /** Sends the spans still waiting for a root as segments of their own, then flushes. */
  async shutdown(): Promise<void> {
    if (this.#shutdown) return;
    // What Sentry does not take at shutdown is lost either way; shutting down must still finish, and the
    // loss is counted (every waiting span, as a failed batch counts all of its spans).
    const expired = this.#expire(true);
    await this.#send(expired).catch(() =>
      this.#dropped(expired.reduce((count, transaction) => count + 1 + transaction.spans.length, 0)),
    );
    this.#shutdown = true;
    await this.forceFlush();
  }

  #convert(spans: readonly SourceSpan[]): SentryTransactionEvent[] {
    const byTrace = new Map<string, SourceSpan[]>();
    for (const span of spans) {
      const traceId = span.spanContext().traceId;
      const list = byTrace.get(traceId);
      if (list === undefined) byTrace.set(traceId, [span]);
      else list.push(span);
    }
    const transactions: SentryTransactionEvent[] = [];
    for (const [traceId, batch] of byTrace) {
      const earlier = this.#waiting.get(traceId);
      this.#waiting.delete(traceId);
      const all = earlier === undefined ? batch : [...earlier.spans, ...batch];
      const sampled = isTraceSampled(traceId, this.#options.tracesSampleRate);
      // Each span reaches the exporter once, so each failure is captured once.
      for (const span of batch) this.#captureIfFailed(span, all, sampled);
      if (sampled) {
        const { segments, waiting } = groupIntoSegments(all);
        for (const { root, descendants } of segments)
          transactions.push(convertToTransaction(root, descendants, eventId(), this.#sink.common));
        this.#wait(traceId, waiting, earlier?.since);
      } else {
        // Out of the sample: keep only what a later error event may quote (recorded exceptions).
        const withExceptions = all.filter((span) => !isSegmentRoot(span) && span.events.length > 0);
        this.#wait(traceId, withExceptions, earlier?.since);
      }
    }
    return transactions;
  }

  #captureIfFailed(span: SourceSpan, all: readonly SourceSpan[], sampled: boolean): void {
    const kind = errorKindOf(span);
    if (kind === undefined || !this.#filter.wants(kind)) return;
    const ownExceptions = exceptionsOf([span]).length > 0;
    const event = convertToErrorEvent({
      span,
      descendants: ownExceptions ? [] : descendantsOf(span, all),
      eventId: eventId(),
      common: this.#sink.common,
      breadcrumbs: this.#options.breadcrumbs?.(span.spanContext().traceId, toSeconds(span.endTime)),
      ...(this.#sink.parseStack === undefined ? {} : { parseStack: this.#sink.parseStack }),
    });
    if (this.#filter.admits(event)) this.#sink.captureError(event, sampled);
  }

  #wait(traceId: string, spans: SourceSpan[], since: number | undefined): void {
    if (spans.length === 0) return;
    const max = this.#options.maxWaitingTraces ?? 1_000;
    if (this.#waiting.size >= max) {
      // Map order is insertion order: the oldest trace leaves first. Its spans were reported exported
      // with their batch; a sampled trace's are lost now, so they are counted now.
      const oldest = this.#waiting.entries().next().value;
      if (oldest !== undefined) {
        this.#waiting.delete(oldest[0]);
        if (isTraceSampled(oldest[0], this.#options.tracesSampleRate)) this.#dropped(oldest[1].spans.length);
      }
    }
    this.#waiting.set(traceId, { spans, since: since ?? this.#now() });
  }

  #dropped(count: number): void {
    if (count <= 0) return;
    try {
      this.#options.onDropped?.(count);
    } catch {
      // Counting must never break the export.
    }
  }

  /** Waiting spans past their time (or all of them) as segments of their own. */
  #expire(all: boolean): SentryTransactionEvent[] {
    const limit = this.#now() - (this.#options.waitMs ?? 60_000);
    const transactions: SentryTransactionEvent[] = [];
    for (const [traceId, entry] of this.#waiting) {
      if (!all && entry.since > limit) continue;
      this.#waiting.delete(traceId);
      if (!isTraceSampled(traceId, this.#options.tracesSampleRate)) continue;
      const ids = new Set(entry.spans.map((span) => span.spanContext().spanId));
      const { segments } = groupIntoSegments(
        entry.spans,
        (span) => isSegmentRoot(span) || !ids.has(span.parentSpanContext?.spanId ?? ''),
      );
      for (const { root, descendants } of segments)
        transactions.push(convertToTransaction(root, descendants, eventId(), this.#sink.common));
    }
    return transactions;
  }

  /**
   * Sends the transactions, at most `maxConcurrentSends` in flight, and settles once Sentry answered for
   * every one of them: rejects when any was not taken, so the batch is reported failed and core counts
   * its spans in `mcp_o11y.exporter.dropped` (a batch that partly arrived is counted whole: the export
   * result has no partial form).
   */
  async #send(transactions: readonly SentryTransactionEvent[]): Promise<void> {
    const max = this.#options.maxConcurrentSends ?? 32;
    const sent: Promise<boolean>[] = [];
    for (const transaction of transactions) {
      while (this.#inFlight.size >= max) await Promise.race(this.#inFlight);
      const sending: Promise<boolean> = this.#sink
        .sendTransaction(transaction)
        .then(
          () => true,
          () => false,
        )
        .finally(() => this.#inFlight.delete(sending));
      this.#inFlight.add(sending);
      sent.push(sending);
    }
    const refused = (await Promise.all(sent)).filter((accepted) => !accepted).length;
    if (refused > 0) {
      throw new Error(
        `[@mcp-o11y/sentry] Sentry did not take ${refused} of ${sent.length} transactions (unreachable, an error status or its rate limit); they are dropped.`,
      );
    }
  }
}

/** A Sentry event id: 32 hex characters. */
function eventId(): string {
  return randomUUID().replaceAll('-', '');
}
