import type { Attributes, Counter, Meter } from '@opentelemetry/api';
import type { LoggerV1 } from '../spec/logs/v1/logger-v1.js';
import type { AuthIdentity } from './auth-identity.js';
import type { AuthClassification, HttpSecurityClassification } from './classify-http-security.js';
import {
  type AuthFailureReason,
  type AuthOutcome,
  type HttpRejectionKind,
  SECURITY_METRICS,
} from './security-metric-names.js';

/** Where security events go: a meter and a logger (an `Observability` handle is one). */
export interface SecurityTelemetryTarget {
  readonly meter: Meter;
  readonly logger: LoggerV1;
}

/** One classified HTTP exchange and what is known about who made it; never credentials. */
export interface HttpSecurityEvent extends HttpSecurityClassification {
  readonly status: number;
  readonly method: string | undefined;
  /** The request path without its query string (a query may hold secrets). */
  readonly path: string | undefined;
  readonly clientAddress: string | undefined;
  readonly identity: AuthIdentity | undefined;
}

// A handful of outcome × reason and kind combinations: the attribute sets are built once, not per request.
const attributeSets = new Map<string, Attributes>();
function attributesFor(key: string, build: () => Attributes): Attributes {
  let attributes = attributeSets.get(key);
  if (attributes === undefined) {
    attributes = Object.freeze(build());
    attributeSets.set(key, attributes);
  }
  return attributes;
}
const authAttributes = (outcome: AuthOutcome, reason: AuthFailureReason | undefined) =>
  attributesFor(`auth|${outcome}|${reason ?? ''}`, () =>
    reason === undefined ? { outcome } : { outcome, reason },
  );
const rejectionAttributes = (kind: HttpRejectionKind) => attributesFor(`rejection|${kind}`, () => ({ kind }));

/** Every outcome and reason pair the classification yields. */
const AUTH_SERIES: readonly AuthClassification[] = [
  { outcome: 'success' },
  { outcome: 'failure', reason: 'missing_token' },
  { outcome: 'failure', reason: 'invalid_token' },
  { outcome: 'failure', reason: 'expired_token' },
  { outcome: 'failure', reason: 'invalid_request' },
  { outcome: 'denied', reason: 'insufficient_scope' },
  { outcome: 'denied', reason: 'forbidden' },
];
const REJECTION_KINDS: readonly HttpRejectionKind[] = ['rate_limited', 'request_too_large'];

/** The two counters, created once per meter. */
interface SecurityInstruments {
  readonly attempts: Counter;
  readonly rejections: Counter;
}

const instrumentsByMeter = new WeakMap<Meter, SecurityInstruments>();

/** The shared security counters of `meter`, created on first call. */
export function securityInstruments(meter: Meter): SecurityInstruments {
  const existing = instrumentsByMeter.get(meter);
  if (existing !== undefined) return existing;
  const created: SecurityInstruments = {
    attempts: meter.createCounter(SECURITY_METRICS.authAttempts, {
      description:
        'Authentication outcomes of HTTP requests: success, failure (401) or denied (403), by reason (missing_token, invalid_token, expired_token, invalid_request, insufficient_scope, forbidden).',
      unit: '{attempt}',
    }),
    rejections: meter.createCounter(SECURITY_METRICS.rejections, {
      description:
        'HTTP requests refused for their rate or size, by kind: rate_limited (429), request_too_large (413).',
      unit: '{request}',
    }),
  };
  // Every series starts at 0, as Prometheus advises: `increase()` and the engine's own history need a
  // sample before the first failure, or the first burst of an attack would go uncounted.
  for (const auth of AUTH_SERIES) created.attempts.add(0, authAttributes(auth.outcome, auth.reason));
  for (const kind of REJECTION_KINDS) created.rejections.add(0, rejectionAttributes(kind));
  instrumentsByMeter.set(meter, created);
  return created;
}

/** Creates the counters of `target` now (their series at 0), so the first event after this counts. */
export function prepareSecurityTelemetry(target: SecurityTelemetryTarget | undefined): void {
  if (target !== undefined) securityInstruments(target.meter);
}

/**
 * Counts the event and writes its log record: failures, denials and rejections at `warn`, successes at
 * `debug` (every authenticated MCP request is one). Fields: `security_event` (`auth` / `rejection`),
 * `outcome`, `reason`, `kind`, `http.request.method`, `url.path`, `http.response.status_code`,
 * `client.address`, `auth.client_id` and `auth.subject` when known.
 */
export function recordHttpSecurityEvent(target: SecurityTelemetryTarget, event: HttpSecurityEvent): void {
  const { auth, rejection } = event;
  if (auth === undefined && rejection === undefined) return;
  const instruments = securityInstruments(target.meter);
  if (auth !== undefined) {
    const { outcome, reason } = auth;
    instruments.attempts.add(1, authAttributes(outcome, reason));
    const level = outcome === 'success' ? 'debug' : 'warn';
    if (target.logger.isLevelEnabled(level)) {
      const fields: Record<string, unknown> = { security_event: 'auth', outcome };
      if (reason !== undefined) fields.reason = reason;
      target.logger[level](
        reason === undefined ? `authentication ${outcome}` : `authentication ${outcome}: ${reason}`,
        withRequestFields(fields, event),
      );
    }
  }
  if (rejection !== undefined) {
    instruments.rejections.add(1, rejectionAttributes(rejection));
    if (target.logger.isLevelEnabled('warn')) {
      target.logger.warn(
        `request rejected: ${rejection}`,
        withRequestFields({ security_event: 'rejection', kind: rejection }, event),
      );
    }
  }
}

function withRequestFields(
  fields: Record<string, unknown>,
  event: HttpSecurityEvent,
): Record<string, unknown> {
  if (event.method !== undefined) fields['http.request.method'] = event.method;
  if (event.path !== undefined) fields['url.path'] = event.path;
  fields['http.response.status_code'] = event.status;
  if (event.clientAddress !== undefined) fields['client.address'] = event.clientAddress;
  if (event.identity?.clientId !== undefined) fields['auth.client_id'] = event.identity.clientId;
  if (event.identity?.subject !== undefined) fields['auth.subject'] = event.identity.subject;
  return fields;
}
