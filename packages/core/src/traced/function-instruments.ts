import type { Histogram, Meter } from '@opentelemetry/api';
import { OTHER_VALUE } from '../mcp/semantic-conventions.js';

/** The histogram of functions wrapped with `traced()` or `measured()`; a project signal, hence `mcp_o11y.`. */
export const FUNCTION_DURATION_METRIC = 'mcp_o11y.function.duration';

/** `code.function.name` (OpenTelemetry semantic conventions): the function, e.g. `WeatherService.forecast`. */
export const ATTR_CODE_FUNCTION_NAME = 'code.function.name';

/**
 * Bucket bounds of {@link FUNCTION_DURATION_METRIC}, in seconds: the integration buckets (1 ms to 60 s)
 * plus two below a millisecond, since wrapped functions are often pure computation.
 */
export const FUNCTION_DURATION_BUCKETS: readonly number[] = Object.freeze([
  0.0001, 0.0005, 0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60,
]);

/** Distinct `code.function.name` values kept per meter; later ones are recorded as `_OTHER`. */
export const MAX_FUNCTION_NAMES = 200;

/** What every wrapped function on one meter shares. */
export interface FunctionInstruments {
  readonly duration: Histogram;
  /** The metric label of `name`: itself while under {@link MAX_FUNCTION_NAMES}, else `_OTHER`. */
  labelOf(name: string): string;
}

// One set per meter, created on first use, as for integrations: the histogram is registered once however
// many functions are wrapped, and the name cap holds across all of them (names can be built at run time).
const instrumentsByMeter = new WeakMap<Meter, FunctionInstruments>();

/** The shared instruments of `meter`, created on first call. */
export function functionInstruments(meter: Meter): FunctionInstruments {
  const existing = instrumentsByMeter.get(meter);
  if (existing !== undefined) return existing;
  const names = new Set<string>();
  const created: FunctionInstruments = {
    duration: meter.createHistogram(FUNCTION_DURATION_METRIC, {
      description:
        'Duration of functions wrapped with traced() or measured(), until the returned promise settles.',
      unit: 's',
      advice: { explicitBucketBoundaries: [...FUNCTION_DURATION_BUCKETS] },
    }),
    labelOf(name) {
      if (names.has(name)) return name;
      if (names.size >= MAX_FUNCTION_NAMES) return OTHER_VALUE;
      names.add(name);
      return name;
    },
  };
  instrumentsByMeter.set(meter, created);
  return created;
}
