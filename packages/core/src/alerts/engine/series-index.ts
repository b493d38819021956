import type { WindowSeries, WindowStats } from '../../store/window-series.js';
import { type CompiledMatcher, matchesAll } from '../routing/label-matchers.js';

const NO_IDS = new Int32Array(0);

/**
 * The engine's numbering of the store's series, kept across ticks and rebuilt only when the series set
 * changes: each series gets an id (its position in the list), each rule's selection is computed once per
 * series set, and window reads are cached per tick in arrays indexed by id. A tick therefore costs one
 * pass comparing the series list plus the store reads, with no per-(rule, series) map lookup or
 * allocation.
 */
export class SeriesIndex {
  private series: readonly WindowSeries[] = [];
  private byName = new Map<string, Int32Array>();
  private byLabel = new Map<string, Map<string, Int32Array>>();
  private selections = new WeakMap<readonly CompiledMatcher[], Map<string, Int32Array>>();
  private readers = new Map<number, WindowReader>();
  private tick = 0;

  /**
   * Starts a tick over `series` (the store's current list): renumbers when the list changed, else reads
   * ahead what the rules read at the previous tick (see {@link WindowReader.readAhead}).
   */
  refresh(series: readonly WindowSeries[]): void {
    this.tick += 1;
    if (!sameList(this.series, series)) {
      this.renumber(series);
      return;
    }
    const readers = [...this.readers.values()];
    for (const reader of readers) reader.tick = this.tick;
    // Series by series, so one series' buckets are read for all its windows while they are in cache.
    for (let id = 0; id < this.series.length; id += 1) {
      for (const reader of readers) reader.readAhead(id);
    }
  }

  /** The series with this id. */
  at(id: number): WindowSeries {
    return this.series[id]!;
  }

  /**
   * Ids of the series named `name` whose labels match every matcher, in list order; computed once per
   * series set for each compiled matcher list (rules compile theirs once, so the identity is stable).
   */
  select(name: string, matchers: readonly CompiledMatcher[]): Int32Array {
    let byName = this.selections.get(matchers);
    if (byName === undefined) {
      byName = new Map();
      this.selections.set(matchers, byName);
    }
    let ids = byName.get(name);
    if (ids === undefined) {
      const equality = matchers.find((matcher) => matcher.equals !== undefined && matcher.equals !== '');
      const candidates =
        equality === undefined
          ? (this.byName.get(name) ?? NO_IDS)
          : (this.labelled(name, equality.name).get(equality.equals!) ?? NO_IDS);
      ids =
        matchers.length === 0 || (matchers.length === 1 && equality !== undefined)
          ? candidates
          : candidates.filter((id) => matchesAll(matchers, this.series[id]!.labels));
      byName.set(name, ids);
    }
    return ids;
  }

  /** This tick's reads of the trailing `seconds` window, shared by every rule asking for it. */
  window(seconds: number): WindowReader {
    let reader = this.readers.get(seconds);
    if (reader === undefined) {
      reader = new WindowReader(this.series, seconds);
      this.readers.set(seconds, reader);
    }
    reader.tick = this.tick;
    return reader;
  }

  private renumber(series: readonly WindowSeries[]): void {
    this.series = [...series];
    this.byName = groupIds(this.series, (each) => each.name);
    this.byLabel = new Map();
    this.selections = new WeakMap();
    this.readers = new Map();
  }

  private labelled(name: string, label: string): Map<string, Int32Array> {
    const key = `${name}\u0000${label}`;
    let index = this.byLabel.get(key);
    if (index === undefined) {
      const ids = this.byName.get(name) ?? NO_IDS;
      index = groupIds(
        Array.from(ids, (id) => this.series[id]!),
        (each) => each.labels[label],
        ids,
      );
      this.byLabel.set(key, index);
    }
    return index;
  }
}

