import { MAX_CONFIG_DEPTH } from './config-depth.js';

/** Where and what the first JSON syntax error is. */
export interface JsonSyntaxError {
  /** 1-based. */
  readonly line: number;
  /** 1-based. */
  readonly column: number;
  /** What was expected there. Never quotes the text: it may hold a secret. */
  readonly message: string;
}

/**
 * Finds the first syntax error of text that `JSON.parse` rejected. Needed because V8's messages either
 * omit the position or quote the surrounding text, which may contain a secret.
 */
export function locateJsonSyntaxError(text: string): JsonSyntaxError | undefined {
  let index = 0;
  const fail = (message: string): never => {
    throw new LocatedError(index, message);
  };
  const skipSpace = () => {
    while (index < text.length && ' \t\n\r'.includes(text[index] ?? '')) index += 1;
  };
  const expect = (char: string, message: string) => {
    skipSpace();
    if (text[index] !== char) fail(message);
    index += 1;
  };
  const string = () => {
    index += 1; // opening quote
    while (index < text.length) {
      const char = text[index] ?? '';
      if (char === '"') {
        index += 1;
        return;
      }
      if (char < ' ') fail('control character in a string; escape it (\\n, \\t)');
      if (char === '\\') {
        const escaped = text[index + 1] ?? '';
        if (escaped === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(index + 2, index + 6))) index += 6;
        else if ('"\\/bfnrt'.includes(escaped) && escaped !== '') index += 2;
        else fail('invalid escape in a string');
      } else index += 1;
    }
    fail('unterminated string; add the closing "');
  };
  let depth = 0;
  // One call per nesting level: stop at the depth no config reaches, long before the stack would.
  const value = (): void => {
    if (depth >= MAX_CONFIG_DEPTH) fail(`nested deeper than ${MAX_CONFIG_DEPTH} levels`);
    depth += 1;
    try {
      containerOrScalar();
    } finally {
      depth -= 1;
    }
  };
  const containerOrScalar = (): void => {
    skipSpace();
    const char = text[index];
    if (char === '{') {
      index += 1;
      skipSpace();
      if (text[index] === '}') {
        index += 1;
        return;
      }
      for (;;) {
        skipSpace();
        if (text[index] !== '"') fail('expected a double-quoted property name');
        string();
        expect(':', "expected ':' after the property name");
        value();
        skipSpace();
        if (text[index] === '}') {
          index += 1;
          return;
        }
        expect(',', "expected ',' or '}' after the property value");
      }
    }
    if (char === '[') {
      index += 1;
      skipSpace();
      if (text[index] === ']') {
        index += 1;
        return;
      }
      for (;;) {
        value();
        skipSpace();
        if (text[index] === ']') {
          index += 1;
          return;
        }
        expect(',', "expected ',' or ']' after the array element");
      }
    }
    if (char === '"') {
      string();
      return;
    }
    const literal = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(
      text.slice(index),
    );
    if (literal === null) fail(index >= text.length ? 'unexpected end of input' : 'expected a JSON value');
    index += literal?.[0].length ?? 0;
  };
  try {
    value();
    skipSpace();
    if (index < text.length) fail('unexpected content after the JSON value');
    return undefined;
  } catch (error) {
    if (!(error instanceof LocatedError)) throw error;
    return { ...lineAndColumn(text, error.offset), message: error.message };
  }
}

class LocatedError extends Error {
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(message);
  }
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  return { line: before.split('\n').length, column: offset - lineStart + 1 };
}
