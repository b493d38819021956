import type { DurationV1 } from '../../spec/alerts/v1/duration-v1.js';

const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
const DURATION = /^(\d+)(ms|s|m|h|d)$/;

/** Milliseconds of `'30s'`, `'5m'`, `'1h'`, ...; undefined when the text is not a duration. Pure. */
export function tryParseDuration(text: string): number | undefined {
  const match = DURATION.exec(text);
  if (match === null) return undefined;
  return Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS];
}

/** Milliseconds of a duration. @throws RangeError when it is not one (rules are validated before, so this is a programmer error). */
export function parseDuration(duration: DurationV1 | string): number {
  const ms = tryParseDuration(duration);
  if (ms === undefined) {
    throw new RangeError(
      `[@mcp-o11y/core] ${JSON.stringify(duration)} is not a duration; write a whole number and one unit: 500ms, 30s, 5m, 1h, 30d.`,
    );
  }
  return ms;
}

/** The shortest duration text for `ms` (`300000` → `'5m'`), for messages and templates. */
export function formatDuration(ms: number): string {
  for (const unit of ['d', 'h', 'm', 's'] as const) {
    if (ms >= UNIT_MS[unit] && ms % UNIT_MS[unit] === 0) return `${ms / UNIT_MS[unit]}${unit}`;
  }
  return `${ms}ms`;
}
