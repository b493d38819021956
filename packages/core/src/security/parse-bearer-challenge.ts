/** The parameters of an RFC 6750 `Bearer` challenge that say why a request was refused. */
export interface BearerChallenge {
  /** `error`: `invalid_request`, `invalid_token`, `insufficient_scope` (RFC 6750 §3.1) or a server's own. */
  readonly error?: string;
  /** `error_description`: free text for developers. */
  readonly description?: string;
}

const tokenChar = /[!#$%&'*+\-.^_`|~0-9A-Za-z]/;

/**
 * Reads the first `Bearer` challenge out of `WWW-Authenticate` values (RFC 9110 §11.6.1: comma-separated
 * challenges, each a scheme and `name=value` parameters, values tokens or quoted strings). Pure and
 * forgiving: a malformed header yields what could be read, `undefined` when there is no Bearer challenge.
 */
export function parseBearerChallenge(
  header: string | readonly string[] | undefined,
): BearerChallenge | undefined {
  if (header === undefined) return undefined;
  const text = typeof header === 'string' ? header : header.join(', ');
  let index = 0;
  let scheme: string | undefined;
  let found: { error?: string; description?: string } | undefined;
  const readToken = (): string => {
    const start = index;
    while (index < text.length && tokenChar.test(text[index] as string)) index += 1;
    return text.slice(start, index);
  };
  const readQuoted = (): string => {
    index += 1;
    let value = '';
    while (index < text.length && text[index] !== '"') {
      if (text[index] === '\\' && index + 1 < text.length) index += 1;
      value += text[index];
      index += 1;
    }
    index += 1;
    return value;
  };
  const skipSpaces = () => {
    while (text[index] === ' ' || text[index] === '\t') index += 1;
  };
  while (index < text.length) {
    const char = text[index] as string;
    if (char === ',' || char === ' ' || char === '\t') {
      index += 1;
      continue;
    }
    const token = readToken();
    if (token === '') {
      index += 1;
      continue;
    }
    skipSpaces();
    if (text[index] !== '=') {
      // A bare token starts the next challenge.
      if (found !== undefined) return found;
      scheme = token.toLowerCase();
      if (scheme === 'bearer') found = {};
      continue;
    }
    index += 1;
    skipSpaces();
    const value = text[index] === '"' ? readQuoted() : readToken();
    if (scheme === 'bearer' && found !== undefined && value !== '') {
      const name = token.toLowerCase();
      if (name === 'error' && found.error === undefined) found.error = value;
      else if (name === 'error_description' && found.description === undefined) found.description = value;
    }
  }
  return found;
}
