import { type Span, SpanKind } from '@opentelemetry/api';
import {
  type CircuitBreakerPolicy,
  ConsecutiveBreaker,
  circuitBreaker,
  ExponentialBackoff,
  handleWhen,
  isBrokenCircuitError,
  isTaskCancelledError,
  type RetryPolicy,
  retry,
  type TimeoutPolicy,
  TimeoutStrategy,
  timeout,
} from 'cockatiel';
import { getActiveObservability } from '../pipeline/active-observability.js';
import { recordSpanError } from '../privacy/record-span-error.js';
import { CircuitOpenError } from './circuit-open-error.js';
import { CircuitStateTracker } from './circuit-state-tracker.js';
import { classifyIntegrationError } from './classify-integration-error.js';
import {
  type DescribedStatement,
  describeStatement,
  STATEMENT_HASH_ATTRIBUTE,
  statementPreview,
} from './describe-statement.js';
import type {
  CircuitBreakerState,
  Integration,
  IntegrationErrorType,
  IntegrationExecuteOptions,
  IntegrationKind,
  IntegrationOptions,
} from './integration-options.js';
import { IntegrationTelemetry } from './integration-telemetry.js';
import { IntegrationTimeoutError } from './integration-timeout-error.js';
import { dialectOfSystem } from './normalize-statement.js';
import { type IntegrationSettings, resolveIntegrationSettings } from './resolve-integration-settings.js';
import { statementPolicyOf } from './statement-options.js';

const defaultOperation = 'default';

/**
 * Wraps an outbound dependency (database, HTTP API, queue, …) in cockatiel policies and records every
 * call: `mcp_o11y.integration.duration`, `.errors`, `.retries`, `.retry_successes`, the
 * `mcp_o11y.circuit_breaker.state` gauge and `.transitions` counter, and the in-memory window series
 * `mcp_o11y.integration`.
 *
 * Policies, outermost first: retry (each attempt goes through the breaker, so every failed attempt
 * counts towards opening it, and an open circuit ends the retries), circuit breaker (cockatiel's
 * `ConsecutiveBreaker` with `halfOpenSampling: { calls: successThreshold, threshold: 0 }`: it closes after
 * `successThreshold` successful trial calls and re-opens on the first failed one; while the trial calls
 * run, further calls wait for the verdict), timeout per attempt (aggressive: the attempt fails at the
 * limit even if the function ignores its signal).
 *
 * @example
 * ```ts
 * const weather = createIntegration({ name: 'weather-api', kind: 'http', timeoutMs: 2000 });
 * const forecast = await weather.execute((signal) => fetchJson(url, { signal }), { operation: 'GET /forecast' });
 * ```
 * @throws RangeError or TypeError when an option is invalid (see {@link IntegrationOptions}).
 */
export function createIntegration(options: IntegrationOptions): Integration {
  const settings = resolveIntegrationSettings(options);
  return new ObservedIntegration(options, settings);
}

class ObservedIntegration implements Integration {
  readonly name: string;
  readonly kind: IntegrationKind;
  readonly #fixedObservability: IntegrationOptions['observability'];
  readonly #timeoutMs: number | undefined;
  readonly #slowThresholdMs: number | undefined;
  readonly #dbSystem: string | undefined;
  readonly #timeout: TimeoutPolicy | undefined;
  readonly #retry: RetryPolicy;
  readonly #breaker: CircuitBreakerPolicy | undefined;
  readonly #tracker: CircuitStateTracker | undefined;
  readonly #stopFollowing: () => void;
  #telemetry: IntegrationTelemetry | undefined = undefined;
  #disposed = false;

