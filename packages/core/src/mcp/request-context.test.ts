import { createContextKey, ROOT_CONTEXT, trace } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { correlationIdOf } from '../correlation/index.js';
import { requestContext } from './request-context.js';

const span = trace.wrapSpanContext({
  traceId: '0af7651916cd43dd8448eb211c80319c',
  spanId: 'b7ad6b7169203331',
  traceFlags: 1,
});
const parentSpan = trace.wrapSpanContext({
  traceId: '0af7651916cd43dd8448eb211c80319c',
  spanId: '00f067aa0ba902b7',
  traceFlags: 1,
});
const OTHER = createContextKey('test other key');
const NEW = createContextKey('test new key');

describe('requestContext', () => {
  it('reads as the parent with the span and correlation id set, like two setValue calls', () => {
    const parent = trace.setSpan(ROOT_CONTEXT.setValue(OTHER, 'kept'), parentSpan);
    const context = requestContext(parent, span, 'corr-1');
    expect(trace.getSpan(context)).toBe(span);
    expect(correlationIdOf(context)).toBe('corr-1');
    expect(context.getValue(OTHER)).toBe('kept');
    expect(context.getValue(NEW)).toBeUndefined();
  });

  it('derives ordinary contexts that keep all three, and leaves itself unchanged', () => {
    const context = requestContext(ROOT_CONTEXT.setValue(OTHER, 'kept'), span, 'corr-2');
    const child = context.setValue(NEW, 'added');
    expect(trace.getSpan(child)).toBe(span);
    expect(correlationIdOf(child)).toBe('corr-2');
    expect(child.getValue(OTHER)).toBe('kept');
    expect(child.getValue(NEW)).toBe('added');
    expect(context.getValue(NEW)).toBeUndefined();
    // A child span replaces the span in the derived context only.
    const childSpan = trace.wrapSpanContext({ ...span.spanContext(), spanId: 'aaaaaaaaaaaaaaaa' });
    expect(trace.getSpan(trace.setSpan(context, childSpan))).toBe(childSpan);
    expect(trace.getSpan(context)).toBe(span);
    const without = context.deleteValue(OTHER);
    expect(without.getValue(OTHER)).toBeUndefined();
    expect(trace.getSpan(without)).toBe(span);
    expect(trace.getSpan(trace.deleteSpan(context))).toBeUndefined();
  });
});
