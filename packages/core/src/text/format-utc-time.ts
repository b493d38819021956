/** `2026-01-15 09:30:00 UTC` for a time in ms since the epoch: unambiguous for readers in every time zone. */
export function formatUtcTime(epochMs: number): string {
  return `${new Date(epochMs).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}
