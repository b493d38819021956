import type { FaultMode } from '../faults/fault-mode.js';

const MINUTE = 60_000;

/** A window of simulated minutes, start included, end excluded. */
export interface Window {
  readonly from: number;
  readonly to: number;
}

/**
 * One simulated hour of the soak, repeated `hours` times: when each tool fails, and when the notifier's
 * receiver is down and how. Outages overlap failure episodes on purpose (a firing or a resolve meets them)
 * but end before the episode does, so every firing can get through before its resolve. `search` fails
 * once for 16 minutes: longer than the repeat interval, so it is re-sent while firing.
 */
export const HOURLY = {
  failures: {
    search: [
      { from: 3, to: 8 },
      { from: 20, to: 36 },
      { from: 48, to: 52 },
    ],
    fetch: [
      { from: 12, to: 17 },
      { from: 30, to: 34 },
      { from: 50, to: 56 },
    ],
    write: [] as Window[],
  },
  outages: [
    { from: 4, to: 6, mode: '500' },
    { from: 14, to: 16, mode: 'refuse' },
    { from: 21, to: 23, mode: '429' },
    { from: 31, to: 33, mode: 'garbage' },
    { from: 49, to: 51, mode: '500' },
  ] as readonly (Window & { readonly mode: Exclude<FaultMode, 'ok'> })[],
} as const;

export type SoakTool = keyof typeof HOURLY.failures;
export const SOAK_TOOLS = Object.keys(HOURLY.failures) as SoakTool[];

function minuteOfHour(elapsedMs: number): number {
  return (elapsedMs / MINUTE) % 60;
}

function inside(windows: readonly Window[], minute: number): boolean {
  return windows.some((window) => minute >= window.from && minute < window.to);
}

/** Whether `tool` fails `elapsedMs` after the soak's start. Pure. */
export function failsAt(tool: SoakTool, elapsedMs: number): boolean {
  return inside(HOURLY.failures[tool], minuteOfHour(elapsedMs));
}

/** How the notifier's receiver answers `elapsedMs` after the start. Pure. */
export function receiverModeAt(elapsedMs: number): FaultMode {
  const minute = minuteOfHour(elapsedMs);
  return HOURLY.outages.find((outage) => minute >= outage.from && minute < outage.to)?.mode ?? 'ok';
}
