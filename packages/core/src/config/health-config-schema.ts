import { z } from 'zod';

/** `health`: the health check runner behind `/health/*` and the `HealthCheckFailing` alert. */
export const healthConfigSchema = z
  .strictObject({
    timeoutMs: z
      .number()
      .int()
      .positive()
      .optional()
      .describe('Time each check may take before it is aborted and reported as fail, in ms. Default 5000.'),
    cacheTtlMs: z
      .number()
      .int()
      .min(0)
      .optional()
      .describe(
        'How long a report is reused so a polled endpoint does not re-run expensive checks, in ms. Default 2000.',
      ),
    builtInChecks: z
      .boolean()
      .optional()
      .describe(
        'Run the built-in checks: event loop, memory, disk space, configuration, adapters, notifiers, circuit breakers. Default true.',
      ),
  })
  .describe('Health checks: per-check timeout, report cache, built-in checks.');
