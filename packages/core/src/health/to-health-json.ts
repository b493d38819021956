import type { HealthStatusV1 } from '../spec/health/v1/health-check-v1.js';
import type { HealthCheckOutcome, HealthReport } from './health-options.js';

/** Media type of the IETF health check response format (draft-inadmissible-rest-api-health-check). */
export const HEALTH_JSON_CONTENT_TYPE = 'application/health+json';

/**
 * One entry of `checks["<name>"]` in the draft's format. The draft's own fields come first; `remediation`,
 * `critical`, `durationMs` and `details` are mcp-o11y extension fields (the draft allows extra keys).
 */
export interface HealthJsonCheck {
  readonly status: HealthStatusV1;
  /** When the check ran, ISO 8601. */
  readonly time: string;
  readonly componentId?: string;
  readonly componentType?: string;
  readonly observedValue?: unknown;
  readonly observedUnit?: string;
  readonly affectedEndpoints?: readonly string[];
  /** The check's message, for `warn` and `fail` (the draft's "raw error output"), and for `pass` when given. */
  readonly output?: string;
  /** Extension: what to do about a `warn` or `fail`. */
  readonly remediation?: string;
  /** Extension: whether a `fail` makes the service not ready. */
  readonly critical: boolean;
  /** Extension: how long the check took, in milliseconds. */
  readonly durationMs: number;
  /** Extension: the check's other details (no secrets). */
  readonly details?: Readonly<Record<string, unknown>>;
}

/** A response body in the draft's format. */
export interface HealthJson {
  readonly status: HealthStatusV1;
  readonly version?: string;
  readonly releaseId?: string;
  readonly serviceId: string;
  readonly description: string;
  readonly notes?: readonly string[];
  readonly output?: string;
  readonly checks?: Readonly<Record<string, readonly HealthJsonCheck[]>>;
}

/** Service identity put on every response. */
export interface HealthJsonService {
  readonly serviceId: string;
  readonly description: string;
  readonly version?: string;
  readonly releaseId?: string;
}

// Details keys the draft defines as check fields: promoted out of `details`.
const promoted = [
  'componentId',
  'componentType',
  'observedValue',
  'observedUnit',
  'affectedEndpoints',
] as const;

/** Maps one outcome to its draft entry: `message` → `output`, known details keys → the draft's fields. */
export function toHealthJsonCheck(outcome: HealthCheckOutcome): HealthJsonCheck {
  const rest: Record<string, unknown> = { ...outcome.details };
  const fields: Record<string, unknown> = {};
  for (const key of promoted) {
    if (!(key in rest)) continue;
    const value = rest[key];
    delete rest[key];
    if (
      key === 'affectedEndpoints'
        ? Array.isArray(value)
        : key === 'observedValue' || typeof value === 'string'
    )
      fields[key] = value;
  }
  return {
    status: outcome.status,
    time: new Date(outcome.time).toISOString(),
    ...fields,
    ...(outcome.message === undefined ? {} : { output: outcome.message }),
    ...(outcome.remediation === undefined || outcome.status === 'pass'
      ? {}
      : { remediation: outcome.remediation }),
    critical: outcome.critical,
    durationMs: outcome.durationMs,
    ...(Object.keys(rest).length === 0 ? {} : { details: rest }),
  };
}

/**
 * The whole report in the draft's format; `only` keeps a subset of the checks (readiness shows the
 * critical ones).
 */
export function toHealthJson(
  report: HealthReport,
  service: HealthJsonService,
  only: (outcome: HealthCheckOutcome) => boolean = () => true,
): HealthJson {
  const checks: Record<string, HealthJsonCheck[]> = {};
  for (const outcome of report.checks) if (only(outcome)) checks[outcome.name] = [toHealthJsonCheck(outcome)];
  const notes = report.checks
    .filter((outcome) => outcome.status !== 'pass')
    .map((outcome) => `${outcome.name}: ${outcome.status}${outcome.critical ? ' (critical)' : ''}`);
  return {
    status: report.status,
    ...(service.version === undefined ? {} : { version: service.version }),
    ...(service.releaseId === undefined ? {} : { releaseId: service.releaseId }),
    serviceId: service.serviceId,
    description: service.description,
    ...(notes.length === 0 ? {} : { notes }),
    ...(report.ready ? {} : { output: notReadyReason(report) }),
    checks,
  };
}

function notReadyReason(report: HealthReport): string {
  const failing = report.checks.filter((outcome) => outcome.critical && outcome.status === 'fail');
  return failing.length === 0
    ? 'the observability pipeline is not running'
    : `critical health check failing: ${failing.map((outcome) => outcome.name).join(', ')}`;
}

/** HTTP status for a draft status: 2xx for pass and warn, 503 for fail, as the draft asks. */
export function httpStatusOf(status: HealthStatusV1): number {
  return status === 'fail' ? 503 : 200;
}
