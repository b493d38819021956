import { ConfigError } from '@mcp-o11y/core';
import { expect } from 'vitest';

/**
 * Longest `ConfigError.message` accepted whatever the input: the message is printed to a terminal or a log,
 * so a file with 100 000 bad keys must not turn into megabytes of text (every issue stays in `issues`).
 */
export const MAX_CONFIG_MESSAGE_LENGTH = 64 * 1024;

/**
 * Checks how a config, rules or runbook parser ended: either it returned a value, or it threw a
 * `ConfigError` naming the source (or one of the acceptable sources), with at least one issue, each with a string field path and a message.
 * Anything else (a `RangeError` from a stack overflow, a `TypeError` from a missing guard) fails.
 */
export function expectConfigOutcome(
  outcome: { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: unknown },
  source: string | readonly string[],
): void {
  if (outcome.ok) {
    expect(typeof outcome.value).toBe('object');
    return;
  }
  const { error } = outcome;
  if (!(error instanceof ConfigError)) {
    throw new Error(`expected a ConfigError, got ${describeError(error)}`, { cause: error });
  }
  expect(typeof source === 'string' ? [source] : source).toContain(error.source);
  expect(error.issues.length).toBeGreaterThan(0);
  for (const issue of error.issues) {
    expect(typeof issue.path).toBe('string');
    expect(typeof issue.message).toBe('string');
    expect(issue.message.length).toBeGreaterThan(0);
  }
  expect(error.message.startsWith('[@mcp-o11y/core]')).toBe(true);
  expect(error.message.length).toBeLessThanOrEqual(MAX_CONFIG_MESSAGE_LENGTH);
}

function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message.slice(0, 200)}`;
  return typeof error;
}
