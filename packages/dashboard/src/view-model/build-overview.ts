import type { AlertV1, WindowStats } from '@mcp-o11y/core';
import { type MergedQuantiles, mergeQuantiles } from './merge-quantiles.js';

/** `ok`, `degraded` (an alert fires or ≥ 5 % errors) or `failing` (a critical alert or ≥ 50 % errors). */
export type OverviewStatus = 'ok' | 'degraded' | 'failing';

/** `GET /api/overview`. */
export interface OverviewView {
  /** Epoch milliseconds. */
  readonly generatedAt: number;
  readonly service: string;
  readonly status: OverviewStatus;
  readonly windowSeconds: number;
  /** Server requests in the window. */
  readonly requests: number;
  readonly ratePerSecond: number;
  readonly errors: number;
  /** 0–1. */
  readonly errorRatio: number;
  /** Seconds, over every server operation (merged, see README). */
  readonly latency: MergedQuantiles;
  /** Server requests received and not yet answered; null when the metric is not available. */
  readonly inFlight: number | null;
  /** Firing alerts (acknowledged ones included). */
  readonly activeAlerts: number;
  readonly alerts: { readonly firing: number; readonly pending: number; readonly acknowledged: number };
  /** False when the alert engine is off. */
  readonly alertsEnabled: boolean;
}

/** Minimum requests in the window before the error ratio alone changes the status. */
const MIN_REQUESTS_FOR_STATUS = 10;

/** Inputs of {@link buildOverview}. */
export interface OverviewInput {
  readonly service: string;
  readonly windowSeconds: number;
  readonly stats: readonly WindowStats[];
  readonly alerts: readonly AlertV1[] | undefined;
  readonly inFlight: number | null;
  readonly nowMs: number;
}

/** The overview cards. Pure. */
export function buildOverview(input: OverviewInput): OverviewView {
  const requests = input.stats.reduce((total, one) => total + one.count, 0);
  const errors = input.stats.reduce((total, one) => total + one.errors, 0);
  const errorRatio = requests === 0 ? 0 : errors / requests;
  const alerts = input.alerts ?? [];
  const firing = alerts.filter((alert) => alert.state === 'firing');
  const counts = {
    firing: firing.length,
    pending: alerts.filter((alert) => alert.state === 'pending').length,
    acknowledged: firing.filter((alert) => alert.acknowledgedBy !== undefined).length,
  };
  return {
    generatedAt: input.nowMs,
    service: input.service,
    status: statusOf(firing, errorRatio, requests),
    windowSeconds: input.windowSeconds,
    requests,
    ratePerSecond: requests / input.windowSeconds,
    errors,
    errorRatio,
    latency: mergeQuantiles(input.stats),
    inFlight: input.inFlight,
    activeAlerts: counts.firing,
    alerts: counts,
    alertsEnabled: input.alerts !== undefined,
  };
}

/** The status rule, documented in the README. */
export function statusOf(firing: readonly AlertV1[], errorRatio: number, requests: number): OverviewStatus {
  const enoughTraffic = requests >= MIN_REQUESTS_FOR_STATUS;
  if (firing.some((alert) => alert.severity === 'critical') || (enoughTraffic && errorRatio >= 0.5)) {
    return 'failing';
  }
  if (firing.length > 0 || (enoughTraffic && errorRatio >= 0.05)) return 'degraded';
  return 'ok';
}
