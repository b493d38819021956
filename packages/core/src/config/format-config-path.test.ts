import { describe, expect, it } from 'vitest';
import { formatConfigPath } from './format-config-path.js';

describe('formatConfigPath', () => {
  it('writes paths the way they look in the file', () => {
    expect(formatConfigPath([])).toBe('');
    expect(formatConfigPath(['memory', 'maxSeries'])).toBe('memory.maxSeries');
    expect(formatConfigPath(['adapters', 1, 'options', 'port'])).toBe('adapters[1].options.port');
    expect(formatConfigPath(['adapters', 0, 'options', 'x-api-key'])).toBe(
      'adapters[0].options["x-api-key"]',
    );
  });
});
