import { z } from 'zod';
import {
  alertRuleSchema,
  durationSchema,
  matchersSchema,
  metricNameSchema,
  sloSchema,
} from '../alerts/engine/alert-rules-schema.js';
import type { RouteV1 } from '../spec/alerts/v1/route-v1.js';

// The `alerts` section. Rules and SLOs reuse the rule file schema; cross-field checks (unique names,
// known metrics, SLO references, windows within the memory retention) run after it, in
// check-alerts-config.ts. Notifier ids are checked when the adapters have created their notifiers.

const notifierIds = z.array(z.string().min(1));
const severity = z.enum(['low', 'medium', 'high', 'critical']);

/** One node of the routing tree, Alertmanager style; children under `routes`. */
export const routeConfigSchema: z.ZodType<RouteV1> = z
  .strictObject({
    notifiers: notifierIds.optional().describe('Notifier ids this route delivers to. Inherited when unset.'),
    matchers: matchersSchema
      .optional()
      .describe('All must match, e.g. `severity="critical"` or `tool=~"search|fetch"`. Not on the root.'),
    continue: z
      .boolean()
      .optional()
      .describe('After matching, keep trying the next siblings. Default false.'),
    groupBy: z
      .array(z.string().min(1))
      .optional()
      .describe(
        "Labels splitting alerts into notifications; `['...']` for every label. Root default alertname.",
      ),
    groupWait: durationSchema.optional().describe('Wait before a new group notifies. Root default 30s.'),
    groupInterval: durationSchema
      .optional()
      .describe('Minimum time between notifications of a changed group. Root default 5m.'),
    repeatInterval: durationSchema
      .optional()
      .describe('Re-send an unchanged firing group after this (the cooldown). Root default 4h.'),
    get routes() {
      return z.array(routeConfigSchema).optional().describe('Child routes, tried in order.');
    },
  })
  .meta({
    id: 'AlertRoute',
    description: 'A route of the alert routing tree.',
  }) as unknown as z.ZodType<RouteV1>;

const inhibitRuleSchema = z
  .strictObject({
    sourceMatchers: matchersSchema.describe('What a muting alert looks like, e.g. `severity="critical"`.'),
    targetMatchers: matchersSchema.describe('What a muted alert looks like.'),
    equal: z.array(z.string().min(1)).optional().describe('Labels that must be equal on both. Default none.'),
  })
  .describe('Mutes target alerts while a source alert fires.');

const escalationSchema = z
  .strictObject({
    severities: z.array(severity).min(1).describe('Severities this policy escalates.'),
    steps: z
      .array(
        z.strictObject({
          after: durationSchema.describe('Time firing without acknowledgement.'),
          notifiers: notifierIds.min(1).describe('Notifier ids to add.'),
        }),
      )
      .min(1),
  })
  .describe('Notify more notifiers when an alert stays unacknowledged.');

const positiveNumber = z.number().positive();
const deliverySettingsSchema = z
  .strictObject({
    attemptTimeoutMs: positiveNumber.optional().describe('Longest single send, in ms. Default 10000.'),
    deadlineMs: positiveNumber.optional().describe('Budget of one delivery round, in ms. Default 30000.'),
    maxAttempts: z.number().int().min(1).optional().describe('Most attempts per notification. Default 10.'),
    maxReschedules: z
      .number()
      .int()
      .min(0)
      .optional()
      .describe('Most new rounds per notification. Default 3.'),
    queueSize: z
      .number()
      .int()
      .min(1)
      .optional()
      .describe('Notifications waiting per notifier. Default 100.'),
    ratePerMinute: positiveNumber.optional().describe('Sustained attempts per minute. Default 20.'),
    burst: positiveNumber.optional().describe('Attempts allowed back to back. Default 5.'),
    backoff: z
      .strictObject({
        initialMs: positiveNumber.optional().describe('First retry wait, in ms. Default 500.'),
        multiplier: z.number().min(1).optional().describe('Growth per retry. Default 2.'),
        maxMs: positiveNumber.optional().describe('Longest wait, in ms. Default 30000.'),
        jitter: z.number().min(0).lt(1).optional().describe('Random spread, 0.2 = ±20 %. Default 0.2.'),
      })
      .optional(),
  })
  .describe('Delivery settings of a notifier.');

/** `alerts`: the in-process alert engine, or `false` to turn it off. */
export const alertsConfigSchema = z
  .union([
    z.literal(false),
    z.strictObject({
      mode: z
        .enum(['all', 'leader-only', 'off'])
        .optional()
        .describe(
          'all: this process evaluates and notifies. leader-only: only while env MCP_O11Y_ALERTS_LEADER is true. off: no engine (use Prometheus + Alertmanager). Default all.',
        ),
      rules: z.array(alertRuleSchema).optional().describe('Your rules, added to the default pack.'),
      slos: z.array(sloSchema).optional().describe('Objectives that slo_burn_rate rules refer to.'),
      defaultRules: z.boolean().optional().describe('Add the default rule pack and SLOs. Default true.'),
      customMetrics: z
        .array(metricNameSchema)
        .optional()
        .describe('Your own instruments that metric conditions may name.'),
      routing: z
        .strictObject({
          route: routeConfigSchema.optional(),
          inhibitRules: z.array(inhibitRuleSchema).optional(),
          notifiers: z
            .record(
              z.string().min(1),
              z.strictObject({
                sendResolved: z.boolean().optional().describe('Send resolve notifications. Default true.'),
              }),
            )
            .optional()
            .describe('Per-notifier settings, keyed by notifier id.'),
          escalations: z.array(escalationSchema).optional(),
        })
        .optional()
        .describe('Where alerts go and what mutes them. Default: every notifier, grouped by alertname.'),
      evaluationInterval: durationSchema.optional().describe('Time between evaluations. Default 15s.'),
      retention: durationSchema
        .optional()
        .describe(
          'Closed incidents, expired silences and the notification log are kept this long. Default 30d.',
        ),
      state: z
        .union([
          z.literal(false),
          z.strictObject({
            directory: z
              .string()
              .min(1)
              .optional()
              .describe('Default: env MCP_O11Y_STATE_DIR, else .mcp-o11y/state in the working directory.'),
          }),
        ])
        .optional()
        .describe('Where alert state survives restarts; false keeps it in memory only.'),
      delivery: z
        .strictObject({
          defaults: deliverySettingsSchema.optional(),
          perNotifier: z.record(z.string().min(1), deliverySettingsSchema).optional(),
          closeTimeoutMs: positiveNumber
            .optional()
            .describe('On shutdown, how long notifications in flight may take, in ms. Default 5000.'),
        })
        .optional(),
      console: z
        .boolean()
        .optional()
        .describe('Also write alerts to stderr. Default: only when no adapter contributes a notifier.'),
    }),
  ])
  .describe('The in-process alert engine; false turns it off. Default: on, with the default rule pack.');
