import { type AdapterDescriptorV1, type AdapterV1, bindAdapter } from '@mcp-o11y/core';
import { createTeamsNotifier } from './teams-notifier.js';
import { type TeamsNotifierOptions, teamsOptionsSchema } from './teams-options.js';

/**
 * The `notify-teams` adapter descriptor, for config-driven loading:
 * `adapters: [{ id: notify-teams, options: { webhookUrl: ${TEAMS_WEBHOOK_URL} } }]`.
 */
export const adapter: AdapterDescriptorV1<TeamsNotifierOptions> = {
  specificationVersion: 'v1',
  id: 'notify-teams',
  kinds: ['notifier'],
  parseOptions: (raw) => teamsOptionsSchema.parse(raw),
  create: (options, context) => ({
    specificationVersion: 'v1',
    id: 'notify-teams',
    notifiers: [createTeamsNotifier(options, context)],
  }),
};

/**
 * A Microsoft Teams notifier (Power Automate Workflows webhook, Adaptive Card 1.4) to pass to
 * `createObservability({ adapters: [...] })`. The webhook URL defaults to env `TEAMS_WEBHOOK_URL`.
 */
export function teamsNotifier(options: TeamsNotifierOptions = {}): AdapterV1 {
  return bindAdapter(adapter, options);
}
