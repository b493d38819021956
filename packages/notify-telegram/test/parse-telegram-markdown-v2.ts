/**
 * Parses Telegram `parse_mode: MarkdownV2` the way the Bot API does (modelled on tdlib's
 * `parse_markdown_v2`): `\` escapes any character 1–126; inside `code`/`pre` only `` ` `` and `\` are
 * special; inside a link target only `)` and `\`; everywhere else the 18 reserved characters
 * `_*[]()~\`>#+-=|{}.!` must be escaped or form entities. Returns visible text and entities or throws
 * an {@link EntityParseError} with Telegram's description.
 */
import { EntityParseError, type ParsedEntity, type ParsedMessage } from './parse-telegram-html.js';

const reserved = '_*[]()~`>#+-=|{}.!';
const byteOffset = (input: string, index: number) => Buffer.byteLength(input.slice(0, index), 'utf8');
const escapable = (char: string | undefined) =>
  char !== undefined && char.charCodeAt(0) >= 1 && char.charCodeAt(0) <= 126;

interface Open {
  readonly type: string;
  readonly offset: number;
  readonly at: number;
}

/** Parses MarkdownV2 into visible text and entities; throws {@link EntityParseError} on bad markup. */
export function parseTelegramMarkdownV2(input: string): ParsedMessage {
  let text = '';
  const entities: ParsedEntity[] = [];
  const open: Open[] = [];
  const close = (type: string, at: number) => {
    const top = open.at(-1);
    if (!top || top.type !== type)
      throw new EntityParseError(
        `Can't find end of ${top?.type ?? type} entity at byte offset ${byteOffset(input, top?.at ?? at)}`,
      );
    open.pop();
    if (text.length > top.offset)
      entities.push({ type, offset: top.offset, length: text.length - top.offset });
  };
  const toggle = (type: string, at: number) => {
    if (open.some((entity) => entity.type === type)) close(type, at);
    else open.push({ type, offset: text.length, at });
  };
  let index = 0;
  while (index < input.length) {
    const char = input[index]!;
    const inCode = open.at(-1)?.type === 'code' || open.at(-1)?.type === 'pre';
    if (char === '\\') {
      if (!escapable(input[index + 1])) {
        throw new EntityParseError(`Character '\\' is reserved and must be escaped with the preceding '\\'`);
      }
      text += input[index + 1];
      index += 2;
      continue;
    }
    if (inCode) {
      const top = open.at(-1)!;
      if (char === '`' && top.type === 'code') {
        close('code', index);
        index++;
      } else if (char === '`' && input.startsWith('```', index)) {
        close('pre', index);
        index += 3;
      } else {
        text += char;
        index++;
      }
      continue;
    }
    if (!reserved.includes(char)) {
      text += char;
      index++;
      continue;
    }
    const at = index;
    switch (char) {
      case '*':
        toggle('bold', at);
        index++;
        break;
      case '~':
        toggle('strikethrough', at);
        index++;
        break;
      case '_':
        if (input[index + 1] === '_') {
          toggle('underline', at);
          index += 2;
        } else {
          toggle('italic', at);
          index++;
        }
        break;
      case '|':
        if (input[index + 1] !== '|') throw reservedError(char);
        toggle('spoiler', at);
        index += 2;
        break;
      case '`':
        if (input.startsWith('```', index)) {
          const newline = input.indexOf('\n', index + 3);
          open.push({ type: 'pre', offset: text.length, at });
          index = newline < 0 ? index + 3 : newline + 1;
        } else {
          open.push({ type: 'code', offset: text.length, at });
          index++;
        }
        break;
      case '[':
        open.push({ type: 'text_link', offset: text.length, at });
        index++;
        break;
      case ']': {
        const top = open.at(-1);
        if (top?.type !== 'text_link') throw reservedError(char);
        open.pop();
        index++;
        let url = '';
        if (input[index] === '(') {
          index++;
          while (index < input.length && input[index] !== ')') {
            if (input[index] === '\\' && escapable(input[index + 1])) index++;
            url += input[index++];
          }
          if (index >= input.length)
            throw new EntityParseError(`Can't find end of a URL at byte offset ${byteOffset(input, at)}`);
          index++;
        }
        if (text.length > top.offset && URL.canParse(url)) {
          entities.push({
            type: 'text_link',
            offset: top.offset,
            length: text.length - top.offset,
            url: new URL(url).href,
          });
        }
        break;
      }
      case '>':
        // A blockquote marker only at the start of a line.
        if (index !== 0 && input[index - 1] !== '\n') throw reservedError(char);
        index++;
        break;
      default:
        throw reservedError(char);
    }
  }
  const unclosed = open.at(-1);
  if (unclosed)
    throw new EntityParseError(
      `Can't find end of ${unclosed.type} entity at byte offset ${byteOffset(input, unclosed.at)}`,
    );
  return { text, entities: entities.sort((a, b) => a.offset - b.offset) };
}

function reservedError(char: string): EntityParseError {
  return new EntityParseError(`Character '${char}' is reserved and must be escaped with the preceding '\\'`);
}
