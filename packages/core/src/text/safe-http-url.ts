/**
 * `url` normalised, when it is an absolute http(s) URL; otherwise undefined. For links in rendered
 * messages: chat services reject a whole message or card over a link they cannot parse, and other
 * schemes (`javascript:`, `file:`) have no place in an alert.
 */
export function safeHttpUrl(url: string | undefined): string | undefined {
  if (url === undefined || !URL.canParse(url)) return undefined;
  const parsed = new URL(url);
  return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : undefined;
}
