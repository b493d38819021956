import { setImmediate as nextTurn } from 'node:timers/promises';
import type { AlertScheduler, DeliveryClock } from '@mcp-o11y/core';

interface Timer {
  readonly at: number;
  readonly callback: () => void;
}

/**
 * Simulated time for the alert engine (`clock` + `scheduler`), the delivery pipeline (`DeliveryClock`)
 * and the in-memory windows: an hour passes in seconds. Unlike core's FakeClock test helper, which only
 * lets promise chains run, each fired timer here waits for `quiet()`: the real network requests it
 * started (notifications to a local receiver) must finish before time moves on, as they would in an hour
 * of real time.
 */
export class SimulatedClock implements DeliveryClock, AlertScheduler {
  #now: number;
  #next = 0;
  readonly #timers = new Map<number, Timer>();
  readonly #quiet: () => Promise<void>;

  constructor(start: number, quiet: () => Promise<void>) {
    this.#now = start;
    this.#quiet = quiet;
  }

  readonly now = (): number => this.#now;

  setTimeout(callback: () => void, ms: number): unknown {
    const id = ++this.#next;
    this.#timers.set(id, { at: this.#now + Math.max(0, ms), callback });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.#timers.delete(handle as number);
  }

  /** Timers not yet fired. */
  get pending(): number {
    return this.#timers.size;
  }

  /** Moves time forward by `ms`, firing the timers due on the way in time order, each followed by quiet. */
  async advance(ms: number): Promise<void> {
    const target = this.#now + ms;
    await this.#settle();
    for (;;) {
      let due: [number, Timer] | undefined;
      for (const entry of this.#timers) {
        if (entry[1].at <= target && (due === undefined || entry[1].at < due[1].at)) due = entry;
      }
      if (due === undefined) break;
      this.#timers.delete(due[0]);
      this.#now = due[1].at;
      due[1].callback();
      await this.#settle();
    }
    this.#now = target;
  }

  async #settle(): Promise<void> {
    for (let turn = 0; turn < 4; turn += 1) await nextTurn();
    await this.#quiet();
    for (let turn = 0; turn < 4; turn += 1) await nextTurn();
  }
}
