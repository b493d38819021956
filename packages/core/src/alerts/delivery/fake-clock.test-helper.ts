import { setImmediate as nextTurn } from 'node:timers/promises';
import type { DeliveryClock } from './delivery-options.js';

interface FakeTimer {
  readonly at: number;
  readonly order: number;
  readonly callback: () => void;
}

/** Lets promise chains (fetch bodies, notifier awaits, pipeline bookkeeping) run to completion. */
export async function settle(): Promise<void> {
  for (let turn = 0; turn < 8; turn += 1) await nextTurn();
}

/** A `DeliveryClock` that moves only when told to, firing its timers in time order. */
export class FakeClock implements DeliveryClock {
  #now: number;
  #order = 0;
  readonly #timers = new Map<number, FakeTimer>();

  constructor(start = Date.UTC(2026, 0, 15, 9, 30, 0)) {
    this.#now = start;
  }

  now(): number {
    return this.#now;
  }

  setTimeout(callback: () => void, ms: number): unknown {
    const id = ++this.#order;
    this.#timers.set(id, { at: this.#now + Math.max(0, ms), order: id, callback });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.#timers.delete(handle as number);
  }

  /** Timers not yet fired. */
  get pendingTimers(): number {
    return this.#timers.size;
  }

  /** Moves time forward by `ms`, firing every timer due on the way and settling promises after each. */
  async advance(ms: number): Promise<void> {
    const target = this.#now + ms;
    await settle();
    for (;;) {
      const next = this.#earliest();
      if (next === undefined || next[1].at > target) break;
      this.#timers.delete(next[0]);
      this.#now = next[1].at;
      next[1].callback();
      await settle();
    }
    this.#now = target;
    await settle();
  }

  /** Advances in `stepMs` steps until `promise` settles (at most `limitMs`); returns its value. */
  async run<T>(promise: Promise<T>, limitMs = 10 * 60_000, stepMs = 100): Promise<T> {
    let done = false;
    void promise.then(
      () => {
        done = true;
      },
      () => {
        done = true;
      },
    );
    await settle();
    for (let elapsed = 0; !done && elapsed < limitMs; elapsed += stepMs) await this.advance(stepMs);
    if (!done) throw new Error(`FakeClock.run: still pending after ${limitMs} ms of fake time`);
    return promise;
  }

  #earliest(): [number, FakeTimer] | undefined {
    let earliest: [number, FakeTimer] | undefined;
    for (const entry of this.#timers) {
      const [, timer] = entry;
      if (
        earliest === undefined ||
        timer.at < earliest[1].at ||
        (timer.at === earliest[1].at && timer.order < earliest[1].order)
      ) {
        earliest = entry;
      }
    }
    return earliest;
  }
}
