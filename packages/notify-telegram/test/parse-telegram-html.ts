/**
 * Parses Telegram `parse_mode: HTML` the way the Bot API does (modelled on tdlib's `parse_html`): only
 * the supported tags, properly nested; `&lt; &gt; &amp; &quot;` and numeric entities decoded; a bare
 * `&` kept. Returns the visible text and its entities (UTF-16 offsets), or throws a
 * {@link EntityParseError} carrying Telegram's description. One deliberate strictness: an unsupported
 * named entity such as `&nbsp;` is refused (Telegram would show it literally), because emitting one is
 * always an escaping bug.
 */

/** A formatting entity of the parsed message, as the Bot API returns it. */
export interface ParsedEntity {
  readonly type: string;
  readonly offset: number;
  readonly length: number;
  readonly url?: string;
}

/** The visible text and entities of a parsed message. */
export interface ParsedMessage {
  readonly text: string;
  readonly entities: readonly ParsedEntity[];
}

/** A markup error; `message` is the description after "Bad Request: can't parse entities: ". */
export class EntityParseError extends Error {
  override readonly name = 'EntityParseError';
}

const tagTypes: Readonly<Record<string, string>> = {
  b: 'bold',
  strong: 'bold',
  i: 'italic',
  em: 'italic',
  u: 'underline',
  ins: 'underline',
  s: 'strikethrough',
  strike: 'strikethrough',
  del: 'strikethrough',
  a: 'text_link',
  code: 'code',
  pre: 'pre',
  blockquote: 'blockquote',
  'tg-spoiler': 'spoiler',
  span: 'spoiler',
  'tg-emoji': 'custom_emoji',
  'tg-time': 'date_time',
};
const namedEntities: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"' };

const byteOffset = (input: string, index: number) => Buffer.byteLength(input.slice(0, index), 'utf8');
const isSpace = (char: string | undefined) => char === ' ' || char === '\n' || char === '\t' || char === '\r';

function decodeEntity(input: string, index: number): { char: string; length: number } | undefined {
  const match = /^&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z][a-z0-9]*);/i.exec(input.slice(index, index + 12));
  if (!match) return undefined;
  const name = match[1]!;
  if (name.startsWith('#')) {
    const code =
      name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
    if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return undefined;
    return { char: String.fromCodePoint(code), length: match[0].length };
  }
  const char = namedEntities[name.toLowerCase()];
  if (char === undefined) {
    throw new EntityParseError(
      `Unsupported HTML entity "&${name};" at byte offset ${byteOffset(input, index)}`,
    );
  }
  return { char, length: match[0].length };
}

function parseAttributes(
  input: string,
  from: number,
  start: number,
): { attributes: Record<string, string>; end: number } {
  const attributes: Record<string, string> = {};
  let index = from;
  for (;;) {
    while (isSpace(input[index])) index++;
    if (index >= input.length)
      throw new EntityParseError(`Unclosed start tag at byte offset ${byteOffset(input, start)}`);
    if (input[index] === '>') return { attributes, end: index + 1 };
    const nameStart = index;
    while (index < input.length && /[a-zA-Z0-9_-]/.test(input[index]!)) index++;
    const name = input.slice(nameStart, index).toLowerCase();
    if (name === '')
      throw new EntityParseError(
        `Empty attribute name in the tag at byte offset ${byteOffset(input, start)}`,
      );
    let value = '';
    if (input[index] === '=') {
      index++;
      const quote = input[index];
      if (quote === '"' || quote === "'") {
        const close = input.indexOf(quote, index + 1);
        if (close < 0)
          throw new EntityParseError(
            `Unclosed end of attribute value at byte offset ${byteOffset(input, index)}`,
          );
        value = decodeText(input.slice(index + 1, close));
        index = close + 1;
      } else {
        const valueStart = index;
        while (index < input.length && !isSpace(input[index]) && input[index] !== '>') index++;
        value = decodeText(input.slice(valueStart, index));
      }
    }
    attributes[name] = value;
  }
}

function decodeText(raw: string): string {
  let out = '';
  for (let index = 0; index < raw.length; ) {
    const entity = raw[index] === '&' ? decodeEntity(raw, index) : undefined;
    if (entity) {
      out += entity.char;
      index += entity.length;
    } else out += raw[index++];
  }
  return out;
}

/** Parses Telegram HTML into visible text and entities; throws {@link EntityParseError} on bad markup. */
export function parseTelegramHtml(input: string): ParsedMessage {
  let text = '';
  const entities: ParsedEntity[] = [];
  const open: { tag: string; offset: number; url?: string }[] = [];
  let index = 0;
  while (index < input.length) {
    const char = input[index]!;
    if (char === '&') {
      const entity = decodeEntity(input, index);
      text += entity ? entity.char : '&';
      index += entity ? entity.length : 1;
      continue;
    }
    if (char !== '<') {
      text += char;
      index++;
      continue;
    }
    const start = index;
    if (input[index + 1] === '/') {
      const close = input.indexOf('>', index);
      if (close < 0)
        throw new EntityParseError(`Unclosed end tag at byte offset ${byteOffset(input, start)}`);
      const name = input
        .slice(index + 2, close)
        .trim()
        .toLowerCase();
      const top = open.pop();
      if (!top) throw new EntityParseError(`Unexpected end tag at byte offset ${byteOffset(input, start)}`);
      if (top.tag !== name) {
        throw new EntityParseError(
          `Unmatched end tag at byte offset ${byteOffset(input, start)}, expected "</${top.tag}>", found "</${name}>"`,
        );
      }
      if (text.length > top.offset && !(top.tag === 'a' && top.url === undefined)) {
        entities.push({
          type: tagTypes[top.tag]!,
          offset: top.offset,
          length: text.length - top.offset,
          ...(top.url ? { url: top.url } : {}),
        });
      }
      index = close + 1;
      continue;
    }
    index++;
    while (index < input.length && !isSpace(input[index]) && input[index] !== '>') index++;
    if (index >= input.length)
      throw new EntityParseError(`Unclosed start tag at byte offset ${byteOffset(input, start)}`);
    const tag = input.slice(start + 1, index).toLowerCase();
    if (!(tag in tagTypes))
      throw new EntityParseError(`Unsupported start tag "${tag}" at byte offset ${byteOffset(input, start)}`);
    const { attributes, end } = parseAttributes(input, index, start);
    if (tag === 'span' && attributes.class !== 'tg-spoiler') {
      throw new EntityParseError(
        `Tag "span" must have class "tg-spoiler" at byte offset ${byteOffset(input, start)}`,
      );
    }
    const inside = open.at(-1)?.tag;
    if ((inside === 'code' || inside === 'pre') && !(inside === 'pre' && tag === 'code')) {
      throw new EntityParseError(
        `Entities can't be nested in ${inside} at byte offset ${byteOffset(input, start)}`,
      );
    }
    const href = attributes.href;
    const url = tag === 'a' && href !== undefined && URL.canParse(href) ? new URL(href).href : undefined;
    open.push({ tag, offset: text.length, ...(url ? { url } : {}) });
    index = end;
  }
  const unclosed = open.pop();
  if (unclosed) throw new EntityParseError(`Can't find end tag corresponding to start tag "${unclosed.tag}"`);
  return { text, entities: entities.sort((a, b) => a.offset - b.offset) };
}
