import type { Attributes, Meter } from '@opentelemetry/api';
import { METRIC_REQUESTS_ACTIVE } from './semantic-conventions.js';

/** A counter of requests in flight for one attribute set; incremented and decremented on the hot path. */
export class InFlightCount {
  readonly attributes: Attributes;
  /** Key of the attribute set, so equal sets from different caches are summed. */
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
  readonly #counts = new Set<InFlightCount>();

  constructor(meter: Meter) {
    const gauge = meter.createObservableUpDownCounter(METRIC_REQUESTS_ACTIVE, {
      description:
        'MCP requests in flight: received and not yet answered (role server), or sent and not yet answered (role client).',
      unit: '{request}',
    });
    gauge.addCallback((result) => {
      const sums = new Map<string, { attributes: Attributes; value: number }>();
      for (const count of this.#counts) {
        const sum = sums.get(count.key);
        if (sum === undefined) sums.set(count.key, { attributes: count.attributes, value: count.value });
        else sum.value += count.value;
      }
      for (const { attributes, value } of sums.values()) result.observe(value, attributes);
    });
  }

  /** A count for `attributes`, reported from now on. Callers cache it: the set of counts is bounded by theirs. */
  count(attributes: Attributes): InFlightCount {
    const count = new InFlightCount(attributes);
    this.#counts.add(count);
    return count;
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
