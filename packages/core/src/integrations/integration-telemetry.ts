import type { Attributes } from '@opentelemetry/api';
import type { Observability } from '../pipeline/observability.js';
import type { LoggerV1 } from '../spec/logs/v1/logger-v1.js';
import type { WindowSeries } from '../store/window-series.js';
import { type DescribedStatement, STATEMENT_HASH_ATTRIBUTE, statementPreview } from './describe-statement.js';
import {
  type CircuitBreakerGaugeSource,
  INTEGRATION_SERIES,
  type IntegrationInstruments,
  integrationInstruments,
} from './integration-instruments.js';
import type { CircuitBreakerState, IntegrationErrorType, IntegrationKind } from './integration-options.js';
import { statementPolicyOf } from './statement-options.js';

/** Distinct `operation` values kept per integration; later ones are recorded as `_OTHER`. */
export const MAX_OPERATIONS = 100;
const otherOperation = '_OTHER';

/** Attribute sets and the window series of one operation, built once and reused on every call. */
interface OperationRecord {
  readonly success: Attributes;
  /** integration.name, integration.kind and operation, without outcome. */
  readonly attributes: Attributes;
  readonly failures: Map<IntegrationErrorType, Attributes>;
  readonly retriesBy: Map<IntegrationErrorType, Attributes>;
  readonly series: WindowSeries | undefined;
}

/** Circuit state values as metric attribute values (snake_case, as semantic-convention enums are). */
const stateAttributeValue: Readonly<Record<CircuitBreakerState, string>> = {
  closed: 'closed',
  'half-open': 'half_open',
  open: 'open',
};

/**
 * Everything one integration records into one observability handle: the shared instruments, the
 * per-operation attribute sets, the window series and the logger. Built again only when the active
 * handle changes, so the hot path does map lookups and no allocation.
 */
export class IntegrationTelemetry {
  readonly observability: Observability;
  readonly #instruments: IntegrationInstruments;
  readonly #logger: LoggerV1;
  readonly #base: Attributes;
  readonly #operations = new Map<string, OperationRecord>();
  #gaugeSource: CircuitBreakerGaugeSource | undefined = undefined;

  constructor(observability: Observability, name: string, kind: IntegrationKind) {
    this.observability = observability;
    this.#instruments = integrationInstruments(observability.meter);
    this.#logger = observability.logger.child({ 'integration.name': name, 'integration.kind': kind });
    this.#base = { 'integration.name': name, 'integration.kind': kind };
  }

  /** Makes the breaker gauge report `source` until {@link IntegrationTelemetry.detach}. */
  attach(source: { readonly state: CircuitBreakerState }): void {
    const base = this.#base;
    this.#gaugeSource = {
      get state() {
        return source.state;
      },
      gaugeAttributes: base,
      retired: false,
    };
    this.#instruments.breakers.add(this.#gaugeSource);
  }

  /** Stops reporting the breaker gauge, after one last `closed` (see `integrationInstruments`). */
  detach(): void {
    if (this.#gaugeSource !== undefined) this.#gaugeSource.retired = true;
    this.#gaugeSource = undefined;
  }

  /** Records one call: duration, outcome, error counter and the window series. */
  recordCall(operation: string, seconds: number, errorType: IntegrationErrorType | undefined): void {
    const record = this.#operation(operation);
    if (errorType === undefined) {
      this.#instruments.duration.record(seconds, record.success);
    } else {
      const attributes = cached(record.failures, errorType, () => ({
        ...record.success,
        outcome: 'error',
        'error.type': errorType,
      }));
      this.#instruments.duration.record(seconds, attributes);
      this.#instruments.errors.add(1, attributes);
    }
    record.series?.observe(seconds, errorType !== undefined);
  }

  /** Counts one retry, caused by a failed attempt of type `errorType`. */
  recordRetry(operation: string, errorType: IntegrationErrorType): void {
    const record = this.#operation(operation);
    const attributes = cached(record.retriesBy, errorType, () => ({
      ...this.#base,
      operation: record.success.operation,
      'error.type': errorType,
    }));
    this.#instruments.retries.add(1, attributes);
  }

  /**
   * Counts and logs a call that took longer than its threshold: a warning with the statement's hash and,
   * only when the pipeline records statements, its normalised text; never the text as given.
   */
  recordSlowCall(
    operation: string,
    durationMs: number,
    thresholdMs: number,
    statement: DescribedStatement | undefined,
  ): void {
    const record = this.#operation(operation);
    this.#instruments.slowCalls.add(1, record.attributes);
    const fields: Record<string, unknown> = {
      operation: record.attributes.operation,
      duration_ms: Math.round(durationMs),
      threshold_ms: thresholdMs,
    };
    if (statement !== undefined) {
      fields[STATEMENT_HASH_ATTRIBUTE] = statement.hash;
      const policy = statementPolicyOf(this.observability);
      if (policy.record) fields['db.query.text'] = statementPreview(statement, policy.maxLength);
    }
    this.#logger.warn(
      `[@mcp-o11y/core] slow call to integration "${String(this.#base['integration.name'])}" (${String(record.attributes.operation)}): ${Math.round(durationMs)} ms, over the ${thresholdMs} ms threshold.`,
      fields,
    );
  }

  /** Counts one call that succeeded after at least one retry. */
  recordRetrySuccess(operation: string): void {
    this.#instruments.retrySuccesses.add(1, this.#operation(operation).success);
  }

  /** Counts and logs a state change: warn when it opens, info otherwise. */
  recordTransition(
    from: CircuitBreakerState,
    to: CircuitBreakerState,
    halfOpenAtMs: number | undefined,
  ): void {
    const fromValue = stateAttributeValue[from];
    const toValue = stateAttributeValue[to];
    this.#instruments.transitions.add(1, { ...this.#base, from: fromValue, to: toValue });
    const fields = { 'circuit_breaker.from': fromValue, 'circuit_breaker.to': toValue };
    const name = this.#base['integration.name'];
    if (to === 'open') {
      const at = halfOpenAtMs === undefined ? 'later' : `at ${new Date(halfOpenAtMs).toISOString()}`;
      this.#logger.warn(
        `[@mcp-o11y/core] circuit breaker of integration "${name}" opened: calls fail fast with CircuitOpenError until it half-opens ${at}.`,
        fields,
      );
    } else if (to === 'half-open') {
      this.#logger.info(
        `[@mcp-o11y/core] circuit breaker of integration "${name}" is half-open: trial calls decide whether it closes.`,
        fields,
      );
    } else {
      this.#logger.info(
        `[@mcp-o11y/core] circuit breaker of integration "${name}" closed: calls flow again.`,
        fields,
      );
    }
  }

  #operation(operation: string): OperationRecord {
    const existing = this.#operations.get(operation);
    if (existing !== undefined) return existing;
    // Past the cap only `_OTHER` is stored: a flood of distinct values must not grow the map.
    const key = this.#operations.size < MAX_OPERATIONS ? operation : otherOperation;
    return cached(this.#operations, key, () => this.#createRecord(key));
  }

  #createRecord(operation: string): OperationRecord {
    return {
      success: { ...this.#base, operation, outcome: 'success' },
      attributes: { ...this.#base, operation },
      failures: new Map(),
      retriesBy: new Map(),
      series: this.observability.store?.series(INTEGRATION_SERIES, {
        'integration.name': String(this.#base['integration.name']),
        operation,
      }),
    };
  }
}

function cached<K, V>(map: Map<K, V>, key: K, create: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = create();
    map.set(key, value);
  }
  return value;
}
