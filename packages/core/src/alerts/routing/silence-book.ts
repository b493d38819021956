import type { LabelMatcherV1 } from '../../spec/alerts/v1/label-matcher-v1.js';
import type { SilenceV1 } from '../../spec/alerts/v1/silence-v1.js';
import { type CompiledMatcher, compileMatchers, matchesAll } from './label-matchers.js';

/** A silence as stored (status is computed when listed). */
export type StoredSilence = Omit<SilenceV1, 'status'>;

/** The silences of one engine: add, expire, list, match, purge. */
export class SilenceBook {
  private readonly silences = new Map<
    string,
    { silence: StoredSilence; matchers: readonly CompiledMatcher[] }
  >();

  /** Adds (or, on restore, re-adds) a silence. @throws SyntaxError on a bad regular expression. */
  put(silence: StoredSilence): void {
    this.silences.set(silence.id, { silence, matchers: compileMatchers(silence.matchers) });
  }

  /** Ends a silence now; false when unknown or already expired. */
  expire(id: string, now: number): boolean {
    const entry = this.silences.get(id);
    if (entry === undefined || entry.silence.endsAt <= now) return false;
    this.put({ ...entry.silence, endsAt: now, startsAt: Math.min(entry.silence.startsAt, now) });
    return true;
  }

  /** Every silence with its status, newest first. */
  list(now: number): SilenceV1[] {
    return [...this.silences.values()]
      .map(({ silence }) => ({ ...silence, status: statusOf(silence, now) }))
      .sort((a, b) => b.startsAt - a.startsAt);
  }

  /** Ids of the active silences matching `labels`. */
  mutedBy(labels: Readonly<Record<string, string>>, now: number): string[] {
    const ids: string[] = [];
    for (const { silence, matchers } of this.silences.values()) {
      if (statusOf(silence, now) === 'active' && matchesAll(matchers, labels)) ids.push(silence.id);
    }
    return ids;
  }

  /** Drops silences expired more than `retentionMs` ago; returns how many. */
  purge(now: number, retentionMs: number): number {
    let dropped = 0;
    for (const [id, { silence }] of this.silences) {
      if (silence.endsAt < now - retentionMs) {
        this.silences.delete(id);
        dropped += 1;
      }
    }
    return dropped;
  }

  /** Plain data for persistence. */
  toJSON(): StoredSilence[] {
    return [...this.silences.values()].map(({ silence }) => silence);
  }
}

function statusOf(silence: StoredSilence, now: number): SilenceV1['status'] {
  if (now >= silence.endsAt) return 'expired';
  return now < silence.startsAt ? 'pending' : 'active';
}

/** Checks matchers of a new silence; a silence with no matcher would mute everything. */
export function silenceMatchersProblem(matchers: readonly LabelMatcherV1[]): string | undefined {
  if (matchers.length === 0) return 'a silence needs at least one matcher';
  if (matchers.every((matcher) => compileMatchers([matcher])[0]!.test(''))) {
    return 'a silence whose every matcher matches an empty label would mute every alert; narrow it';
  }
  return undefined;
}