/**
 * Window statistics of every series for one window length, read from the store at most once per tick:
 * counts in typed arrays (no result object kept), full statistics only for series a quantile rule asks
 * about. What each series was asked for is remembered, so the next tick can read it ahead.
 */
export class WindowReader {
  /** @internal The tick the cached entries must carry to be current; set by {@link SeriesIndex}. */
  tick = 0;
  private readonly countsAt: Int32Array;
  private readonly counts: Float64Array;
  private readonly errors: Float64Array;
  private readonly statsAt: Int32Array;
  private readonly stats: (WindowStats | undefined)[];
  /** Tick at which a rule last asked for the series' counts, and at which a rule last used its stats. */
  private readonly askedAt: Int32Array;
  private readonly statsUsedAt: Int32Array;

  constructor(
    private readonly series: readonly WindowSeries[],
    /** The window length, seconds. */
    readonly seconds: number,
  ) {
    const length = series.length;
    this.countsAt = new Int32Array(length);
    this.counts = new Float64Array(length);
    this.errors = new Float64Array(length);
    this.statsAt = new Int32Array(length);
    this.stats = new Array<WindowStats | undefined>(length).fill(undefined);
    this.askedAt = new Int32Array(length);
    this.statsUsedAt = new Int32Array(length);
  }

  /** Observations of series `id` in the window (a series never observed reads 0 without a store call). */
  count(id: number): number {
    this.askedAt[id] = this.tick;
    if (this.countsAt[id] !== this.tick) this.loadCounts(id);
    return this.counts[id]!;
  }

  /** Errors of series `id` in the window; call {@link WindowReader.count} first this tick. */
  errorCount(id: number): number {
    return this.errors[id]!;
  }

  /** Full statistics of series `id` when it has at least `minCount` observations in the window, else undefined. */
  statsIfAtLeast(id: number, minCount: number): WindowStats | undefined {
    const count = this.count(id);
    if (count < minCount || count === 0) return undefined;
    this.statsUsedAt[id] = this.tick;
    if (this.statsAt[id] !== this.tick) this.loadStats(id);
    return this.stats[id];
  }

  /**
   * Reads what the rules asked of series `id` at the previous tick: full statistics when a rule used them
   * (they include the counts, over the same buckets), else counts. Values are those a read later in the
   * tick would give; a series no rule asks for any more costs one read, for one tick.
   */
  readAhead(id: number): void {
    const previous = this.tick - 1;
    if (this.statsUsedAt[id] === previous) this.loadStats(id);
    else if (this.askedAt[id] === previous) this.loadCounts(id);
  }

  private loadCounts(id: number): void {
    const series = this.series[id]!;
    if (series.lastObservedMs === undefined) {
      this.counts[id] = 0;
      this.errors[id] = 0;
    } else {
      const counts = series.counts(this.seconds);
      this.counts[id] = counts.count;
      this.errors[id] = counts.errors;
    }
    this.countsAt[id] = this.tick;
  }

  private loadStats(id: number): void {
    const stats = this.series[id]!.window(this.seconds);
    this.stats[id] = stats;
    this.statsAt[id] = this.tick;
    this.counts[id] = stats.count;
    this.errors[id] = stats.errors;
    this.countsAt[id] = this.tick;
  }
}

function groupIds<T>(
  items: readonly T[],
  keyOf: (item: T) => string | undefined,
  ids?: Int32Array,
): Map<string, Int32Array> {
  const groups = new Map<string, number[]>();
  items.forEach((item, at) => {
    const key = keyOf(item);
    if (key === undefined) return;
    const id = ids === undefined ? at : ids[at]!;
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [id]);
    else group.push(id);
  });
  return new Map([...groups].map(([key, group]) => [key, Int32Array.from(group)]));
}

function sameList(known: readonly WindowSeries[], current: readonly WindowSeries[]): boolean {
  if (known.length !== current.length) return false;
  for (let index = 0; index < known.length; index += 1) if (known[index] !== current[index]) return false;
  return true;
}
