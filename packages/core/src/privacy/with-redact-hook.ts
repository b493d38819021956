import type { ComposedContributions } from '../pipeline/compose-contributions.js';
import type { FaultReporter } from '../pipeline/fault-reporter.js';
import type { RedactHookV1 } from '../spec/privacy/v1/telemetry-event-v1.js';
import { RedactingLogRecordProcessor, RedactingSpanProcessor } from './redacting-processors.js';

/**
 * Puts the `redact` hook in front of every span and log processor, so every backend, the in-memory one
 * included, receives what the hook returned. Without a hook the contributions are returned as they are:
 * no wrapper, no cost. Hook failures are reported as adapter `redact`.
 */
export function withRedactHook(
  composed: ComposedContributions,
  hook: RedactHookV1 | undefined,
  reporter: FaultReporter,
): ComposedContributions {
  if (hook === undefined) return composed;
  const failed = (operation: string, error: unknown): void => reporter.report('redact', operation, error);
  return {
    ...composed,
    spanProcessors:
      composed.spanProcessors.length === 0
        ? []
        : [new RedactingSpanProcessor(composed.spanProcessors, hook, failed)],
    logProcessors:
      composed.logProcessors.length === 0
        ? []
        : [new RedactingLogRecordProcessor(composed.logProcessors, hook, failed)],
  };
}
