import { describe, expect, it } from 'vitest';
import { estimateResultTokens, resultBytes, resultKindOf } from './result-sizes.js';

describe('resultBytes', () => {
  it('is the UTF-8 length of the JSON, escapes and multi-byte characters included', () => {
    const result = { content: [{ type: 'text', text: 'é"\n😀' }] };
    // é 2 bytes, \" 2, \n 2, 😀 4.
    expect(resultBytes(result)).toBe(JSON.stringify({ content: [{ type: 'text', text: '' }] }).length + 10);
    expect(resultBytes(undefined)).toBe(0);
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
