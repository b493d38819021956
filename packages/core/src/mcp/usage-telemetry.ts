import type { Attributes, Meter } from '@opentelemetry/api';
import type { LoggerV1 } from '../spec/logs/v1/logger-v1.js';
import type { InMemoryBackend } from '../store/in-memory-backend.js';
import type { WindowSeries } from '../store/window-series.js';
import {
  ATTR_MCP_CLIENT_NAME,
  ATTR_MCP_METHOD_NAME,
  ATTR_PRINCIPAL,
  METRIC_USAGE_REQUESTS,
  OTHER_VALUE,
  SERIES_USAGE_CLIENT,
  SERIES_USAGE_PRINCIPAL,
} from './semantic-conventions.js';

/**
 * Cap on counter cells per meter and on (principal, client) pairs per instrumentation: both labels are
 * capped on their own, but their product (and the union over instrumentations made per session) could
 * still be large. Past it everything reads `_OTHER`. The SDK's own cap is 2000.
 */
const MAX_CELLS = 2000;

/** One attribute set of `mcp_o11y.usage.requests`: a number moved on the request path, read at collection. */
export class UsageCount {
  readonly attributes: Attributes;
  value = 0;

  constructor(attributes: Attributes) {
    this.attributes = attributes;
  }
}

/**
 * `mcp_o11y.usage.requests` as an observable counter (cumulative): a synchronous counter would hash the
 * attribute set on every request; this only increments a number, and the values are read when a reader
 * collects. One per meter, whatever the number of instrumentations: equal attribute sets share one cell,
 * so instrumentations made per session add no cells for sets already counted.
 */
class UsageCounter {
  readonly #counts = new Map<string, UsageCount>();
  #overflow: UsageCount | undefined;

  constructor(meter: Meter) {
    const counter = meter.createObservableCounter(METRIC_USAGE_REQUESTS, {
      description: 'MCP requests received, by principal, client name and method.',
      unit: '{request}',
    });
    counter.addCallback((result) => {
      for (const count of this.#counts.values()) result.observe(count.value, count.attributes);
      if (this.#overflow !== undefined) result.observe(this.#overflow.value, this.#overflow.attributes);
    });
  }

  /** The cell of `attributes` (frozen); past {@link MAX_CELLS} sets, the shared all-`_OTHER` one. */
  count(attributes: Attributes): UsageCount {
    const key = JSON.stringify(Object.entries(attributes).sort(([a], [b]) => (a < b ? -1 : 1)));
    let count = this.#counts.get(key);
    if (count !== undefined) return count;
    if (this.#counts.size >= MAX_CELLS) {
      this.#overflow ??= new UsageCount(
        Object.freeze({
          [ATTR_PRINCIPAL]: OTHER_VALUE,
          [ATTR_MCP_CLIENT_NAME]: OTHER_VALUE,
          [ATTR_MCP_METHOD_NAME]: OTHER_VALUE,
        }),
      );
      return this.#overflow;
    }
    count = new UsageCount(attributes);
    this.#counts.set(key, count);
    return count;
  }
}

const counters = new WeakMap<Meter, UsageCounter>();

function usageCounterFor(meter: Meter): UsageCounter {
  let counter = counters.get(meter);
  if (counter === undefined) {
    counter = new UsageCounter(meter);
    counters.set(meter, counter);
  }
  return counter;
}

/** Where a connection keeps the entry of its last request, so a steady peer costs two comparisons. */
export interface UsageSlot {
  usagePrincipal: string | undefined;
  usageClient: unknown;
  usageEntry: UsageEntry | undefined;
}

/** The usage of one (principal label, client label): counter cells by method and the two store series. */
export class UsageEntry {
  /** Requests of the principal (undefined without one, or without a store). */
  readonly principalSeries: WindowSeries | undefined;
  /** Requests of the client name (undefined when unknown, or without a store). */
  readonly clientSeries: WindowSeries | undefined;
  readonly #base: Readonly<Record<string, string>>;
  readonly #counter: UsageCounter;
  readonly #counts = new Map<string, UsageCount>();
  #lastMethod: string | undefined;
  #lastCount: UsageCount | undefined;

