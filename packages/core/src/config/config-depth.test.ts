import { describe, expect, it } from 'vitest';
import { configDepthIssue, MAX_CONFIG_DEPTH } from './config-depth.js';
import { ConfigError } from './config-error.js';
import { locateJsonSyntaxError } from './locate-json-syntax-error.js';
import { parseConfig } from './parse-config.js';
import { parseConfigText } from './parse-config-text.js';

// Found by the reliability suite's config fuzzing: a file or object nested ~10 000 levels deep made
// parseConfig and loadConfig throw `RangeError: Maximum call stack size exceeded` instead of a ConfigError.

function nested(levels: number, inner: unknown = 1): unknown {
  let value = inner;
  for (let level = 0; level < levels; level += 1) value = [value];
  return value;
}

describe('configDepthIssue', () => {
  it('accepts trees up to the limit and names the first container past it', () => {
    expect(configDepthIssue({ memory: nested(MAX_CONFIG_DEPTH - 1) })).toBeUndefined();
    const issue = configDepthIssue({ memory: nested(MAX_CONFIG_DEPTH + 5) });
    expect(issue?.path).toBe(`memory${'[0]'.repeat(MAX_CONFIG_DEPTH - 1)}`);
    expect(issue?.message).toMatch(/nested deeper than 64 levels/);
  });

  it('treats a cycle as too deep instead of looping', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(configDepthIssue({ service: cyclic })?.path).toMatch(/^service\.self\.self/);
  });
});

describe('deeply nested configurations', () => {
  it('parseConfig refuses 100 000 levels with a ConfigError, not a stack overflow', async () => {
    for (const value of [{ memory: nested(100_000) }, { extra: nested(100_000) }]) {
      const error = await parseConfig(value, { env: {}, source: 'deep.yaml' }).catch(
        (caught: unknown) => caught,
      );
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).issues).toHaveLength(1);
      expect((error as ConfigError).issues[0]?.message).toMatch(/nested deeper than/);
    }
  });

  it('locates unclosed JSON nested 100 000 levels deep without overflowing', () => {
    const text = '['.repeat(100_000);
    expect(locateJsonSyntaxError(text)).toEqual({
      line: 1,
      column: MAX_CONFIG_DEPTH + 1,
      message: `nested deeper than ${MAX_CONFIG_DEPTH} levels`,
    });
    const parsed = parseConfigText(text, 'json');
    expect(parsed.ok).toBe(false);
  });
});

describe('ConfigError message', () => {
  it('lists at most 100 issues and clips long lines; error.issues keeps every one', () => {
    const issues = Array.from({ length: 1_000 }, (_, index) => ({
      path: `k${index}${'x'.repeat(index === 0 ? 100_000 : 0)}`,
      message: 'unknown key',
    }));
    const error = new ConfigError(issues, 'big.yaml');
    expect(error.issues).toHaveLength(1_000);
    const lines = error.message.split('\n');
    expect(lines).toHaveLength(1 + 100 + 1);
    expect(lines.at(-1)).toBe('  … and 900 more (every one is in error.issues)');
    expect(Math.max(...lines.map((line) => line.length))).toBeLessThanOrEqual(500);
    expect(error.message.length).toBeLessThan(64 * 1024);
  });
});
