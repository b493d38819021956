/**
 * Escapes the three characters Slack treats as control characters in mrkdwn (`&`, `<`, `>`), so a label
 * value cannot become `<!channel>`, `<@U123>` or a `<http://x|y>` link. Nothing else is entity-encoded:
 * Slack decodes only these three.
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const ellipsis = '…';
const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });

/**
 * Cuts `raw` so that its rendering (escaped when `escaped` is set) fits `max` UTF-16 code units, ending
 * with `…` when something was cut. Cuts between grapheme clusters of the raw text, so neither an entity
 * (`&amp;`) nor a surrogate pair or emoji sequence is ever split.
 */
export function truncateText(raw: string, max: number, escaped: boolean): string {
  const render = escaped ? escapeMrkdwn : (text: string) => text;
  const whole = render(raw);
  if (whole.length <= max) return whole;
  const budget = max - ellipsis.length;
  let out = '';
  for (const { segment } of segmenter.segment(raw)) {
    const piece = render(segment);
    if (out.length + piece.length > budget) break;
    out += piece;
  }
  return `${out.trimEnd()}${ellipsis}`;
}

/** {@link truncateText} for mrkdwn: escaped, then cut. */
export function mrkdwn(raw: string, max: number): string {
  return truncateText(raw, max, true);
}

/** {@link truncateText} for plain_text: Slack does not parse it, so nothing is escaped. */
export function plain(raw: string, max: number): string {
  return truncateText(raw, max, false);
}

/**
 * A mrkdwn link `<url|label>` for http(s) URLs that need no escaping inside the link syntax, or
 * undefined (the caller leaves the link out rather than emit a broken or injected one).
 */
export function mrkdwnLink(url: string | undefined, label: string, maxUrlLength = 900): string | undefined {
  if (url === undefined) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return undefined;
  // `|` ends the URL part and `<>&` are control characters: escape them the way Slack expects.
  const target = escapeMrkdwn(parsed.href).replace(/\|/g, '%7C');
  if (target.length > maxUrlLength) return undefined;
  return `<${target}|${escapeMrkdwn(label)}>`;
}
