import { describe, expect, it } from 'vitest';
import { clipText } from './clip-text.js';

describe('clipText', () => {
  it('returns text that fits unchanged', () => {
    expect(clipText('hello', 5)).toBe('hello');
    expect(clipText('', 0)).toBe('');
  });

  it('ends clipped text with … within maxLength', () => {
    expect(clipText('hello world', 8)).toBe('hello w…');
    expect(clipText('hello world', 8)).toHaveLength(8);
  });

  it('drops whitespace before the …', () => {
    expect(clipText('hello world', 7)).toBe('hello…');
  });

  it('never splits a surrogate pair or an emoji ZWJ sequence', () => {
    const family = '👨‍👩‍👧';
    expect(clipText(`ab${family}cd`, 4)).toBe('ab…');
    expect(clipText(`ab${family}cd`, 2 + family.length + 1)).toBe(`ab${family}…`);
    expect(clipText('😀😀😀', 4)).toBe('😀…');
  });

  it('gives an empty string for maxLength ≤ 0', () => {
    expect(clipText('hello', 0)).toBe('');
    expect(clipText('hello', -1)).toBe('');
  });
});
