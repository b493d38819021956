const graphemes = new Intl.Segmenter('und', { granularity: 'grapheme' });

/**
 * Shortens `text` to at most `maxLength` UTF-16 code units, ending with `…` (which counts). Cuts between
 * grapheme clusters, so a surrogate pair or an emoji ZWJ sequence is never split; trailing whitespace
 * before the `…` is dropped. Returns `text` itself when it fits, `''` when `maxLength` ≤ 0.
 */
export function clipText(text: string, maxLength: number): string {
  if (text.length <= maxLength) return text;
  if (maxLength <= 0) return '';
  let clipped = '';
  for (const { segment } of graphemes.segment(text)) {
    if (clipped.length + segment.length > maxLength - 1) break;
    clipped += segment;
  }
  return `${clipped.trimEnd()}…`;
}
