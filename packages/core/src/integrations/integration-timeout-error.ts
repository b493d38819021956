/** Thrown when an attempt of an integration call exceeds `timeoutMs`; its signal was aborted. */
export class IntegrationTimeoutError extends Error {
  override readonly name = 'IntegrationTimeoutError';
  /** The integration's name. */
  readonly integration: string;
  /** The limit that was exceeded, in milliseconds. */
  readonly timeoutMs: number;

  constructor(integration: string, timeoutMs: number, options?: ErrorOptions) {
    super(
      `[@mcp-o11y/core] a call to integration "${integration}" timed out after ${timeoutMs} ms. Raise timeoutMs if the dependency is slow by design, or check its latency.`,
      options,
    );
    this.integration = integration;
    this.timeoutMs = timeoutMs;
  }
}
