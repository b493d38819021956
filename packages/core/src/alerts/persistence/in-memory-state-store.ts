import type { StateStoreV1 } from '../../spec/alerts/v1/state-store-v1.js';
import { assertStateKey, toStateJson } from './state-key.js';

/**
 * A `StateStoreV1` in memory, for tests and for processes that must not touch the disk. Values are kept
 * as JSON text, so they round-trip exactly as through the file store (a `Date` comes back as a string)
 * and a caller mutating a loaded value never changes the stored one.
 */
export class InMemoryStateStore implements StateStoreV1 {
  readonly specificationVersion = 'v1' as const;
  readonly #values = new Map<string, string>();
  #closed = false;

  async load(key: string): Promise<unknown | undefined> {
    this.#assertOpen();
    assertStateKey(key);
    const json = this.#values.get(key);
    return json === undefined ? undefined : JSON.parse(json);
  }

  async save(key: string, value: unknown): Promise<void> {
    this.#assertOpen();
    assertStateKey(key);
    this.#values.set(key, toStateJson(key, value));
  }

  /** The keys saved so far, sorted; for tests. */
  keys(): string[] {
    return [...this.#values.keys()].sort();
  }

  async close(): Promise<void> {
    this.#closed = true;
  }

  #assertOpen(): void {
    if (this.#closed) throw new Error('[@mcp-o11y/core] InMemoryStateStore is closed; create a new one.');
  }
}
