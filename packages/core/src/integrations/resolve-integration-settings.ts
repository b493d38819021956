import { isCallerFault } from './classify-integration-error.js';
import type { IntegrationKind, IntegrationOptions } from './integration-options.js';

/** The seeds' circuit breaker: open after 5 consecutive failures, half-open after 60 s, closed after 3 successes. */
export const DEFAULT_CIRCUIT_BREAKER = {
  failureThreshold: 5,
  halfOpenAfterMs: 60_000,
  successThreshold: 3,
} as const;

/** Default retry: 3 attempts in all, exponential backoff with jitter from 100 ms, capped at 5 s. */
export const DEFAULT_RETRY = { maxAttempts: 3, initialDelayMs: 100, maxDelayMs: 5000 } as const;

const kinds: ReadonlySet<string> = new Set<IntegrationKind>([
  'database',
  'http',
  'rpc',
  'queue',
  'cache',
  'storage',
  'llm',
  'other',
]);
// setTimeout's ceiling; a longer delay would fire at once.
const maxTimerMs = 2_147_483_647;

/** Options with every default filled in, checked. */
export interface IntegrationSettings {
  readonly timeoutMs: number | undefined;
  readonly slowThresholdMs: number | undefined;
  readonly retry: {
    readonly maxAttempts: number;
    readonly initialDelayMs: number;
    readonly maxDelayMs: number;
    readonly retryOn: (error: unknown) => boolean;
  };
  readonly circuitBreaker:
    | {
        readonly failureThreshold: number;
        readonly halfOpenAfterMs: number;
        readonly successThreshold: number;
        readonly breakOn: (error: unknown) => boolean;
      }
    | undefined;
}

const notCallerFault = (error: unknown): boolean => !isCallerFault(error);

/**
 * Fills in the defaults of `createIntegration`'s options and checks them.
 * @throws TypeError when `name` is not a non-empty string or `kind` is unknown.
 * @throws RangeError when a count is not a positive integer or a duration not a positive number of ms.
 */
export function resolveIntegrationSettings(options: IntegrationOptions): IntegrationSettings {
  if (typeof options.name !== 'string' || options.name.trim() === '') {
    throw new TypeError(
      '[@mcp-o11y/core] createIntegration needs a non-empty name, e.g. { name: "postgres" }.',
    );
  }
  const where = `integration "${options.name}"`;
  if (options.kind !== undefined && !kinds.has(options.kind)) {
    throw new TypeError(
      `[@mcp-o11y/core] ${where}: kind must be one of ${[...kinds].join(', ')}, got "${options.kind}".`,
    );
  }
  const retry = options.retry === false ? { maxAttempts: 1 } : (options.retry ?? {});
  const breaker = options.circuitBreaker;
  const slow = options.slowThresholdMs;
  if (slow !== undefined && !(Number.isFinite(slow) && slow >= 0)) {
    throw new RangeError(
      `[@mcp-o11y/core] ${where}: slowThresholdMs must be a number of milliseconds >= 0, got ${slow}.`,
    );
  }
  return {
    timeoutMs: options.timeoutMs === undefined ? undefined : duration(where, 'timeoutMs', options.timeoutMs),
    slowThresholdMs: slow,
    retry: {
      maxAttempts: count(where, 'retry.maxAttempts', retry.maxAttempts ?? DEFAULT_RETRY.maxAttempts),
      initialDelayMs: duration(
        where,
        'retry.initialDelayMs',
        retry.initialDelayMs ?? DEFAULT_RETRY.initialDelayMs,
      ),
      maxDelayMs: duration(where, 'retry.maxDelayMs', retry.maxDelayMs ?? DEFAULT_RETRY.maxDelayMs),
      retryOn: retry.retryOn ?? notCallerFault,
    },
    circuitBreaker:
      breaker === false
        ? undefined
        : {
            failureThreshold: count(
              where,
              'circuitBreaker.failureThreshold',
              breaker?.failureThreshold ?? DEFAULT_CIRCUIT_BREAKER.failureThreshold,
            ),
            halfOpenAfterMs: duration(
              where,
              'circuitBreaker.halfOpenAfterMs',
              breaker?.halfOpenAfterMs ?? DEFAULT_CIRCUIT_BREAKER.halfOpenAfterMs,
            ),
            successThreshold: count(
              where,
              'circuitBreaker.successThreshold',
              breaker?.successThreshold ?? DEFAULT_CIRCUIT_BREAKER.successThreshold,
            ),
            breakOn: breaker?.breakOn ?? notCallerFault,
          },
  };
}

function count(where: string, field: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new RangeError(`[@mcp-o11y/core] ${where}: ${field} must be a positive integer, got ${value}.`);
  }
  return value;
}

function duration(where: string, field: string, value: number): number {
  if (!(Number.isFinite(value) && value > 0 && value <= maxTimerMs)) {
    throw new RangeError(
      `[@mcp-o11y/core] ${where}: ${field} must be a number of milliseconds in (0, ${maxTimerMs}], got ${value}.`,
    );
  }
  return value;
}
