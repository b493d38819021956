import type { SeverityV1, SloV1 } from '@mcp-o11y/core';
import { errorsOver, type PromQlContext, seriesHistogram, sumBy } from './convert-to-promql.js';
import {
  DURATION_BUCKETS_SECONDS,
  promMatcher,
  promNumber,
  quote,
  selector,
  selectorBody,
} from './prometheus-names.js';
import type { PrometheusRule } from './prometheus-rule-types.js';

/** One (long, short) window pair of a multi-window burn-rate alert, Prometheus durations. */
export interface BurnRatePair {
  readonly long: string;
  readonly short: string;
  readonly factor: number;
}

/** The SRE workbook's pairs for a 30-day SLO: page on fast burns, ticket on slow ones. */
export const WORKBOOK_BURN_RATES: {
  readonly page: readonly BurnRatePair[];
  readonly ticket: readonly BurnRatePair[];
} = {
  page: [
    { long: '1h', short: '5m', factor: 14.4 },
    { long: '6h', short: '30m', factor: 6 },
  ],
  ticket: [
    { long: '1d', short: '2h', factor: 3 },
    { long: '3d', short: '6h', factor: 1 },
  ],
};

const WINDOW_SECONDS: Readonly<Record<string, number>> = { s: 1, m: 60, h: 3600, d: 86_400, w: 604_800 };

/** Seconds of a one-unit Prometheus duration (`5m`, `1d`). */
export function durationSeconds(duration: string): number {
  const match = /^(\d+)(ms|s|m|h|d|w)$/.exec(duration);
  if (match === null)
    throw new Error(`[@mcp-o11y/prometheus] unsupported duration "${duration}"; use one unit, e.g. 30m.`);
  const amount = Number(match[1]);
  return match[2] === 'ms' ? amount / 1000 : amount * (WINDOW_SECONDS[match[2] ?? 's'] ?? 1);
}

/** Record names: the SLO's error ratio and request rate over a window, labelled `slo`. */
export const sloErrorRatioRecord = (window: string): string => `slo:mcp_error_ratio:rate${window}`;
export const sloRequestRateRecord = (window: string): string => `slo:mcp_requests:rate${window}`;

/** The histogram bound a latency threshold counts against: the largest bound at or below it. */
export function latencyBound(thresholdSeconds: number): number {
  const bounds = DURATION_BUCKETS_SECONDS.filter((bound) => bound <= thresholdSeconds + 1e-12);
  return bounds.at(-1) ?? thresholdSeconds;
}

/** Recording rules of one SLO: request rate and bad-request ratio per window, per service. */
export function sloRecordingRules(
  slo: SloV1,
  windows: readonly string[],
  context: PromQlContext,
): PrometheusRule[] {
  const series = slo.series ?? 'mcp.server.operation';
  const histogram = seriesHistogram(series);
  const body = selectorBody(context.selector, ...(slo.matchers ?? []).map(promMatcher));
  const by = [context.serviceLabel];
  const labels = { slo: slo.name };
  return windows.flatMap((window): PrometheusRule[] => {
    const total = sumBy(by, `rate(${selector(`${histogram}_count`, body)}[${window}])`);
    let ratio: string;
    if (slo.objective.kind === 'availability') {
      // `or 0 * total`: a window without errors records 0 rather than nothing.
      ratio = `(${errorsOver('rate', series, body, window, by)} or 0 * ${total}) / ${total}`;
    } else {
      const le = `le=${quote(promNumber(latencyBound(slo.objective.thresholdSeconds)))}`;
      const fast = sumBy(by, `rate(${selector(`${histogram}_bucket`, selectorBody(body, le))}[${window}])`);
      ratio = `1 - ${fast} / ${total}`;
    }
    return [
      { record: sloRequestRateRecord(window), expr: total, labels },
      { record: sloErrorRatioRecord(window), expr: ratio, labels },
    ];
  });
}

/** `(long burn > f and short burn > f and enough traffic) or ...` for a set of pairs; its value is the long burn rate. */
export function burnRateExpr(slo: SloV1, pairs: readonly BurnRatePair[], minCount: number): string {
  const budget = promNumber(1 - slo.objective.target);
  const only = `{slo=${quote(slo.name)}}`;
  return pairs
    .map((pair) => {
      const long = `${sloErrorRatioRecord(pair.long)}${only} / ${budget} > ${promNumber(pair.factor)}`;
      const short = `${sloErrorRatioRecord(pair.short)}${only} / ${budget} > ${promNumber(pair.factor)}`;
      const traffic = `${sloRequestRateRecord(pair.long)}${only} * ${durationSeconds(pair.long)} >= ${minCount}`;
      return `(${long} and ${short} and ${traffic})`;
    })
    .join(' or ');
}

/** Every window the pairs read, shortest first. */
export function pairWindows(pairs: readonly BurnRatePair[]): string[] {
  const windows = new Set(pairs.flatMap((pair) => [pair.long, pair.short]));
  return [...windows].sort((a, b) => durationSeconds(a) - durationSeconds(b));
}

const LOWER: Readonly<Record<SeverityV1, SeverityV1>> = {
  critical: 'high',
  high: 'medium',
  medium: 'low',
  low: 'low',
};

/** The ticket alert's severity: one step below the page's. */
export function ticketSeverity(severity: SeverityV1): SeverityV1 {
  return LOWER[severity];
}
