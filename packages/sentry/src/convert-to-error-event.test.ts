import { describe, expect, it } from 'vitest';
import {
  convertToErrorEvent,
  errorCategoryOf,
  errorKindOf,
  normaliseMessage,
} from './convert-to-error-event.js';
import type { SourceSpan } from './convert-to-transaction.js';

const TRACE = '0af7651916cd43dd8448eb211c80319c';

function span(
  overrides: Partial<Record<string, unknown>> & { attributes?: Record<string, unknown> },
): SourceSpan {
  return {
    name: 'tools/call forecast',
    kind: 1,
    spanContext: () => ({ traceId: TRACE, spanId: 'b7ad6b7169203331', traceFlags: 1 }),
    parentSpanContext: undefined,
    startTime: [1_700_000_000, 0],
    endTime: [1_700_000_000, 500_000_000],
    status: { code: 2 },
    events: [],
    links: [],
    ...overrides,
    attributes: { 'mcp.method.name': 'tools/call', 'gen_ai.tool.name': 'forecast', ...overrides.attributes },
  } as unknown as SourceSpan;
}

const common = { environment: 'test', release: 'r@1', serverName: 'host' };

describe('errorKindOf', () => {
  it('classifies server errors, caller faults and cancellations of MCP server spans', () => {
    expect(errorKindOf(span({ attributes: { 'error.type': 'tool_error' } }))).toBe('server_error');
    expect(
      errorKindOf(span({ status: { code: 0 }, attributes: { 'rpc.response.status_code': '-32602' } })),
    ).toBe('caller_fault');
    expect(errorKindOf(span({ status: { code: 0 }, attributes: { 'error.type': 'cancelled' } }))).toBe(
      'cancelled',
    );
    expect(
      errorKindOf(
        span({
          attributes: {
            'error.type': 'tool_error',
            'gen_ai.tool.call.result': JSON.stringify({
              content: [{ type: 'text', text: 'MCP error -32602: Tool x not found' }],
            }),
          },
        }),
      ),
    ).toBe('caller_fault');
    expect(errorKindOf(span({ status: { code: 0 } }))).toBeUndefined();
    expect(errorKindOf(span({ kind: 2, attributes: { 'error.type': '-32603' } }))).toBeUndefined();
  });

  it('maps error.type onto the seeds taxonomy', () => {
    expect(['tool_error', 'orphaned', '-32000', '-32042', '-32602', '-32603'].map(errorCategoryOf)).toEqual([
      'tool_error',
      'timeout',
      'transport',
      'auth',
      'validation',
      'internal',
    ]);
  });
});

describe('normaliseMessage', () => {
  it('groups messages that differ only in ids, numbers and quoted values', () => {
    expect(normaliseMessage('User 42 not found in "eu-west"')).toBe(
      normaliseMessage('user 7 not found in "us"'),
    );
    expect(normaliseMessage('job 3f2b8c1e-1b2c-4d5e-8f90-123456789abc failed at deadbeef12345678')).toBe(
      'job <uuid> failed at <hex>',
    );
  });
});

describe('convertToErrorEvent', () => {
  it('prefers recorded exceptions, with parsed stacks, and builds tags, contexts and the fingerprint', () => {
    const failed = span({
      attributes: { 'error.type': '-32603', 'mcp.session.id': 'abc', 'mcp_o11y.correlation_id': 'c-1' },
      events: [
        {
          name: 'exception',
          time: [1_700_000_000, 0],
          attributes: {
            'exception.type': 'TypeError',
            'exception.message': 'x is 12',
            'exception.stacktrace': 'TypeError: x\n    at f (/a.js:1:2)',
          },
        },
      ],
    });
    const event = convertToErrorEvent({
      span: failed,
      descendants: [],
      eventId: 'e'.repeat(32),
      common,
      parseStack: () => [{ filename: '/a.js', function: 'f', lineno: 1, colno: 2 }],
    });
    expect(event.exception.values).toEqual([
      {
        type: 'TypeError',
        value: 'x is 12',
        stacktrace: { frames: [{ filename: '/a.js', function: 'f', lineno: 1, colno: 2 }] },
        mechanism: { type: 'auto.mcp_o11y', handled: false },
      },
    ]);
    expect(event.fingerprint).toEqual(['mcp', 'forecast', '-32603', 'x is <n>']);
    expect(event.tags).toEqual({
      'error.type': '-32603',
      'gen_ai.tool.name': 'forecast',
      'mcp.method.name': 'tools/call',
      'mcp_o11y.correlation_id': 'c-1',
      'mcp_o11y.error.category': 'internal',
    });
    expect(event.contexts.mcp['mcp.session.id']).toBe('abc');
    expect(event.contexts.trace).toMatchObject({
      trace_id: TRACE,
      span_id: 'b7ad6b7169203331',
      op: 'mcp.server',
    });
    expect(event).toMatchObject({
      environment: 'test',
      release: 'r@1',
      server_name: 'host',
      timestamp: 1_700_000_000.5,
    });
  });

  it('falls back to the status message, then to error.type', () => {
    const withStatus = convertToErrorEvent({
      span: span({ status: { code: 2, message: 'database down' }, attributes: { 'error.type': '-32603' } }),
      descendants: [],
      eventId: 'e'.repeat(32),
      common,
    });
    expect(withStatus.exception.values[0]).toMatchObject({
      type: 'JsonRpcError -32603',
      value: 'database down',
    });
    const bare = convertToErrorEvent({
      span: span({ attributes: { 'error.type': 'transport' } }),
      descendants: [],
      eventId: 'e'.repeat(32),
      common,
    });
    expect(bare.exception.values[0]?.value).toBe('tools/call forecast failed with error.type transport');
  });
});
