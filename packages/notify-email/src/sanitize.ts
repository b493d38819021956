/**
 * Makes a value safe for one header line. Alert labels and annotations come from users and from the
 * instrumented server, so a `tool` label of `"x\r\nBcc: victim@example.com"` must not start a new header
 * (header injection, RFC 5322 §2.2). CR, LF, every other C0/C1 control, and the Unicode line and
 * paragraph separators become one space; runs of whitespace collapse; the result is trimmed and capped.
 */
export function sanitizeHeaderValue(value: string, maxLength = 900): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point.
  const flat = value.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').replace(/\s{2,}/g, ' ');
  return truncate(flat.trim(), maxLength);
}

/** Escapes text for HTML element content and double- or single-quoted attribute values. */
export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/**
 * Returns the URL when it is an absolute http(s) URL, else undefined: a runbook link of
 * `javascript:alert(1)` must never become a clickable `href`.
 */
export function safeHttpUrl(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** Cuts `value` to at most `maxLength` UTF-16 units, ending in `…`, without splitting a surrogate pair. */
export function truncate(value: string, maxLength: number): string {
  if (value.length <= maxLength) return value;
  let end = maxLength - 1;
  const code = value.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  return `${value.slice(0, end)}…`;
}
