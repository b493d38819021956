/**
 * Parses a `Retry-After` header: delay-seconds (`3`) or an HTTP-date. Returns milliseconds (≥ 0), or
 * undefined when the header is absent or unreadable.
 */
export function parseRetryAfter(
  value: string | null | undefined,
  now: number = Date.now(),
): number | undefined {
  if (value === null || value === undefined) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.ceil(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/** `retry_after` from a JSON body (seconds, as Slack's Web API and some webhook 429s send it). */
export function retryAfterFromBody(body: unknown): number | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const seconds = (body as Record<string, unknown>).retry_after;
  return typeof seconds === 'number' && Number.isFinite(seconds) && seconds >= 0
    ? Math.ceil(seconds * 1000)
    : undefined;
}