  constructor(options: IntegrationOptions, settings: IntegrationSettings) {
    this.name = options.name;
    this.kind = options.kind ?? 'other';
    this.#fixedObservability = options.observability;
    this.#timeoutMs = settings.timeoutMs;
    this.#slowThresholdMs = settings.slowThresholdMs;
    this.#dbSystem = options.dbSystem;
    if (settings.timeoutMs !== undefined)
      this.#timeout = timeout(settings.timeoutMs, TimeoutStrategy.Aggressive);
    const { retry: retrySettings, circuitBreaker: breakerSettings } = settings;
    // An open circuit ends the retries: waiting out a backoff cannot close it sooner.
    const retryable = (error: unknown): boolean =>
      !(error instanceof CircuitOpenError) && retrySettings.retryOn(error);
    this.#retry = retry(handleWhen(retryable), {
      maxAttempts: retrySettings.maxAttempts - 1,
      backoff: new ExponentialBackoff({
        initialDelay: retrySettings.initialDelayMs,
        maxDelay: retrySettings.maxDelayMs,
      }),
    });
    if (breakerSettings === undefined) {
      this.#stopFollowing = () => {};
    } else {
      this.#breaker = circuitBreaker(handleWhen(breakerSettings.breakOn), {
        breaker: new ConsecutiveBreaker(breakerSettings.failureThreshold),
        halfOpenAfter: breakerSettings.halfOpenAfterMs,
        halfOpenSampling: { calls: breakerSettings.successThreshold, threshold: 0 },
      });
      const tracker = new CircuitStateTracker(breakerSettings.halfOpenAfterMs, (from, to, halfOpenAtMs) =>
        this.#bind()?.recordTransition(from, to, halfOpenAtMs),
      );
      this.#tracker = tracker;
      this.#stopFollowing = this.#breaker.onStateChange((state) => tracker.follow(state)).dispose;
    }
    this.#bind();
  }

  get state(): CircuitBreakerState {
    return this.#tracker?.state ?? 'closed';
  }

  async execute<T>(fn: (signal: AbortSignal) => Promise<T>, options?: IntegrationExecuteOptions): Promise<T> {
    if (this.#disposed) {
      throw new Error(
        `[@mcp-o11y/core] integration "${this.name}" was disposed; create a new one with createIntegration().`,
      );
    }
    const telemetry = this.#bind();
    const operation = options?.operation ?? defaultOperation;
    if (telemetry === undefined) return this.#execute(fn, operation, options?.signal, undefined, undefined);
    // Only the hash (and, when opted in, the normalised text) of a statement is ever recorded.
    const statement =
      options?.statement === undefined
        ? undefined
        : describeStatement(options.statement, dialectOfSystem(this.#dbSystem));
    // One CLIENT span per call, retries included, active while `fn` runs so that what it calls (an HTTP
    // or database client) nests under it, and the call shows in traces between the tool and its backend.
    return telemetry.observability.tracer.startActiveSpan(
      `${this.name} ${operation}`,
      { kind: SpanKind.CLIENT, attributes: this.#spanAttributes(operation, telemetry, statement) },
      (span) => this.#execute(fn, operation, options?.signal, telemetry, span, statement),
    );
  }

  #spanAttributes(
    operation: string,
    telemetry: IntegrationTelemetry,
    statement: DescribedStatement | undefined,
  ): Record<string, string> {
    const attributes: Record<string, string> = {
      'peer.service': this.name,
      'mcp_o11y.integration.name': this.name,
      'mcp_o11y.integration.kind': this.kind,
      'mcp_o11y.integration.operation': operation,
    };
    if (this.#dbSystem !== undefined) attributes['db.system.name'] = this.#dbSystem;
    if (statement !== undefined) {
      attributes[STATEMENT_HASH_ATTRIBUTE] = statement.hash;
      const policy = statementPolicyOf(telemetry.observability);
      if (policy.record) attributes['db.query.text'] = statementPreview(statement, policy.maxLength);
    }
    return attributes;
  }

  async #execute<T>(
    fn: (signal: AbortSignal) => Promise<T>,
    operation: string,
    callerSignal: AbortSignal | undefined,
    telemetry: IntegrationTelemetry | undefined,
    span: Span | undefined,
    statement?: DescribedStatement,
  ): Promise<T> {
    const started = performance.now();
    let attempts = 0;
    let lastErrorType: IntegrationErrorType = 'other';
    const attempt = async (signal: AbortSignal): Promise<T> => {
      attempts += 1;
      if (attempts > 1) {
        telemetry?.recordRetry(operation, lastErrorType);
        span?.addEvent('retry', { attempt: attempts, 'error.type': lastErrorType });
      }
      try {
        // cockatiel's backoff delay does not watch the signal: an abort during it must end the call here.
        callerSignal?.throwIfAborted();
        return await this.#guarded(fn, signal, callerSignal);
      } catch (error) {
        lastErrorType = classifyIntegrationError(error);
        throw error;
      }
    };
    try {
      const value = await this.#retry.execute(({ signal }) => attempt(signal), callerSignal);
      const seconds = (performance.now() - started) / 1000;
      telemetry?.recordCall(operation, seconds, undefined);
      this.#checkSlow(telemetry, operation, seconds, statement);
      if (attempts > 1) telemetry?.recordRetrySuccess(operation);
      span?.end();
      return value;
    } catch (error) {
      const errorType = callerSignal?.aborted ? 'cancelled' : classifyIntegrationError(error);
      const seconds = (performance.now() - started) / 1000;
      telemetry?.recordCall(operation, seconds, errorType);
      this.#checkSlow(telemetry, operation, seconds, statement);
      if (span) {
        span.setAttribute('error.type', errorType);
        recordSpanError(span, error);
        span.end();
      }
      throw error;
    }
  }

  /** Logs and counts a call over `slowThresholdMs`; runs in the call's span context, so the line joins it. */
  #checkSlow(
    telemetry: IntegrationTelemetry | undefined,
    operation: string,
    seconds: number,
    statement: DescribedStatement | undefined,
  ): void {
    const threshold = this.#slowThresholdMs;
    if (telemetry === undefined || threshold === undefined || seconds * 1000 <= threshold) return;
    telemetry.recordSlowCall(operation, seconds * 1000, threshold, statement);
  }

  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    this.#stopFollowing();
    this.#tracker?.dispose();
    this.#telemetry?.detach();
    this.#telemetry = undefined;
  }

  /** One attempt through the breaker (when there is one); cockatiel's rejection becomes CircuitOpenError. */
  async #guarded<T>(
    fn: (signal: AbortSignal) => Promise<T>,
    signal: AbortSignal,
    callerSignal: AbortSignal | undefined,
  ): Promise<T> {
    if (this.#breaker === undefined) return this.#timed(fn, signal, callerSignal);
    try {
      return await this.#breaker.execute(({ signal: inner }) => this.#timed(fn, inner, callerSignal), signal);
    } catch (error) {
      if (!isBrokenCircuitError(error)) throw error;
      throw new CircuitOpenError(this.name, this.#tracker?.halfOpenAtMs ?? Date.now());
    }
  }

  /** The attempt itself, under the per-attempt timeout when one is set. */
  async #timed<T>(
    fn: (signal: AbortSignal) => Promise<T>,
    signal: AbortSignal,
    callerSignal: AbortSignal | undefined,
  ): Promise<T> {
    if (this.#timeout === undefined || this.#timeoutMs === undefined) return fn(signal);
    try {
      return await this.#timeout.execute(({ signal: inner }) => fn(inner), signal);
    } catch (error) {
      if (!isTaskCancelledError(error)) throw error;
      // cockatiel reports a caller abort as a timeout too; hand the caller back its own reason.
      if (callerSignal?.aborted) throw callerSignal.reason;
      throw new IntegrationTimeoutError(this.name, this.#timeoutMs, { cause: error });
    }
  }

  /** The telemetry of the fixed or currently active handle, rebuilt when the active handle changed. */
  #bind(): IntegrationTelemetry | undefined {
    if (this.#disposed) return undefined;
    const observability = this.#fixedObservability ?? getActiveObservability();
    if (observability === this.#telemetry?.observability) return this.#telemetry;
    this.#telemetry?.detach();
    this.#telemetry =
      observability === undefined ? undefined : new IntegrationTelemetry(observability, this.name, this.kind);
    if (this.#tracker !== undefined) this.#telemetry?.attach(this.#tracker);
    return this.#telemetry;
  }
}
