/**
 * The standard OpenTelemetry → Prometheus name translation (the OpenTelemetry specification's
 * "Prometheus and OpenMetrics compatibility", as the Collector's translator applies it): dots and other
 * invalid characters become underscores, the UCUM unit becomes a suffix (`s` → `_seconds`, `By` →
 * `_bytes`, `1` → `_ratio` on gauges), and monotonic counters end in `_total`.
 */

/** How the metric is exposed; decides the `_total` and `_ratio` suffixes. */
export type PrometheusMetricType = 'counter' | 'gauge' | 'histogram';

const unitWords: Readonly<Record<string, string>> = {
  d: 'days',
  h: 'hours',
  min: 'minutes',
  s: 'seconds',
  ms: 'milliseconds',
  us: 'microseconds',
  ns: 'nanoseconds',
  By: 'bytes',
  KiBy: 'kibibytes',
  MiBy: 'mebibytes',
  GiBy: 'gibibytes',
  TiBy: 'tibibytes',
  KBy: 'kilobytes',
  MBy: 'megabytes',
  GBy: 'gigabytes',
  TBy: 'terabytes',
  bit: 'bits',
  m: 'meters',
  V: 'volts',
  A: 'amperes',
  J: 'joules',
  W: 'watts',
  g: 'grams',
  Cel: 'celsius',
  Hz: 'hertz',
  '%': 'percent',
};

const perUnitWords: Readonly<Record<string, string>> = {
  s: 'second',
  m: 'minute',
  h: 'hour',
  d: 'day',
  w: 'week',
  mo: 'month',
  y: 'year',
};

/** Replaces every character Prometheus does not allow in a metric name and collapses runs of `_`. */
function sanitizeMetricName(name: string): string {
  const replaced = name.replace(/[^a-zA-Z0-9_:]/g, '_').replace(/__+/g, '_');
  return /^[0-9]/.test(replaced) ? `_${replaced}` : replaced;
}

/**
 * The Prometheus suffix of a UCUM unit: `s` → `seconds`, `By/s` → `bytes_per_second`, `{request}` → none,
 * `1` → `ratio` for gauges only (a counter of unit 1 is a plain count). Unknown units pass through
 * sanitized.
 */
export function prometheusUnitSuffix(unit: string, type: PrometheusMetricType): string {
  const bare = unit.replace(/\{[^}]*\}/g, '').trim();
  if (bare === '') return '';
  if (bare === '1') return type === 'gauge' ? 'ratio' : '';
  const [main = '', per] = bare.split('/', 2);
  const mainWord = unitWords[main] ?? main;
  const parts: string[] = [];
  if (mainWord !== '' && mainWord !== '1') parts.push(mainWord);
  if (per !== undefined && per !== '') parts.push(`per_${perUnitWords[per] ?? unitWords[per] ?? per}`);
  return sanitizeMetricName(parts.join('_')).replace(/^_+|_+$/g, '');
}

/**
 * The Prometheus metric family name of an OpenTelemetry instrument:
 * `mcp.server.operation.duration` (s, histogram) → `mcp_server_operation_duration_seconds`,
 * `mcp_o11y.errors` ({error}, counter) → `mcp_o11y_errors_total`. The unit is not added twice
 * (`process.cpu.time.seconds` stays as it is) and a counter never ends in `_total_total`.
 */
export function prometheusMetricName(name: string, unit: string, type: PrometheusMetricType): string {
  let base = sanitizeMetricName(name);
  if (type === 'counter') base = base.replace(/_total$/, '');
  const suffix = prometheusUnitSuffix(unit, type);
  if (suffix !== '' && !base.endsWith(`_${suffix}`) && base !== suffix) base = `${base}_${suffix}`;
  return type === 'counter' ? `${base}_total` : base;
}

/**
 * A Prometheus label name for an attribute key: `gen_ai.tool.name` → `gen_ai_tool_name`; a leading digit
 * gets `key_`, a leading double underscore (reserved) gets `key`.
 */
export function prometheusLabelName(key: string): string {
  const replaced = key.replace(/[^a-zA-Z0-9_]/g, '_');
  if (/^[0-9]/.test(replaced)) return `key_${replaced}`;
  if (replaced.startsWith('__')) return `key${replaced}`;
  return replaced;
}

/** A label value for an attribute value: strings as they are, arrays as JSON, the rest as text. */
export function prometheusLabelValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return JSON.stringify(value);
  return String(value);
}