  constructor(
    counter: UsageCounter,
    principal: string | undefined,
    client: string | undefined,
    store: InMemoryBackend | undefined,
  ) {
    this.#counter = counter;
    const base: Record<string, string> = {};
    if (principal !== undefined) base[ATTR_PRINCIPAL] = principal;
    if (client !== undefined) base[ATTR_MCP_CLIENT_NAME] = client;
    this.#base = base;
    this.principalSeries =
      principal === undefined
        ? undefined
        : store?.series(SERIES_USAGE_PRINCIPAL, { [ATTR_PRINCIPAL]: principal });
    this.clientSeries =
      client === undefined
        ? undefined
        : store?.series(SERIES_USAGE_CLIENT, { [ATTR_MCP_CLIENT_NAME]: client });
  }

  /**
   * Counts one finished request of `method` (the operation's metric label, a string the caches keep, so the
   * comparison is by reference) and observes its duration and outcome in both series.
   */
  record(method: string, seconds: number, isError: boolean, atMs?: number): void {
    let count = this.#lastCount;
    if (this.#lastMethod !== method || count === undefined) {
      count = this.#counts.get(method) ?? this.#add(method);
      this.#lastMethod = method;
      this.#lastCount = count;
    }
    count.value++;
    this.principalSeries?.observe(seconds, isError, atMs);
    this.clientSeries?.observe(seconds, isError, atMs);
  }

  #add(method: string): UsageCount {
    const count = this.#counter.count(Object.freeze({ ...this.#base, [ATTR_MCP_METHOD_NAME]: method }));
    this.#counts.set(method, count);
    return count;
  }
}

/**
 * Usage by who, for one server-side instrumentation: principals and client names admitted as labels up to
 * `maxPrincipals` each (then `_OTHER`, logged once each), one {@link UsageEntry} per pair of labels.
 */
export class UsageTelemetry {
  readonly #counter: UsageCounter;
  readonly #store: InMemoryBackend | undefined;
  readonly #logger: LoggerV1;
  readonly #max: number;
  readonly #principals = new Set<string>();
  readonly #clients = new Set<string>();
  /** Which caps were hit and logged. */
  readonly #warned = new Set<string>();
  readonly #entries = new Map<string | undefined, Map<string | undefined, UsageEntry>>();
  #entryCount = 0;
  #overflowEntry: UsageEntry | undefined;

  constructor(meter: Meter, store: InMemoryBackend | undefined, logger: LoggerV1, maxPrincipals: number) {
    this.#counter = usageCounterFor(meter);
    this.#store = store;
    this.#logger = logger;
    this.#max = maxPrincipals;
  }

  /** The entry of (principal, client name) for a request on the connection holding `slot`. */
  entryFor(slot: UsageSlot, principal: string | undefined, client: unknown): UsageEntry {
    const last = slot.usageEntry;
    if (last !== undefined && slot.usagePrincipal === principal && slot.usageClient === client) return last;
    const entry = this.#entry(
      principal === undefined ? undefined : this.#label(this.#principals, principal, 'principals'),
      typeof client === 'string' ? this.#label(this.#clients, client, 'client names') : undefined,
    );
    slot.usagePrincipal = principal;
    slot.usageClient = client;
    slot.usageEntry = entry;
    return entry;
  }

  #entry(principal: string | undefined, client: string | undefined): UsageEntry {
    let byClient = this.#entries.get(principal);
    let entry = byClient?.get(client);
    if (entry !== undefined) return entry;
    if (this.#entryCount >= MAX_CELLS) {
      this.#overflowEntry ??= new UsageEntry(this.#counter, OTHER_VALUE, OTHER_VALUE, this.#store);
      return this.#overflowEntry;
    }
    entry = new UsageEntry(this.#counter, principal, client, this.#store);
    if (byClient === undefined) {
      byClient = new Map();
      this.#entries.set(principal, byClient);
    }
    byClient.set(client, entry);
    this.#entryCount++;
    return entry;
  }

  #label(admitted: Set<string>, value: string, what: string): string {
    if (admitted.has(value)) return value;
    if (admitted.size < this.#max) {
      admitted.add(value);
      return value;
    }
    if (!this.#warned.has(what)) {
      this.#warned.add(what);
      this.#logger.warn(
        `[@mcp-o11y/core] more than ${this.#max} distinct ${what}: later ones read ${OTHER_VALUE} on ${METRIC_USAGE_REQUESTS} and the usage series (spans keep the real value). Raise maxPrincipals if that is expected.`,
      );
    }
    return OTHER_VALUE;
  }
}
