import { z } from 'zod';
import type { LabelMatcherV1 } from '../../spec/alerts/v1/label-matcher-v1.js';
import { matcherProblem, parseMatcher } from '../routing/label-matchers.js';
import { templateProblems } from './message-template.js';
import { tryParseDuration } from './parse-duration.js';

// The file form of rules and SLOs. Every object is strict, so a misspelt key is refused with its path.
// Cross-field checks (unique names, SLO references, window lengths, known metrics) are in parse-rules.ts.

/** A duration such as `30s`, `5m`, `1h`: a whole number and one unit. */
export const durationSchema = z.string().refine((text) => tryParseDuration(text) !== undefined, {
  message: 'expected a duration: a whole number and one unit (500ms, 30s, 5m, 1h, 30d)',
}) as unknown as z.ZodType<`${number}${'ms' | 's' | 'm' | 'h' | 'd'}`>;

const template = z.string().superRefine((text, context) => {
  for (const problem of templateProblems(text)) context.addIssue({ code: 'custom', message: problem });
});

const matcherObject = z
  .strictObject({
    name: z.string().min(1),
    operator: z.enum(['=', '!=', '=~', '!~']),
    value: z.string(),
  })
  .superRefine((matcher, context) => {
    const problem = matcherProblem(matcher);
    if (problem !== undefined) context.addIssue({ code: 'custom', message: problem, path: ['value'] });
  });

const matcher = z.union([
  z.string().transform((text, context): LabelMatcherV1 => {
    const parsed = parseMatcher(text);
    if (typeof parsed === 'string') {
      context.addIssue({ code: 'custom', message: parsed });
      return z.NEVER;
    }
    return parsed;
  }),
  matcherObject,
]);

/** Label matchers: `name="value"` strings or `{ name, operator, value }` objects. */
export const matchersSchema = z.array(matcher);
const comparison = z.enum(['>', '>=', '<', '<=']);
const seriesName = z.enum([
  'mcp.server.operation',
  'mcp.client.operation',
  'mcp_o11y.integration',
  'mcp_o11y.result.size',
]);
const ratio = z.number().min(0).max(1);
const count = z.number().int().nonnegative();
const seriesBase = {
  series: seriesName.optional(),
  matchers: matchersSchema.optional(),
  window: durationSchema.optional(),
};
/** An instrument name such as `process.cpu.utilization`. */
export const metricNameSchema = z
  .string()
  .regex(/^[A-Za-z][\w./-]{0,254}$/, 'expected an instrument name like process.cpu.utilization');
const byLabels = z.array(z.string().min(1));

const condition = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('error_ratio'),
    ...seriesBase,
    op: comparison.optional(),
    threshold: ratio,
    minCount: count.optional(),
  }),
  z.strictObject({
    kind: z.literal('latency'),
    ...seriesBase,
    quantile: z.enum(['p50', 'p95', 'p99']),
    op: comparison.optional(),
    threshold: z.number().positive(),
    minCount: count.optional(),
  }),
  z.strictObject({
    kind: z.literal('throughput'),
    ...seriesBase,
    op: comparison.optional(),
    threshold: z.number().nonnegative(),
  }),
  z.strictObject({
    kind: z.literal('consecutive_failures'),
    series: seriesName.optional(),
    matchers: matchersSchema.optional(),
    threshold: z.number().int().positive(),
  }),
  z.strictObject({
    kind: z.literal('metric'),
    metric: metricNameSchema,
    matchers: matchersSchema.optional(),
    aggregate: z.enum(['last', 'increase', 'rate', 'mean']).optional(),
    window: durationSchema.optional(),
    by: byLabels.optional(),
    op: comparison.optional(),
    threshold: z.number(),
    minCount: count.optional(),
  }),
  z.strictObject({
    kind: z.literal('metric_ratio'),
    numerator: z.strictObject({ metric: metricNameSchema, matchers: matchersSchema.optional() }),
    denominator: z.strictObject({ metric: metricNameSchema, matchers: matchersSchema.optional() }),
    window: durationSchema.optional(),
    by: byLabels.optional(),
    op: comparison.optional(),
    threshold: ratio,
    minCount: count.optional(),
  }),
  z.strictObject({
    kind: z.literal('in_flight'),
    matchers: matchersSchema.optional(),
    by: byLabels.optional(),
    threshold: z.number().nonnegative(),
  }),
  z.strictObject({
    kind: z.literal('circuit_breaker_open'),
    matchers: matchersSchema.optional(),
    includeHalfOpen: z.boolean().optional(),
  }),
  z.strictObject({
    kind: z.literal('health_check_status'),
    check: z.string().min(1).optional(),
    status: z.enum(['warn', 'fail']).optional(),
  }),
  z.strictObject({
    kind: z.literal('slo_burn_rate'),
    slo: z.string().min(1),
    windows: z
      .array(z.strictObject({ long: durationSchema, short: durationSchema, factor: z.number().positive() }))
      .min(1)
      .optional(),
    minCount: count.optional(),
  }),
]);

const labelName = z.string().regex(/^[A-Za-z_][\w.]*$/, 'expected a label name (letters, digits, _ and .)');

/** One rule in a file. */
export const alertRuleSchema = z.strictObject({
  name: z.string().regex(/^[A-Za-z_][\w:.-]*$/, 'expected a rule name like HighErrorRate'),
  condition,
  for: durationSchema.optional(),
  keepFiringFor: durationSchema.optional(),
  severity: z.enum(['low', 'medium', 'high', 'critical']),
  labels: z.record(labelName, z.string()).optional(),
  annotations: z
    .strictObject({
      summary: template.optional(),
      description: template.optional(),
      runbook: z.string().min(1).optional(),
      message: template.optional(),
    })
    .optional(),
  enabled: z.boolean().optional(),
});

/** One SLO in a file. */
export const sloSchema = z.strictObject({
  name: z.string().min(1),
  objective: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('availability'), target: z.number().gt(0).lt(1) }),
    z.strictObject({
      kind: z.literal('latency'),
      thresholdSeconds: z.number().positive(),
      target: z.number().gt(0).lt(1),
    }),
  ]),
  series: seriesName.optional(),
  matchers: matchersSchema.optional(),
  description: z.string().optional(),
});

/**
 * The `alerts` rules section of a config file: `{ rules, slos, defaultRules, customMetrics }`, each
 * optional. `customMetrics` names your own instruments so `metric` conditions may use them.
 */
export const alertRulesFileSchema = z.strictObject({
  rules: z.array(alertRuleSchema).optional(),
  slos: z.array(sloSchema).optional(),
  defaultRules: z.boolean().optional(),
  customMetrics: z.array(metricNameSchema).optional(),
});
