/**
 * Where the alert engine keeps what must survive a restart: alert states, silences, acknowledgements,
 * incidents and the notification log. A small key–value contract so other stores (Redis, a database)
 * can be added as adapters; core ships `FileStateStore` (the embedded default) and `InMemoryStateStore`.
 *
 * Keys are 1–128 characters of ASCII letters, digits, `.`, `_` and `-`, not starting with `.`
 * (e.g. `alerts`, `silences`, `notification-log`); a store rejects any other key with an error, so a key
 * can never name a path outside the store. Values are JSON: what `load` returns equals
 * `JSON.parse(JSON.stringify(value))` of what `save` was given (a `Date` comes back as its ISO string,
 * `undefined` members are dropped).
 */
export interface StateStoreV1 {
  /** The interface version this store implements. */
  readonly specificationVersion: 'v1';
  /**
   * The value last saved under `key`, or `undefined` when nothing was saved. Never a partly written value:
   * a store either returns a complete earlier save or nothing.
   *
   * Rejects when `key` is not a valid key, or when the store cannot be read (permissions, I/O); each store
   * documents what it does with unreadable contents.
   */
  load(key: string): Promise<unknown | undefined>;
  /**
   * Replaces the value under `key`, atomically: a crash at any moment leaves either the previous value
   * or the new one. Saves to one key from one store instance are applied in call order.
   *
   * Rejects when `key` is not a valid key, when `value` is not JSON-serialisable (a `bigint`, a cycle),
   * or when the write fails (disk full, permissions); the previous value is then kept.
   */
  save(key: string, value: unknown): Promise<void>;
  /** Waits for saves in flight and releases resources. Idempotent; `load` and `save` reject after it. */
  close?(): Promise<void>;
}
