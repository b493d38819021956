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
  readonly #byId = new Map<string | number, PendingRequest>();
  readonly #max: number;

  constructor(max: number) {
    this.#max = max;
  }

  get size(): number {
    return this.#byId.size;
  }

  /** Adds `request`; returns the oldest request evicted to respect the cap, if any. */
  add(id: string | number, request: PendingRequest): PendingRequest | undefined {
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
    if (typeof id !== 'string' && typeof id !== 'number') return undefined;
    const request = this.#byId.get(id);
    if (request !== undefined) this.#byId.delete(id);
    return request;
  }

  /** The request with `id`, left in place. */
  peek(id: unknown): PendingRequest | undefined {
    return typeof id === 'string' || typeof id === 'number' ? this.#byId.get(id) : undefined;
  }

  /** Removes and returns every request started before `cutoffMs`. */
  takeOlderThan(cutoffMs: number): PendingRequest[] {
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
    const all = [...this.#byId.values()];
    this.#byId.clear();
    return all;
  }
}
