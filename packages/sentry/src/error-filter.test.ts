import { describe, expect, it } from 'vitest';
import type { SentryErrorEventJson } from './convert-to-error-event.js';
import { ErrorFilter } from './error-filter.js';

function event(message: string, tool = 'forecast'): SentryErrorEventJson {
  return {
    exception: { values: [{ type: 'ToolError', value: message, mechanism: { type: 'x', handled: true } }] },
    tags: { 'error.type': 'tool_error' },
    fingerprint: ['mcp', tool, 'tool_error', message],
  } as unknown as SentryErrorEventJson;
}

const base = {
  captureCallerFaults: false,
  captureCancellations: false,
  ignoreErrors: [],
  rateLimit: false as const,
};

describe('ErrorFilter', () => {
  it('limits each fingerprint separately within its window, then lets it through again', () => {
    let now = 0;
    const filter = new ErrorFilter({ ...base, rateLimit: { events: 2, perSeconds: 10 } }, () => now);
    expect([1, 2, 3].map(() => filter.admits(event('a')))).toEqual([true, true, false]);
    expect(filter.admits(event('b'))).toBe(true);
    now = 10_000;
    expect(filter.admits(event('a'))).toBe(true);
    expect(filter.dropped.rate_limited).toBe(1);
  });

  it('drops caller faults and cancellations unless asked, and matches the ignore list', () => {
    const filter = new ErrorFilter({ ...base, ignoreErrors: ['quota', /^ToolError: flaky/] });
    expect(filter.wants('caller_fault')).toBe(false);
    expect(filter.wants('cancelled')).toBe(false);
    expect(filter.wants('server_error')).toBe(true);
    expect(filter.admits(event('quota exceeded'))).toBe(false);
    expect(filter.admits(event('flaky upstream'))).toBe(false);
    expect(filter.admits(event('real failure'))).toBe(true);
    expect(filter.dropped).toEqual({ caller_fault: 1, cancelled: 1, ignored: 2, rate_limited: 0 });
    const everything = new ErrorFilter({ ...base, captureCallerFaults: true, captureCancellations: true });
    expect(everything.wants('caller_fault') && everything.wants('cancelled')).toBe(true);
  });
});
