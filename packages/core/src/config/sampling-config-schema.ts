import { z } from 'zod';

/** `sampling`: head sampling of traces; the same fields as the `sampling` option. */
export const samplingConfigSchema = z
  .strictObject({
    ratio: z
      .number()
      .min(0)
      .max(1)
      .optional()
      .describe(
        'Share of new traces sampled, 0 to 1, by trace id. Default: env OTEL_TRACES_SAMPLER / OTEL_TRACES_SAMPLER_ARG, else 1.',
      ),
    parentBased: z
      .boolean()
      .optional()
      .describe(
        "Follow the parent span's (the caller's traceparent) decision; the ratio applies to new traces. Default: env OTEL_TRACES_SAMPLER, else true.",
      ),
    keepErrors: z
      .boolean()
      .optional()
      .describe(
        'Export spans that end in error although the ratio did not sample their trace (not under an unsampled caller). Default false.',
      ),
    keepSlowerThanMs: z
      .number()
      .min(0)
      .optional()
      .describe(
        'Export spans slower than this many milliseconds although the ratio did not sample their trace. Default: none.',
      ),
  })
  .describe(
    "Head sampling of traces. Metrics and the in-memory windows count every request. Keeping whole failed traces is tail sampling: use the OpenTelemetry Collector's tail_sampling processor.",
  );
