/** Where a group's firing message lives, so its resolve can reply in the thread. */
export interface SlackThread {
  readonly channel: string;
  readonly ts: string;
}

/**
 * A bounded map groupKey → firing message. The oldest entry is dropped when full: a resolve for a
 * forgotten group is posted to the channel instead of the thread, which loses nothing but the threading.
 */
export class ThreadRegistry {
  readonly #threads = new Map<string, SlackThread>();

  constructor(readonly capacity: number) {}

  get size(): number {
    return this.#threads.size;
  }

  get(groupKey: string): SlackThread | undefined {
    return this.#threads.get(groupKey);
  }

  /** Remembers the latest firing message of a group (re-inserted, so it is the newest). */
  set(groupKey: string, thread: SlackThread): void {
    this.#threads.delete(groupKey);
    this.#threads.set(groupKey, thread);
    while (this.#threads.size > this.capacity) {
      const oldest = this.#threads.keys().next();
      if (oldest.done) break;
      this.#threads.delete(oldest.value);
    }
  }

  delete(groupKey: string): void {
    this.#threads.delete(groupKey);
  }

  clear(): void {
    this.#threads.clear();
  }
}
