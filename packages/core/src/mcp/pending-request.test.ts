import { INVALID_SPAN_CONTEXT, trace } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import type { OperationEntry } from './operation-cache.js';
import { PendingRequest, PendingRequests } from './pending-request.js';

const operation = { metrics: { inFlight: { value: 0 } } } as unknown as OperationEntry;
const request = (startMs: number) =>
  new PendingRequest(
    trace.wrapSpanContext(INVALID_SPAN_CONTEXT),
    startMs,
    operation,
    'tools/call',
    {},
    undefined,
  );

describe('PendingRequests', () => {
  it('takes, peeks and counts one request and many alike', () => {
    const pending = new PendingRequests(10);
    const first = request(1);
    expect(pending.add(1, first)).toBeUndefined();
    expect(pending.size).toBe(1);
    expect(pending.peek(1)).toBe(first);
    expect(pending.take('1')).toBeUndefined();
    expect(pending.take(1)).toBe(first);
    expect(pending.take(1)).toBeUndefined();
    expect(pending.size).toBe(0);

    const a = request(1);
    const b = request(2);
    const c = request(3);
    pending.add('a', a);
    pending.add('b', b);
    pending.add('c', c);
    expect(pending.size).toBe(3);
    expect(pending.take('b')).toBe(b);
    expect(pending.peek('a')).toBe(a);
    expect(pending.takeAll()).toEqual([a, c]);
    expect(pending.size).toBe(0);
  });

  it('replaces a request added again under the same id, alone or not', () => {
    const pending = new PendingRequests(10);
    const first = request(1);
    const again = request(2);
    pending.add(7, first);
    pending.add(7, again);
    expect(pending.size).toBe(1);
    expect(pending.take(7)).toBe(again);
    pending.add(1, request(1));
    pending.add(2, first);
    pending.add(2, again);
    expect(pending.size).toBe(2);
    expect(pending.take(2)).toBe(again);
  });

  it('evicts the oldest past the cap, the lone request included', () => {
    const pending = new PendingRequests(2);
    const a = request(1);
    const b = request(2);
    const c = request(3);
    expect(pending.add('a', a)).toBeUndefined();
    expect(pending.add('b', b)).toBeUndefined();
    expect(pending.add('c', c)).toBe(a);
    expect(pending.takeAll()).toEqual([b, c]);
    const one = new PendingRequests(1);
    one.add('a', a);
    expect(one.add('b', b)).toBe(a);
    expect(one.take('b')).toBe(b);
  });

  it('takes the requests started before a cutoff, oldest first', () => {
    const pending = new PendingRequests(10);
    const a = request(10);
    pending.add('a', a);
    expect(pending.takeOlderThan(10)).toEqual([]);
    expect(pending.takeOlderThan(11)).toEqual([a]);
    expect(pending.size).toBe(0);
    const b = request(20);
    const c = request(30);
    const d = request(40);
    pending.add('b', b);
    pending.add('c', c);
    pending.add('d', d);
    expect(pending.takeOlderThan(35)).toEqual([b, c]);
    expect(pending.takeAll()).toEqual([d]);
  });
});
