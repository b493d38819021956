import type { AlertsOptions, Observability } from '@mcp-o11y/core';
import { FLAKY_TOOL } from './demo-tools.ts';

/**
 * The demo's alerting: the default rule pack plus one rule tuned to a short run, delivered by the built-in
 * console notifier (stderr) because no notifier is configured. About 10 % of `get_weather` calls fail, so
 * `DemoFlakyTool` fires some 15 s into the run and resolves once traffic stops. State stays in memory: every
 * run starts clean.
 */
export const DEMO_RULE = 'DemoFlakyTool';

export const DEMO_ALERTS: AlertsOptions = {
  state: false,
  evaluationInterval: '2s',
  rules: [
    {
      name: DEMO_RULE,
      condition: {
        kind: 'error_ratio',
        matchers: [{ name: 'gen_ai.tool.name', operator: '=', value: FLAKY_TOOL }],
        window: '10s',
        threshold: 0.05,
        minCount: 10,
      },
      for: '10s',
      severity: 'medium',
      annotations: {
        summary:
          '{{labels.gen_ai.tool.name}} fails {{valuePercent}} % of its calls (above {{thresholdPercent}} %) over {{window}}',
      },
    },
  ],
  routing: { route: { groupWait: '2s', groupInterval: '4s', repeatInterval: '10m' } },
};

/** Longest wait for firing alerts to resolve after traffic stopped: the rule's window plus two ticks. */
const RESOLVE_WAIT_MS = 16_000;

/**
 * Once traffic has stopped, waits (bounded) until no alert fires any more, so the run ends with the resolve
 * on stderr. Returns at once when nothing fires.
 */
export async function waitForAlertsToResolve(
  observability: Observability,
  write: (text: string) => void,
): Promise<void> {
  const alerts = observability.alerts;
  // Only the demo rule: the default pack's SLO burn alerts read 15-minute windows and stay firing.
  const firing = () =>
    alerts?.listAlerts().filter((alert) => alert.name === DEMO_RULE && alert.state === 'firing').length ?? 0;
  if (firing() === 0) return;
  write(
    `mcp-o11y demo: traffic stopped; waiting up to ${RESOLVE_WAIT_MS / 1000} s for ${firing()} firing alert(s) to resolve...\n`,
  );
  const deadline = Date.now() + RESOLVE_WAIT_MS;
  while (firing() > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 250));
  // The resolve notification leaves at the next group flush; give it one group interval.
  await new Promise((resolve) => setTimeout(resolve, 4_500));
}
