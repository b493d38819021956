import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  convertToTransaction,
  groupIntoSegments,
  isTraceSampled,
  type SourceSpan,
} from './convert-to-transaction.js';

const TRACE = '0af7651916cd43dd8448eb211c80319c';

function span(id: string, parent: string | undefined, remote = false, name = id): SourceSpan {
  return {
    name,
    kind: parent === undefined || remote ? 1 : 0,
    spanContext: () => ({ traceId: TRACE, spanId: id.padStart(16, '0'), traceFlags: 1 }),
    parentSpanContext:
      parent === undefined
        ? undefined
        : { traceId: TRACE, spanId: parent.padStart(16, '0'), traceFlags: 1, isRemote: remote },
    startTime: [10, 0],
    endTime: [10, 250_000_000],
    status: { code: 0 },
    attributes: { 'mcp.method.name': 'tools/call' },
    events: [],
    links: [],
  } as unknown as SourceSpan;
}

describe('groupIntoSegments', () => {
  it('puts descendants under their local root and keeps orphans waiting', () => {
    const root = span('a', 'f', true);
    const child = span('b', 'a');
    const grandchild = span('c', 'b');
    const orphan = span('d', 'e');
    const { segments, waiting } = groupIntoSegments([grandchild, child, orphan, root]);
    expect(segments).toHaveLength(1);
    expect(segments[0]?.root).toBe(root);
    expect(segments[0]?.descendants).toEqual([grandchild, child]);
    expect(waiting).toEqual([orphan]);
  });
});

describe('convertToTransaction', () => {
  it('keeps the OTel ids: the root is the transaction, the rest its spans', () => {
    const event = convertToTransaction(
      span('a', 'f', true, 'tools/call x'),
      [span('b', 'a', false, 'db')],
      'e'.repeat(32),
      {
        environment: 'test',
        release: undefined,
        serverName: undefined,
      },
    );
    expect(event).toMatchObject({
      type: 'transaction',
      transaction: 'tools/call x',
      start_timestamp: 10,
      timestamp: 10.25,
      contexts: {
        trace: {
          trace_id: TRACE,
          span_id: '000000000000000a',
          parent_span_id: '000000000000000f',
          op: 'mcp.server',
          status: 'ok',
        },
      },
      spans: [
        {
          trace_id: TRACE,
          span_id: '000000000000000b',
          parent_span_id: '000000000000000a',
          description: 'db',
        },
      ],
    });
  });
});

describe('isTraceSampled', () => {
  it('decides per trace id, consistently, near the rate', () => {
    expect(isTraceSampled(TRACE, 1)).toBe(true);
    expect(isTraceSampled(TRACE, 0)).toBe(false);
    expect(isTraceSampled(TRACE, 0.5)).toBe(isTraceSampled(TRACE, 0.5));
    const ids = Array.from({ length: 4000 }, () => randomBytes(16).toString('hex'));
    const share = ids.filter((id) => isTraceSampled(id, 0.3)).length / ids.length;
    expect(share).toBeGreaterThan(0.25);
    expect(share).toBeLessThan(0.35);
  });
});
