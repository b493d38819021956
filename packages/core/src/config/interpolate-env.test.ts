// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these strings are config values with ${VAR} references.
import { describe, expect, it } from 'vitest';
import { pathKey } from './format-config-path.js';
import { interpolateEnv } from './interpolate-env.js';

describe('interpolateEnv', () => {
  it('replaces ${VAR} in nested string values and leaves keys and non-strings alone', () => {
    const input = { service: { name: '${NAME}-svc' }, list: ['a', '${NAME}'], port: 1, '${NAME}': true };
    const result = interpolateEnv(input, { NAME: 'orders' });
    expect(result.value).toEqual({
      service: { name: 'orders-svc' },
      list: ['a', 'orders'],
      port: 1,
      '${NAME}': true,
    });
    expect(result.issues).toEqual([]);
    expect(input.service.name).toBe('${NAME}-svc');
  });

  it('uses the default of ${VAR:-default} when the variable is unset or empty, like the shell', () => {
    const tree = { a: '${UNSET:-9464}', b: '${EMPTY:-x}', c: '${SET:-x}', d: '${UNSET:-}', e: '${EMPTY}' };
    const result = interpolateEnv(tree, { EMPTY: '', SET: 'y' });
    expect(result.value).toEqual({ a: '9464', b: 'x', c: 'y', d: '', e: '' });
    expect(result.issues).toEqual([]);
  });

  it('turns $${ into a literal ${ without reading the environment', () => {
    const result = interpolateEnv({ a: 'cost: $${AMOUNT} and ${A}' }, { A: '1', AMOUNT: 'leak' });
    expect(result.value).toEqual({ a: 'cost: ${AMOUNT} and 1' });
  });

  it('reports a missing variable with the field path and its name, never a value', () => {
    const result = interpolateEnv(
      { adapters: [{ options: { token: 'Bearer ${API_TOKEN}' } }] },
      { OTHER: 'x' },
    );
    expect(result.issues).toEqual([
      {
        path: 'adapters[0].options.token',
        message:
          'environment variable API_TOKEN is not set; set it, or give a default with ${API_TOKEN:-value}',
      },
    ]);
    expect(result.failed).toEqual(new Set(['adapters[0].options.token']));
  });

  it('does not treat inherited properties of the env object as variables', () => {
    expect(interpolateEnv({ a: '${constructor}' }, {}).issues).toHaveLength(1);
  });

  it('reports unterminated and malformed references', () => {
    const result = interpolateEnv({ a: 'x ${OPEN', b: '${not-a-name}' }, {});
    expect(result.issues.map((issue) => issue.path)).toEqual(['a', 'b']);
    expect(result.issues[0]?.message).toMatch(/^unterminated \$\{/);
    expect(result.issues[1]?.message).toMatch(/^invalid variable reference/);
  });

  it('marks only strings that contained a reference as interpolated', () => {
    const result = interpolateEnv({ a: '${A}', b: '42', c: ['$${B}', '${A:-1}'] }, { A: '7' });
    expect(result.interpolated).toEqual(new Set([pathKey(['a']), pathKey(['c', 1])]));
  });

  it('keeps a __proto__ key as an own key of the copy', () => {
    const result = interpolateEnv(JSON.parse('{"__proto__": {"polluted": "${A}"}}'), { A: 'x' });
    expect(Object.keys(result.value as object)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
