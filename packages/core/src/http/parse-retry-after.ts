/**
 * Parses an HTTP `Retry-After` value — delay-seconds (`"3"`) or an HTTP-date — into milliseconds from
 * `now` (ms since the epoch, default `Date.now()`). Fractional seconds round up, so a retry never comes
 * earlier than the server asked; a date in the past gives 0. Returns undefined when the value is absent
 * or unreadable. Never throws.
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
