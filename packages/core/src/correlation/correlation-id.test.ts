import { setTimeout as sleep } from 'node:timers/promises';
import { context, ROOT_CONTEXT } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { describe, expect, it } from 'vitest';
import {
  contextWithCorrelationId,
  correlationIdFrom,
  correlationIdOf,
  currentCorrelationId,
  isValidCorrelationId,
  newCorrelationId,
  runWithCorrelationId,
} from './correlation-id.js';

describe('runWithCorrelationId', () => {
  it('is undefined outside, and follows awaits, timers and callbacks inside', async () => {
    expect(currentCorrelationId()).toBeUndefined();
    const seen = await runWithCorrelationId('req-1', async () => {
      const values: (string | undefined)[] = [currentCorrelationId()];
      await sleep(1);
      values.push(currentCorrelationId());
      values.push(
        await new Promise<string | undefined>((resolve) =>
          setTimeout(() => resolve(currentCorrelationId()), 1),
        ),
      );
      values.push(
        await new Promise<string | undefined>((resolve) =>
          setImmediate(() => resolve(currentCorrelationId())),
        ),
      );
      return values;
    });
    expect(seen).toEqual(['req-1', 'req-1', 'req-1', 'req-1']);
    expect(currentCorrelationId()).toBeUndefined();
  });

  it('keeps concurrent requests apart and lets an inner run shadow an outer one', async () => {
    const request = (id: string, delay: number) =>
      runWithCorrelationId(id, async () => {
        await sleep(delay);
        return currentCorrelationId();
      });
    expect(await Promise.all([request('a', 5), request('b', 1), request('c', 3)])).toEqual(['a', 'b', 'c']);
    const nested = runWithCorrelationId('outer', () => [
      runWithCorrelationId('inner', currentCorrelationId),
      currentCorrelationId(),
    ]);
    expect(nested).toEqual(['inner', 'outer']);
  });

  it('returns what the function returns', () => {
    expect(runWithCorrelationId('x', () => 42)).toBe(42);
  });
});

describe('contextWithCorrelationId', () => {
  it('carries the id in an OpenTelemetry context, across awaits, shadowed by an inner runWithCorrelationId', async () => {
    const manager = new AsyncLocalStorageContextManager().enable();
    expect(context.setGlobalContextManager(manager)).toBe(true);
    try {
      const requestContext = contextWithCorrelationId(ROOT_CONTEXT, 'request-1');
      expect(correlationIdOf(requestContext)).toBe('request-1');
      expect(correlationIdOf(ROOT_CONTEXT)).toBeUndefined();
      const seen = await context.with(requestContext, async () => {
        const values = [currentCorrelationId()];
        await sleep(1);
        values.push(currentCorrelationId());
        values.push(await runWithCorrelationId('inner', async () => currentCorrelationId()));
        values.push(currentCorrelationId());
        return values;
      });
      expect(seen).toEqual(['request-1', 'request-1', 'inner', 'request-1']);
      expect(currentCorrelationId()).toBeUndefined();
    } finally {
      context.disable();
    }
  });

  it('is not seen without a registered context manager (the instrumentation then falls back to the store)', () => {
    const requestContext = contextWithCorrelationId(ROOT_CONTEXT, 'request-2');
    expect(context.with(requestContext, currentCorrelationId)).toBeUndefined();
    expect(runWithCorrelationId('request-2', currentCorrelationId)).toBe('request-2');
  });
});

describe('newCorrelationId', () => {
  it('makes distinct, valid ids', () => {
    const first = newCorrelationId();
    expect(first).not.toBe(newCorrelationId());
    expect(isValidCorrelationId(first)).toBe(true);
  });
});

describe('correlationIdFrom', () => {
  it('reads the header in any case, and the first valid value of a repeated header', () => {
    expect(correlationIdFrom({ 'x-correlation-id': 'abc-123' })).toBe('abc-123');
    expect(correlationIdFrom({ 'X-Correlation-ID': 'abc-123' })).toBe('abc-123');
    expect(correlationIdFrom({ 'X-CORRELATION-ID': ['bad id', 'good-id'] })).toBe('good-id');
    expect(correlationIdFrom({ 'x-request-id': 'other' })).toBeUndefined();
    expect(correlationIdFrom()).toBeUndefined();
  });

  it('prefers _meta (namespaced key, then correlationId) over the header', () => {
    const headers = { 'x-correlation-id': 'from-header' };
    expect(
      correlationIdFrom(headers, { 'io.mcp-o11y/correlationId': 'namespaced', correlationId: 'plain' }),
    ).toBe('namespaced');
    expect(correlationIdFrom(headers, { correlationId: 'plain' })).toBe('plain');
    expect(correlationIdFrom(headers, { correlationId: 42 })).toBe('from-header');
    expect(correlationIdFrom(undefined, { progressToken: 1 })).toBeUndefined();
  });

  it('rejects ids that could inject log lines or markup, or are too long', () => {
    const hostile = [
      '\n{"level":"fatal","message":"pwned"}',
      'abc\r\ndef',
      'a"b',
      "a'b",
      'a\\b',
      '<script>',
      'a b',
      'tab\there',
      'x'.repeat(129),
      '',
      'caf\u00e9',
      '\u202eevil',
    ];
    for (const id of hostile) {
      expect(isValidCorrelationId(id), JSON.stringify(id)).toBe(false);
      expect(correlationIdFrom({ 'x-correlation-id': id }, { correlationId: id })).toBeUndefined();
    }
    expect(isValidCorrelationId('x'.repeat(128))).toBe(true);
    expect(isValidCorrelationId('01HZX3-trace:abc/42@svc')).toBe(true);
  });
});
