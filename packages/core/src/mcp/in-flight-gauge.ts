import type { Attributes, Meter } from '@opentelemetry/api';
import { METRIC_REQUESTS_ACTIVE } from './semantic-conventions.js';

/** A counter of requests in flight for one attribute set; incremented and decremented on the hot path. */
export class InFlightCount {
  readonly attributes: Attributes;
  /** Key of the attribute set, so equal sets from different caches share one count. */
  readonly key: string;
  value = 0;

  constructor(attributes: Attributes) {
    this.attributes = attributes;
    this.key = JSON.stringify(Object.entries(attributes).sort(([a], [b]) => (a < b ? -1 : 1)));
  }
}

/**
 * `mcp_o11y.requests.active` as an observable up-down counter: the request path only moves a number
 * (two synchronous `add` calls would hash the attribute set twice per request); the values are read
 * when a reader collects. One per meter, whatever the number of instrumentations.
 */
export class InFlightGauge {
  /** One count per distinct attribute set: instrumentations (one per session, say) share it, so it stays bounded. */
  readonly #counts = new Map<string, InFlightCount>();

  constructor(meter: Meter) {
    const gauge = meter.createObservableUpDownCounter(METRIC_REQUESTS_ACTIVE, {
      description:
        'MCP requests in flight: received and not yet answered (role server), or sent and not yet answered (role client).',
      unit: '{request}',
    });
    gauge.addCallback((result) => {
      for (const count of this.#counts.values()) result.observe(count.value, count.attributes);
    });
  }

  /** The count of `attributes`, reported from now on; equal sets get the same count. Callers cache it. */
  count(attributes: Attributes): InFlightCount {
    const candidate = new InFlightCount(attributes);
    const existing = this.#counts.get(candidate.key);
    if (existing !== undefined) return existing;
    this.#counts.set(candidate.key, candidate);
    return candidate;
  }
}

const gauges = new WeakMap<Meter, InFlightGauge>();

/** The gauge of `meter`, created on first use. */
export function inFlightGaugeFor(meter: Meter): InFlightGauge {
  let gauge = gauges.get(meter);
  if (gauge === undefined) {
    gauge = new InFlightGauge(meter);
    gauges.set(meter, gauge);
  }
  return gauge;
}
