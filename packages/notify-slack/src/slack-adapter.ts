import { type AdapterDescriptorV1, type AdapterV1, bindAdapter } from '@mcp-o11y/core';
import { createSlackNotifier } from './slack-notifier.js';
import { type SlackNotifierOptions, slackNotifierOptionsSchema } from './slack-options.js';

/**
 * The `notify-slack` adapter descriptor, for config-driven loading:
 * `adapters: [{ id: notify-slack, options: { webhookUrl: ${SLACK_WEBHOOK_URL} } }]`.
 */
export const adapter: AdapterDescriptorV1<SlackNotifierOptions> = {
  specificationVersion: 'v1',
  id: 'notify-slack',
  kinds: ['notifier'],
  parseOptions(raw: unknown): SlackNotifierOptions {
    // Throws the ZodError as is: core turns its issues into config paths.
    return slackNotifierOptionsSchema.parse(raw ?? {});
  },
  create(options, context) {
    const notifier = createSlackNotifier(options, { env: context.env, logger: context.logger });
    return {
      specificationVersion: 'v1',
      id: 'notify-slack',
      notifiers: [notifier],
      shutdown: () => notifier.close?.() ?? Promise.resolve(),
    };
  },
};

/**
 * Slack notifier adapter for `createObservability({ adapters: [slackNotifier()] })`. Without options it
 * reads `SLACK_WEBHOOK_URL` (or `SLACK_BOT_TOKEN` + `SLACK_CHANNEL`) when the adapter is created.
 */
export function slackNotifier(options: SlackNotifierOptions = {}): AdapterV1 {
  return bindAdapter(adapter, options);
}
