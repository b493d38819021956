/**
 * Thrown, without calling the dependency, while an integration's circuit breaker is open. Catch it to
 * serve a fallback (cached data, a degraded answer) instead of waiting on a dependency known to be down.
 */
export class CircuitOpenError extends Error {
  override readonly name = 'CircuitOpenError';
  /** The integration's name. */
  readonly integration: string;
  /** When trial calls will be let through again, in epoch milliseconds. */
  readonly halfOpenAtMs: number;

  constructor(integration: string, halfOpenAtMs: number, nowMs: number = Date.now()) {
    const seconds = Math.max(0, Math.ceil((halfOpenAtMs - nowMs) / 1000));
    super(
      `[@mcp-o11y/core] integration "${integration}" is failing: its circuit breaker is open and rejects calls until it half-opens at ${new Date(halfOpenAtMs).toISOString()} (in ${seconds} s). Catch CircuitOpenError to serve a fallback, and check the dependency's health.`,
    );
    this.integration = integration;
    this.halfOpenAtMs = halfOpenAtMs;
  }

  /** Milliseconds until trial calls are let through; 0 once that time has passed. */
  retryAfterMs(nowMs: number = Date.now()): number {
    return Math.max(0, this.halfOpenAtMs - nowMs);
  }
}
