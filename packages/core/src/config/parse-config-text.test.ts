import { describe, expect, it } from 'vitest';
import { locateJsonSyntaxError } from './locate-json-syntax-error.js';
import { configFormatOf, parseConfigText } from './parse-config-text.js';

describe('parseConfigText', () => {
  it('picks JSON for .json and YAML for everything else', () => {
    expect(configFormatOf('/a/mcp-o11y.config.JSON')).toBe('json');
    expect(configFormatOf('/a/mcp-o11y.config.yml')).toBe('yaml');
    expect(configFormatOf('/etc/mcp-o11y/config')).toBe('yaml');
  });

  it('parses YAML 1.2 (no "yes" booleans) and JSON', () => {
    expect(parseConfigText('a: yes\nb: true\n', 'yaml')).toEqual({ ok: true, value: { a: 'yes', b: true } });
    expect(parseConfigText('{"a": [1]}', 'json')).toEqual({ ok: true, value: { a: [1] } });
  });

  it('does not quote tokens of the source in YAML errors', () => {
    const parsed = parseConfigText('- a\nb: s3cr3t\n', 'yaml');
    expect(parsed.ok).toBe(false);
    expect(JSON.stringify(parsed)).not.toContain('s3cr3t');
  });

  it('refuses alias bombs', () => {
    const bomb = [
      'a: &a [x, x]',
      'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]',
      'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]',
      'd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]',
    ];
    const parsed = parseConfigText(`${bomb.join('\n')}\n`, 'yaml');
    expect(JSON.stringify(parsed)).toContain('Excessive alias count');
  });
});

describe('locateJsonSyntaxError', () => {
  it.each([
    ['{"a": 1,}', 1, 9, 'expected a double-quoted property name'],
    ['{"a" 1}', 1, 6, "expected ':' after the property name"],
    ['[1,\n 2\n', 3, 1, "expected ',' or ']' after the array element"],
    ['{"a": "x\ny"}', 1, 9, 'control character in a string; escape it (\\n, \\t)'],
    ['{} x', 1, 4, 'unexpected content after the JSON value'],
    ['', 1, 1, 'unexpected end of input'],
  ])('locates %j', (text, line, column, message) => {
    expect(() => JSON.parse(text)).toThrow();
    expect(locateJsonSyntaxError(text)).toEqual({ line, column, message });
  });

  it('accepts what JSON.parse accepts', () => {
    const text = '{"a": [1, -2.5e3, true, false, null, "\\u00e9\\n"], "b": {}}';
    expect(() => JSON.parse(text)).not.toThrow();
    expect(locateJsonSyntaxError(text)).toBeUndefined();
  });
});
