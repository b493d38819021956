import { describe, expect, it } from 'vitest';
import {
  cancelledErrorType,
  errorCategoryOfCode,
  errorCategoryOfException,
  isCallerFault,
} from './classify-error.js';

describe('isCallerFault', () => {
  it('is true for the semconv caller-fault codes only', () => {
    for (const code of [-32700, -32600, -32601, -32602, -32002])
      expect(isCallerFault(code), String(code)).toBe(true);
    for (const code of [-32603, -32000, -32001, -32020, -32042, 0, 42])
      expect(isCallerFault(code), String(code)).toBe(false);
  });
});

describe('errorCategoryOfCode', () => {
  it.each([
    [-32700, 'validation'],
    [-32600, 'validation'],
    [-32601, 'validation'],
    [-32602, 'validation'],
    [-32002, 'validation'],
    [-32020, 'validation'],
    [-32021, 'validation'],
    [-32022, 'validation'],
    [-32001, 'timeout'],
    [-32000, 'transport'],
    [-32042, 'auth'],
    [-32603, 'internal'],
    [-1, 'internal'],
    [12345, 'internal'],
  ] as const)('maps %i to %s', (code, category) => {
    expect(errorCategoryOfCode(code)).toBe(category);
  });
});

describe('errorCategoryOfException', () => {
  it('reads auth errors by name before any code', () => {
    for (const name of ['UnauthorizedError', 'OAuthError', 'InsufficientScopeError'])
      expect(errorCategoryOfException({ name, code: -32001 })).toBe('auth');
  });

  it('maps an integer code like a JSON-RPC error, and aborts and timeouts by name', () => {
    expect(errorCategoryOfException({ code: -32001 })).toBe('timeout');
    expect(errorCategoryOfException({ code: -32602, name: 'McpError' })).toBe('validation');
    expect(errorCategoryOfException({ code: 1.5, name: 'AbortError' })).toBe('timeout');
    expect(errorCategoryOfException(Object.assign(new Error('late'), { name: 'TimeoutError' }))).toBe(
      'timeout',
    );
  });

  it('falls back to internal for anything else', () => {
    expect(errorCategoryOfException(new Error('boom'))).toBe('internal');
    expect(errorCategoryOfException({ code: 'ECONNRESET' })).toBe('internal');
    expect(errorCategoryOfException('a string')).toBe('internal');
    expect(errorCategoryOfException(null)).toBe('internal');
    expect(errorCategoryOfException(undefined)).toBe('internal');
  });
});

describe('cancelledErrorType', () => {
  it('reads a timeout from the SDK reason string, anything else is a cancellation', () => {
    expect(cancelledErrorType('McpError: MCP error -32001: Request timed out')).toBe('timeout');
    expect(cancelledErrorType('operation timed out')).toBe('timeout');
    expect(cancelledErrorType('Time out')).toBe('timeout');
    expect(cancelledErrorType('AbortError: This operation was aborted')).toBe('cancelled');
    expect(cancelledErrorType('user pressed stop')).toBe('cancelled');
    expect(cancelledErrorType(undefined)).toBe('cancelled');
    expect(cancelledErrorType(-32001)).toBe('cancelled');
  });
});
