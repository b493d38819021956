import { describe, expect, it } from 'vitest';
import type { SentryTransactionEvent, SourceSpan } from './convert-to-transaction.js';
import { ErrorFilter } from './error-filter.js';
import { type SentryEventSink, SentrySpanExporter } from './sentry-span-exporter.js';

/** A child span whose parent (the local root) has not ended: it waits in the exporter. */
function orphan(traceId: string, spanId: string): SourceSpan {
  return {
    name: 'db query',
    kind: 2,
    spanContext: () => ({ traceId, spanId, traceFlags: 1 }),
    parentSpanContext: { traceId, spanId: 'ffffffffffffffff', traceFlags: 1, isRemote: false },
    startTime: [10, 0],
    endTime: [10, 1_000_000],
    status: { code: 0 },
    attributes: {},
    events: [],
    links: [],
  } as unknown as SourceSpan;
}

function sink(accept: boolean): SentryEventSink & { sent: SentryTransactionEvent[] } {
  const sent: SentryTransactionEvent[] = [];
  return {
    sent,
    common: { environment: 'test', release: undefined, serverName: undefined },
    captureError: () => undefined,
    sendTransaction: async (event) => {
      if (!accept) throw new Error('refused');
      sent.push(event);
    },
    flush: async () => undefined,
  } as SentryEventSink & { sent: SentryTransactionEvent[] };
}

const filter = new ErrorFilter({
  captureCallerFaults: false,
  captureCancellations: false,
  ignoreErrors: [],
  rateLimit: false,
});

function exportBatch(exporter: SentrySpanExporter, spans: SourceSpan[]): Promise<number> {
  return new Promise((resolve) => exporter.export(spans as never, (result) => resolve(result.code)));
}

describe('SentrySpanExporter drop counting', () => {
  it('counts the spans of a waiting trace pushed out by maxWaitingTraces', async () => {
    const dropped: number[] = [];
    const exporter = new SentrySpanExporter(sink(true), filter, {
      tracesSampleRate: 1,
      maxWaitingTraces: 1,
      onDropped: (count) => dropped.push(count),
    });
    const first = '1'.repeat(32);
    const second = '2'.repeat(32);
    // Both batches report success: their spans wait for a root, nothing was refused.
    expect(await exportBatch(exporter, [orphan(first, 'a'.repeat(16)), orphan(first, 'b'.repeat(16))])).toBe(
      0,
    );
    expect(dropped).toEqual([]);
    expect(await exportBatch(exporter, [orphan(second, 'c'.repeat(16))])).toBe(0);
    // The first trace's two spans left the waiting room without being sent: counted.
    expect(dropped).toEqual([2]);
    await exporter.shutdown();
  });

  it('counts the waiting spans Sentry does not take at shutdown, and only those', async () => {
    const dropped: number[] = [];
    const refusing = new SentrySpanExporter(sink(false), filter, {
      tracesSampleRate: 1,
      onDropped: (count) => dropped.push(count),
    });
    await exportBatch(refusing, [
      orphan('3'.repeat(32), 'a'.repeat(16)),
      orphan('3'.repeat(32), 'b'.repeat(16)),
    ]);
    await refusing.shutdown();
    expect(dropped).toEqual([2]);

    const accepted: number[] = [];
    const taking = sink(true);
    const exporter = new SentrySpanExporter(taking, filter, {
      tracesSampleRate: 1,
      onDropped: (count) => accepted.push(count),
    });
    await exportBatch(exporter, [orphan('4'.repeat(32), 'a'.repeat(16))]);
    await exporter.shutdown();
    expect(accepted).toEqual([]);
    expect(taking.sent).toHaveLength(1);
  });
});
