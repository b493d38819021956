/**
 * Thrown by every `check*` function when the subject breaks its contract. A distinct class so a test of
 * the testkit itself can tell a reported violation from a crash inside the check.
 */
export class ConformanceError extends Error {
  override readonly name = 'ConformanceError';

  /**
   * @param subject - What was checked, e.g. `notifier "slack"`.
   * @param message - What the subject did wrong and what the contract expects instead.
   */
  constructor(subject: string, message: string, options?: ErrorOptions) {
    super(`[@mcp-o11y/testkit] ${subject}: ${message}`, options);
  }
}

/** Throws a {@link ConformanceError} unless `condition` holds. Internal to the checks. */
export function expectConformance(condition: unknown, subject: string, message: string): asserts condition {
  if (!condition) throw new ConformanceError(subject, message);
}

/** A value rendered for a violation message: short, and never a whole payload. */
export function describeValue(value: unknown): string {
  if (value instanceof Error) return `${value.name}: ${value.message}`;
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}
