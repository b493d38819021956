/**
 * A fixed-capacity FIFO that overwrites its oldest item when full and counts every overwrite.
 *
 * The backing array is allocated once, so `push` never allocates: it sits on the telemetry hot path.
 */
export class RingBuffer<T> {
  /** Most items kept. */
  readonly capacity: number;
  private readonly items: (T | undefined)[];
  /** Index the next `push` writes to. */
  private next = 0;
  private length = 0;
  private evictions = 0;

  /** @throws RangeError when `capacity` is not a positive integer. */
  constructor(capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new RangeError(
        `[@mcp-o11y/core] ring buffer capacity must be a positive integer, got ${capacity}; fix the max* option.`,
      );
    }
    this.capacity = capacity;
    this.items = new Array<T | undefined>(capacity).fill(undefined);
  }

  /** Items currently held, at most `capacity`. */
  get size(): number {
    return this.length;
  }

  /** Items overwritten because the buffer was full, since creation. */
  get evicted(): number {
    return this.evictions;
  }

  /** Appends `item`, overwriting the oldest one when full. Returns whether an item was evicted. */
  push(item: T): boolean {
    const isFull = this.length === this.capacity;
    this.items[this.next] = item;
    this.next = (this.next + 1) % this.capacity;
    if (isFull) {
      this.evictions += 1;
    } else {
      this.length += 1;
    }
    return isFull;
  }

  /**
   * The newest `limit` items (all when omitted), newest first, as a new array.
   * @param limit - Most items returned; negative or NaN counts as 0.
   */
  newestFirst(limit: number = this.length): T[] {
    const count = Math.max(0, Math.min(Math.floor(limit) || 0, this.length));
    const result: T[] = new Array<T>(count);
    for (let offset = 0; offset < count; offset += 1) {
      const index = (this.next - 1 - offset + this.capacity) % this.capacity;
      result[offset] = this.items[index] as T;
    }
    return result;
  }
}
