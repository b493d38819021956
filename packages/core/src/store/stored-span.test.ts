import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { emptyResource } from '@opentelemetry/resources';
import type { ReadableSpan } from '@opentelemetry/sdk-trace';
import { describe, expect, it } from 'vitest';
import { toStoredSpan } from './stored-span.js';

const TRACE_ID = '0af7651916cd43dd8448eb211c80319c';

function readableSpan(overrides: Partial<ReadableSpan> = {}): ReadableSpan {
  return {
    name: 'op',
    kind: SpanKind.INTERNAL,
    spanContext: () => ({ traceId: TRACE_ID, spanId: 'b7ad6b7169203331', traceFlags: 1 }),
    startTime: [10, 0],
    endTime: [10, 1_500],
    duration: [0, 1_500],
    status: { code: SpanStatusCode.UNSET },
    attributes: {},
    links: [],
    events: [],
    ended: true,
    resource: emptyResource(),
    instrumentationScope: { name: 'test' },
    droppedAttributesCount: 0,
    droppedEventsCount: 0,
    droppedLinksCount: 0,
    ...overrides,
  };
}

describe('toStoredSpan', () => {
  it('copies attributes and event attributes, so later changes to the source do not leak in', () => {
    const tags = ['a'];
    const nested = { level: 1 };
    const eventAttributes = { attempt: 1 };
    const stored = toStoredSpan(
      readableSpan({
        attributes: { tags, nested, skipped: undefined },
        events: [{ name: 'e', time: [11, 0], attributes: eventAttributes }],
      }),
    );
    tags.push('b');
    nested.level = 2;
    eventAttributes.attempt = 2;

    expect(stored.attributes).toEqual({ tags: ['a'], nested: { level: 1 } });
    expect(stored.events).toEqual([{ name: 'e', timeMs: 11_000, attributes: { attempt: 1 } }]);
  });

  it('keeps sub-millisecond durations and maps every kind', () => {
    expect(toStoredSpan(readableSpan()).durationMs).toBeCloseTo(0.0015, 10);
    const kinds = [SpanKind.INTERNAL, SpanKind.SERVER, SpanKind.CLIENT, SpanKind.PRODUCER, SpanKind.CONSUMER];
    expect(kinds.map((kind) => toStoredSpan(readableSpan({ kind })).kind)).toEqual([
      'internal',
      'server',
      'client',
      'producer',
      'consumer',
    ]);
  });

  it('leaves out an empty status message', () => {
    const stored = toStoredSpan(readableSpan({ status: { code: SpanStatusCode.ERROR, message: '' } }));
    expect(stored.status).toBe('error');
    expect(stored).not.toHaveProperty('statusMessage');
  });
});
