import { assertSlidingWindowOptions, type SlidingWindowOptions } from './sliding-window.js';
import { WindowSeries } from './window-series.js';

/** Label value of every label in an overflow series. */
export const OVERFLOW_LABEL_VALUE = '_OTHER';

/** Counters of a {@link WindowSeriesRegistry}. */
export interface WindowSeriesRegistryStats {
  /** Distinct regular series held; never above `max`. */
  readonly count: number;
  /** The `maxSeries` cap. */
  readonly max: number;
  /** Overflow (`_OTHER`) series held; they do not count against `max`. */
  readonly overflowSeries: number;
  /** Observations recorded into overflow series, i.e. observations the cap folded away. */
  readonly overflowObservations: number;
}

/**
 * Hands out one {@link WindowSeries} per (name, label set), up to `maxSeries` regular series in total.
 *
 * Past the cap, a new label set gets its name's overflow series: the same label keys, every value
 * `_OTHER`. There is one overflow series per (name, label keys), itself capped at `maxSeries`; past that
 * second cap everything lands in a single series named `_OTHER` with no labels. Memory is therefore
 * bounded by `2 × maxSeries + 1` series whatever the label cardinality.
 */
export class WindowSeriesRegistry {
  /** The cap on regular series. */
  readonly maxSeries: number;
  private readonly window: SlidingWindowOptions;
  private readonly clock: () => number;
  private readonly regular = new Map<string, WindowSeries>();
  private readonly overflow = new Map<string, WindowSeries>();
  private catchAll: WindowSeries | undefined = undefined;

  /** @throws RangeError when `maxSeries` is not a positive integer or the window geometry is invalid. */
  constructor(maxSeries: number, window: SlidingWindowOptions, clock: () => number) {
    if (!Number.isInteger(maxSeries) || maxSeries < 1) {
      throw new RangeError(`[@mcp-o11y/core] maxSeries must be a positive integer, got ${maxSeries}.`);
    }
    assertSlidingWindowOptions(window);
    this.maxSeries = maxSeries;
    this.window = window;
    this.clock = clock;
  }

  /** The series for `name` and `labels`, created on first use; the overflow series once the cap is hit. */
  get(name: string, labels: Readonly<Record<string, string>>): WindowSeries {
    const keys = Object.keys(labels).sort();
    const key = JSON.stringify([name, ...keys.flatMap((labelKey) => [labelKey, String(labels[labelKey])])]);
    const existing = this.regular.get(key);
    if (existing !== undefined) return existing;
    if (this.regular.size < this.maxSeries) {
      const created = new WindowSeries(name, copyLabels(keys, labels), this.window, this.clock);
      this.regular.set(key, created);
      return created;
    }
    return this.overflowFor(name, keys);
  }

  /** Every series, regular first then overflow, optionally only those named `name`. */
  list(name?: string): WindowSeries[] {
    const all = [...this.regular.values(), ...this.overflow.values()];
    if (this.catchAll !== undefined) all.push(this.catchAll);
    return name === undefined ? all : all.filter((series) => series.name === name);
  }

  /** Current counters. */
  stats(): WindowSeriesRegistryStats {
    let overflowObservations = this.catchAll?.observationCount ?? 0;
    for (const series of this.overflow.values()) overflowObservations += series.observationCount;
    return {
      count: this.regular.size,
      max: this.maxSeries,
      overflowSeries: this.overflow.size + (this.catchAll === undefined ? 0 : 1),
      overflowObservations,
    };
  }

  private overflowFor(name: string, sortedKeys: readonly string[]): WindowSeries {
    const key = JSON.stringify([name, ...sortedKeys]);
    const existing = this.overflow.get(key);
    if (existing !== undefined) return existing;
    if (this.overflow.size < this.maxSeries) {
      const labels = Object.freeze(
        Object.fromEntries(sortedKeys.map((labelKey) => [labelKey, OVERFLOW_LABEL_VALUE])),
      );
      const created = new WindowSeries(name, labels, this.window, this.clock, true);
      this.overflow.set(key, created);
      return created;
    }
    // Only reachable when names or label keys are themselves unbounded, which is a caller bug.
    this.catchAll ??= new WindowSeries(
      OVERFLOW_LABEL_VALUE,
      Object.freeze({}),
      this.window,
      this.clock,
      true,
    );
    return this.catchAll;
  }
}

function copyLabels(
  sortedKeys: readonly string[],
  labels: Readonly<Record<string, string>>,
): Readonly<Record<string, string>> {
  const copy: Record<string, string> = {};
  for (const key of sortedKeys) copy[key] = String(labels[key]);
  return Object.freeze(copy);
}
