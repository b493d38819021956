/**
 * Runs a synchronous constructor while `process.env` holds only `env`, then restores it.
 *
 * Why: the OpenTelemetry exporters read their `OTEL_EXPORTER_*` variables from `process.env` when they
 * are constructed (and only then), while mcp-o11y adapters must read the environment core hands them
 * (`context.env`), so config files and tests control it. Construction is synchronous, so no other code
 * runs while the swap is in place.
 */
export function withProcessEnv<T>(env: Readonly<Record<string, string>>, construct: () => T): T {
  const original = process.env;
  process.env = { ...env };
  try {
    return construct();
  } finally {
    process.env = original;
  }
}
