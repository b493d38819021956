import {
  AlertEngine,
  type AlertRuleV1,
  InMemoryBackend,
  type NotificationAlertV1,
  type NotificationV1,
} from '@mcp-o11y/core';
import fc from 'fast-check';
import { hostileKey, hostileString, hugeString, INJECTIONS } from './hostile-values.js';

// Notifications carrying hostile text: made by a real AlertEngine from series whose label values an
// attacker chose (what a hostile MCP client can reach), or generated directly for every field.

/** Label keys a notification carries, plus prototype names and junk. */
const LABEL_KEYS = [
  'gen_ai.tool.name',
  'mcp.method.name',
  'service',
  'severity',
  'alertname',
  'team',
] as const;

/** URLs a rule author (or an attacker who wrote a label into one) could put behind a link. */
const URLS = [
  'https://runbooks.example.com/mcp/HighErrorRate',
  'javascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'https://evil.example/a)b](c)<d>"e"',
  'https://evil.example/|<!channel>',
  'http://[::1]:80/x',
  'not a url',
  '',
] as const;

const text = fc.oneof(
  { weight: 6, arbitrary: hostileString(6) },
  { weight: 1, arbitrary: hugeString(5_000, 60_000) },
);

const alertArbitrary: fc.Arbitrary<NotificationAlertV1> = fc.record(
  {
    fingerprint: text,
    name: text,
    severity: fc.constantFrom('low', 'medium', 'high', 'critical'),
    status: fc.constantFrom('firing', 'resolved'),
    labels: fc.dictionary(hostileKey(LABEL_KEYS), text, { maxKeys: 6 }),
    annotations: fc.dictionary(hostileKey(['summary', 'description', 'runbook', 'message']), text, {
      maxKeys: 4,
    }),
    value: fc.oneof(fc.double(), fc.integer()),
    startsAt: fc.integer({ min: 0, max: 4_102_444_800_000 }),
    endsAt: fc.integer({ min: 0, max: 4_102_444_800_000 }),
    runbookUrl: fc.constantFrom(...URLS),
    dashboardUrl: fc.constantFrom(...URLS),
  },
  { requiredKeys: ['fingerprint', 'name', 'severity', 'status', 'labels', 'annotations', 'startsAt'] },
);

/** A notification with hostile text in every free-text field, one to sixty alerts. */
export const hostileNotification: fc.Arbitrary<NotificationV1> = fc
  .record({
    groupKey: text,
    title: text,
    service: text,
    severity: fc.constantFrom('low', 'medium', 'high', 'critical'),
    commonLabels: fc.dictionary(hostileKey(LABEL_KEYS), text, { maxKeys: 4 }),
    alerts: fc.oneof(
      { weight: 3, arbitrary: fc.array(alertArbitrary, { minLength: 1, maxLength: 3 }) },
      { weight: 1, arbitrary: fc.array(alertArbitrary, { minLength: 20, maxLength: 60 }) },
    ),
  })
  .map((fields) => ({
    ...fields,
    status: fields.alerts.some((alert) => alert.status === 'firing') ? 'firing' : 'resolved',
  }));

/** The templates the engine renders with hostile labels: placeholders, prototype names, replacement patterns. */
export const HOSTILE_TEMPLATE =
  'Tool {{labels.gen_ai.tool.name}} of {{ labels.mcp.method.name }} fails; {{labels.constructor}} {{labels.__proto__}} {{alertname}} $& $1 {{labels.missing}}';

/** What {@link HOSTILE_TEMPLATE} must render to: label values verbatim, gaps visible, nothing re-expanded. */
export function expectedRendering(tool: string, method: string, alertname: string): string {
  return `Tool ${tool} of ${method} fails; {{?labels.constructor}} {{?labels.__proto__}} ${alertname} $& $1 {{?labels.missing}}`;
}

/**
 * Runs a real AlertEngine over a real in-memory backend whose series carry the given tool names (the
 * labels a hostile client chooses) and returns the notifications it sent: one error-ratio rule with
 * {@link HOSTILE_TEMPLATE} as summary, fired once per tool and grouped by tool.
 */
export async function notificationsFromEngine(
  tools: readonly string[],
  method = 'tools/call',
): Promise<NotificationV1[]> {
  let now = Date.UTC(2026, 0, 15, 9, 0, 0);
  const clock = () => now;
  const backend = new InMemoryBackend({}, clock);
  for (const tool of tools) {
    const series = backend.series('mcp.server.operation', {
      'mcp.method.name': method,
      'gen_ai.tool.name': tool,
    });
    for (let call = 0; call < 3; call += 1) series.observe(0.05, true);
  }
  const rule: AlertRuleV1 = {
    name: 'ToolFailing',
    condition: { kind: 'error_ratio', threshold: 0.5, window: '1m', minCount: 1 },
    severity: 'high',
    annotations: { summary: HOSTILE_TEMPLATE, description: '{{labels.gen_ai.tool.name}}'.repeat(3) },
  };
  const sent: NotificationV1[] = [];
  const errors: unknown[] = [];
  const engine = new AlertEngine({
    source: backend,
    sink: {
      deliver: async (_notifier, notification) => {
        sent.push(notification);
        return { status: 'delivered', attempts: 1 };
      },
    },
    notifiers: ['chat'],
    defaultRules: false,
    rules: [rule],
    routing: { route: { notifiers: ['chat'], groupBy: ['alertname', 'gen_ai.tool.name'], groupWait: '1s' } },
    clock,
    scheduler: { setTimeout: () => undefined, clearTimeout: () => undefined },
    onError: (error) => errors.push(error),
  });
  await engine.evaluateNow();
  now += 2_000;
  await engine.evaluateNow();
  await engine.drain();
  await engine.stop();
  if (errors.length > 0) throw new Error(`the engine reported ${errors.length} errors`, { cause: errors[0] });
  return sent;
}

/** Label values a hostile client gets into series: every injection alone, and a few combined. */
export const INJECTED_TOOL_NAMES: readonly string[] = [
  ...INJECTIONS,
  INJECTIONS.join(' '),
  `${'<!channel>'.repeat(5_000)}`,
  '\ud800\udc00\ud800',
];
