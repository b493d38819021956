import { describe, expect, it } from 'vitest';
import { CircuitOpenError } from '../integrations/circuit-open-error.js';
import { errorTypeOf } from './error-type-of.js';

const withProps = (props: Record<string, unknown>, name = 'Error'): Error =>
  Object.assign(new Error('failure'), props, { name });

describe('errorTypeOf', () => {
  it.each([
    [
      'a fetch failure with ECONNREFUSED in its cause',
      new TypeError('fetch failed', { cause: withProps({ code: 'ECONNREFUSED' }) }),
      'connection',
    ],
    ['an HTTP 503', withProps({ status: 503 }), 'http_5xx'],
    ['an HTTP 404', withProps({ response: { status: 404 } }), 'http_4xx'],
    ['ETIMEDOUT', withProps({ code: 'ETIMEDOUT' }), 'timeout'],
    ['a TimeoutError', withProps({}, 'TimeoutError'), 'timeout'],
    ['an AbortError', withProps({}, 'AbortError'), 'cancelled'],
    ['an open circuit', new CircuitOpenError('db', Date.now()), 'circuit_open'],
    ['JSON-RPC -32602 (invalid params)', withProps({ code: -32602 }), 'validation'],
    ['JSON-RPC -32001 (request timeout)', withProps({ code: -32001 }), 'timeout'],
    ['JSON-RPC -32000 (connection closed)', withProps({ code: -32000 }), 'transport'],
    ['an UnauthorizedError', withProps({}, 'UnauthorizedError'), 'auth'],
    ['JSON-RPC -32603 (internal)', withProps({ code: -32603 }), 'other'],
    ['a plain TypeError', new TypeError('x is undefined'), 'other'],
    ['a thrown string', 'boom', 'other'],
    ['undefined', undefined, 'other'],
  ])('%s → %s', (_label, error, expected) => {
    expect(errorTypeOf(error)).toBe(expected);
  });
});
