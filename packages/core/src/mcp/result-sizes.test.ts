import { describe, expect, it } from 'vitest';
import { estimateResultTokens, resultBytes, resultKindOf } from './result-sizes.js';

describe('resultBytes', () => {
  it('is the UTF-8 length of the JSON, escapes and multi-byte characters included', () => {
    const result = { content: [{ type: 'text', text: 'é"\n😀' }] };
    // é 2 bytes, \" 2, \n 2, 😀 4.
    expect(resultBytes(result)).toBe(JSON.stringify({ content: [{ type: 'text', text: '' }] }).length + 10);
    expect(resultBytes(undefined)).toBe(0);
  });

  it('equals the serialised length for text results, the shortcut included, and for every other shape', () => {
    const serialised = (value: unknown) => Buffer.byteLength(JSON.stringify(value), 'utf8');
    const texts = [
      '',
      'hi',
      'é',
      '日本語',
      '😀',
      'a"b',
      'a\\b',
      'line\nbreak',
      '\u0001',
      '\ud800',
      'x'.repeat(5000),
    ];
    // Random texts over ASCII, Latin-1, CJK, emoji and the characters JSON escapes.
    const alphabet = [
      'a',
      'Z',
      ' ',
      '~',
      'é',
      'ß',
      '中',
      '😀',
      '"',
      '\\',
      '\n',
      '\t',
      '\u0000',
      '\u001f',
      '\ud83d',
    ];
    let seed = 7;
    const next = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed / 2_147_483_648;
    };
    for (let index = 0; index < 300; index += 1) {
      const length = Math.floor(next() * 40);
      texts.push(Array.from({ length }, () => alphabet[Math.floor(next() * alphabet.length)]).join(''));
    }
    const shapes: unknown[] = [];
    for (const text of texts) {
      shapes.push({ content: [{ type: 'text', text }] });
      shapes.push({
        content: [
          { text, type: 'text' },
          { type: 'text', text: 'second' },
        ],
      });
      shapes.push({ content: [{ type: 'text', text }], isError: false });
      shapes.push({ content: [{ type: 'text', text, annotations: { priority: 1 } }] });
      shapes.push({ content: [{ type: 'image', data: text, mimeType: 'image/png' }] });
    }
    shapes.push({ content: [] }, { content: 'not an array' }, { content: [null] }, { other: 1 }, []);
    shapes.push({ content: [{ type: 'text', text: 'x', skipped: undefined }] });
    shapes.push(Object.assign(Object.create({ inherited: 1 }), { content: [{ type: 'text', text: 'p' }] }));
    for (const shape of shapes) expect(resultBytes(shape), JSON.stringify(shape)).toBe(serialised(shape));
  });

  it('throws what JSON.stringify throws', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => resultBytes(cyclic)).toThrow(TypeError);
  });
});

describe('estimateResultTokens: ceil(characters of text / 4)', () => {
  it('reads tool text blocks and embedded text resources, not images, links or structuredContent', () => {
    const result = {
      content: [
        { type: 'text', text: 'abcde' },
        { type: 'resource', resource: { uri: 'a://b', text: 'xyz' } },
        { type: 'resource', resource: { uri: 'a://c', blob: 'AAAA' } },
        { type: 'image', data: 'A'.repeat(4000), mimeType: 'image/png' },
        { type: 'resource_link', uri: 'a://d', name: 'd' },
      ],
      structuredContent: { text: 'not counted' },
    };
    expect(estimateResultTokens('tool', result)).toBe(2);
  });

  it('reads resource contents and prompt messages with one block or several', () => {
    expect(
      estimateResultTokens('resource', {
        contents: [
          { uri: 'a', text: 'x'.repeat(9) },
          { uri: 'b', blob: 'QQ==' },
        ],
      }),
    ).toBe(3);
    const prompt = {
      messages: [
        { role: 'user', content: { type: 'text', text: 'x'.repeat(4) } },
        {
          role: 'assistant',
          content: [
            { type: 'text', text: 'y' },
            { type: 'text', text: 'z'.repeat(3) },
          ],
        },
      ],
    };
    expect(estimateResultTokens('prompt', prompt)).toBe(2);
  });

  it('counts nothing in shapes it does not know', () => {
    expect(estimateResultTokens('tool', { content: 'text' })).toBe(0);
    expect(estimateResultTokens('resource', { contents: [null, 3, { text: 5 }] })).toBe(0);
    expect(estimateResultTokens('prompt', { messages: [null, { content: null }] })).toBe(0);
    expect(estimateResultTokens('tool', null)).toBe(0);
  });
});

describe('resultKindOf', () => {
  it('sizes the three methods whose results reach a model', () => {
    expect(['tools/call', 'resources/read', 'prompts/get', 'tools/list', '_OTHER'].map(resultKindOf)).toEqual(
      ['tool', 'resource', 'prompt', undefined, undefined],
    );
  });
});
