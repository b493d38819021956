import { BrokenCircuitError, TaskCancelledError } from 'cockatiel';
import { describe, expect, it } from 'vitest';
import { CircuitOpenError } from './circuit-open-error.js';
import { classifyIntegrationError, isCallerFault } from './classify-integration-error.js';
import { IntegrationTimeoutError } from './integration-timeout-error.js';

const withFields = (fields: Record<string, unknown>, message = 'failed'): Error =>
  Object.assign(new Error(message), fields);

describe('classifyIntegrationError', () => {
  it.each([
    ['our CircuitOpenError', new CircuitOpenError('db', 0), 'circuit_open'],
    ["cockatiel's BrokenCircuitError", new BrokenCircuitError(), 'circuit_open'],
    ['IntegrationTimeoutError', new IntegrationTimeoutError('db', 10), 'timeout'],
    ["cockatiel's TaskCancelledError", new TaskCancelledError(), 'timeout'],
    ['AbortSignal.timeout() reason', new DOMException('timed out', 'TimeoutError'), 'timeout'],
    ['ETIMEDOUT', withFields({ code: 'ETIMEDOUT' }), 'timeout'],
    ['an abort', new DOMException('aborted', 'AbortError'), 'cancelled'],
    ['ECONNREFUSED', withFields({ code: 'ECONNREFUSED' }), 'connection'],
    [
      'fetch failed with a cause',
      new TypeError('fetch failed', { cause: withFields({ code: 'ENOTFOUND' }) }),
      'connection',
    ],
    ['status 404', withFields({ status: 404 }), 'http_4xx'],
    ['axios-style response.status 503', withFields({ response: { status: 503 } }), 'http_5xx'],
    ['AWS-style $metadata 500', withFields({ $metadata: { httpStatusCode: 500 } }), 'http_5xx'],
    ['statusCode 429', withFields({ statusCode: 429 }), 'http_4xx'],
    ['a plain error', new Error('constraint violated'), 'other'],
    ['a thrown string', 'boom', 'other'],
  ])('%s is %s', (_label, error, expected) => {
    expect(classifyIntegrationError(error)).toBe(expected);
  });
});

describe('isCallerFault', () => {
  it('blames the caller for 4xx (except 408 and 429), aborts and programming errors, not for network failures', () => {
    expect(isCallerFault(withFields({ status: 400 }))).toBe(true);
    expect(isCallerFault(withFields({ status: 408 }))).toBe(false);
    expect(isCallerFault(withFields({ status: 429 }))).toBe(false);
    expect(isCallerFault(new DOMException('aborted', 'AbortError'))).toBe(true);
    expect(isCallerFault(new TypeError('cannot read properties of undefined'))).toBe(true);
    expect(isCallerFault(new TypeError('fetch failed', { cause: withFields({ code: 'ECONNRESET' }) }))).toBe(
      false,
    );
    expect(isCallerFault(withFields({ status: 502 }))).toBe(false);
    expect(isCallerFault(new Error('deadlock detected'))).toBe(false);
  });
});
