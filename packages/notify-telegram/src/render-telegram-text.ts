import type { Segment } from './message-segments.js';

/** Escapes text for Telegram HTML: only `&`, `<` and `>` (the named entities Telegram knows). */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Escapes an HTML attribute value (double-quoted): `&`, `<`, `>` and `"`. */
export function escapeHtmlAttribute(text: string): string {
  return escapeHtml(text).replace(/"/g, '&quot;');
}

/** Escapes MarkdownV2 text outside entities: `\` and the 18 reserved characters. */
export function escapeMarkdownV2(text: string): string {
  return text.replace(/[\\_*[\]()~`>#+\-=|{}.!]/g, '\\$&');
}

/** Escapes the inside of a MarkdownV2 `code` or `pre` entity: only `` ` `` and `\`. */
export function escapeMarkdownV2Code(text: string): string {
  return text.replace(/[\\`]/g, '\\$&');
}

/** Escapes a MarkdownV2 link target inside `(...)`: only `)` and `\`. */
export function escapeMarkdownV2Url(url: string): string {
  return url.replace(/[\\)]/g, '\\$&');
}

const htmlTags = { bold: 'b', italic: 'i', code: 'code' } as const;
const markdownMarks = { bold: '*', italic: '_', code: '`' } as const;

/** Renders segments as Telegram HTML. Empty styled runs are skipped (an empty entity is an error). */
export function renderHtml(segments: readonly Segment[]): string {
  return segments
    .map((segment) => {
      if (segment.text === '') return '';
      if (segment.kind === 'link')
        return `<a href="${escapeHtmlAttribute(segment.url)}">${escapeHtml(segment.text)}</a>`;
      if (segment.style === 'plain') return escapeHtml(segment.text);
      const tag = htmlTags[segment.style];
      return `<${tag}>${escapeHtml(segment.text)}</${tag}>`;
    })
    .join('');
}

/**
 * Renders segments as MarkdownV2. Each styled run is closed before the next opens, so no `__`-style
 * ambiguity arises; code runs use code escaping, link targets link escaping.
 */
export function renderMarkdownV2(segments: readonly Segment[]): string {
  return segments
    .map((segment) => {
      if (segment.text === '') return '';
      if (segment.kind === 'link')
        return `[${escapeMarkdownV2(segment.text)}](${escapeMarkdownV2Url(segment.url)})`;
      if (segment.style === 'plain') return escapeMarkdownV2(segment.text);
      const mark = markdownMarks[segment.style];
      const inner =
        segment.style === 'code' ? escapeMarkdownV2Code(segment.text) : escapeMarkdownV2(segment.text);
      return `${mark}${inner}${mark}`;
    })
    .join('');
}

/** Renders segments as plain text (no `parse_mode`): links become `text: url`. */
export function renderPlain(segments: readonly Segment[]): string {
  return segments
    .map((segment) => (segment.kind === 'link' ? `${segment.text}: ${segment.url}` : segment.text))
    .join('');
}
