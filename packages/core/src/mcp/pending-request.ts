import type { Span } from '@opentelemetry/api';
import type { InFlightCount } from './in-flight-gauge.js';
import type { OperationEntry } from './operation-cache.js';
import type { UsageEntry } from './usage-telemetry.js';

/** One request in flight: received and not yet answered (server side) or sent and not yet answered (client side). */
export class PendingRequest {
  readonly span: Span;
  /** `performance.now()` at receipt or send. */
  readonly startMs: number;
  readonly operation: OperationEntry;
  /** The in-flight count incremented at the start, so the decrement matches it. */
  readonly inFlight: InFlightCount;
  readonly method: string;
  readonly params: unknown;
  /** Where the request counts as usage (principal and client), for requests received with usage on. */
  readonly usage: UsageEntry | undefined;

  constructor(
    span: Span,
    startMs: number,
    operation: OperationEntry,
    method: string,
    params: unknown,
    usage: UsageEntry | undefined,
  ) {
    this.span = span;
    this.startMs = startMs;
    this.operation = operation;
    this.inFlight = operation.metrics.inFlight;
    this.method = method;
    this.params = params;
    this.usage = usage;
  }
}

/**
 * Requests in flight on one transport, keyed by JSON-RPC id (ids are unique per direction and
 * connection). Insertion order is start order, which the orphan sweep relies on.
 */
export class PendingRequests {
  // Usually one request is pending at a time (a client awaits each call): it lives in these two fields,
  // not the Map, whose insert and delete of a sole entry reallocate its table on every request (V8 shrinks
  // an emptied hash table). The Map holds requests only while more than one is pending; the single entry is
  // always older than the Map's, so the order (oldest first) is kept.
  #soleId: string | number | undefined;
  #sole: PendingRequest | undefined;
  readonly #byId = new Map<string | number, PendingRequest>();
  readonly #max: number;

  constructor(max: number) {
    this.#max = max;
  }

  get size(): number {
    return this.#byId.size + (this.#sole === undefined ? 0 : 1);
  }

  /** Adds `request`; returns the oldest request evicted to respect the cap, if any. */
  add(id: string | number, request: PendingRequest): PendingRequest | undefined {
    if (this.#sole === undefined) {
      if (this.#byId.size === 0) {
        this.#soleId = id;
        this.#sole = request;
        return undefined;
      }
    } else if (this.#soleId === id) {
      // The same id again replaces the request, as `Map.set` does.
      this.#sole = request;
      return undefined;
    } else {
      this.#byId.set(this.#soleId as string | number, this.#sole);
      this.#clearSole();
    }
    let evicted: PendingRequest | undefined;
    if (this.#byId.size >= this.#max) {
      const oldest = this.#byId.entries().next().value;
      if (oldest !== undefined) {
        this.#byId.delete(oldest[0]);
        evicted = oldest[1];
      }
    }
    this.#byId.set(id, request);
    return evicted;
  }

  /** Removes and returns the request with `id`. */
  take(id: unknown): PendingRequest | undefined {
    const sole = this.#sole;
    if (sole !== undefined && this.#soleId === id) {
      this.#clearSole();
      return sole;
    }
    if (typeof id !== 'string' && typeof id !== 'number') return undefined;
    const request = this.#byId.get(id);
    if (request !== undefined) this.#byId.delete(id);
    return request;
  }

  /** The request with `id`, left in place. */
  peek(id: unknown): PendingRequest | undefined {
    if (this.#sole !== undefined && this.#soleId === id) return this.#sole;
    return typeof id === 'string' || typeof id === 'number' ? this.#byId.get(id) : undefined;
  }

  /** Removes and returns every request started before `cutoffMs`. */
  takeOlderThan(cutoffMs: number): PendingRequest[] {
    const sole = this.#sole;
    if (sole !== undefined) {
      if (sole.startMs >= cutoffMs) return [];
      this.#clearSole();
      return [sole];
    }
    const expired: PendingRequest[] = [];
    for (const [id, request] of this.#byId) {
      if (request.startMs >= cutoffMs) break;
      this.#byId.delete(id);
      expired.push(request);
    }
    return expired;
  }

  /** Removes and returns everything. */
  takeAll(): PendingRequest[] {
    const all = this.#sole === undefined ? [] : [this.#sole];
    this.#clearSole();
    for (const request of this.#byId.values()) all.push(request);
    this.#byId.clear();
    return all;
  }

  #clearSole(): void {
    this.#soleId = undefined;
    this.#sole = undefined;
  }
}
