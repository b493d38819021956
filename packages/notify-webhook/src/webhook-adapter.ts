import { type AdapterDescriptorV1, type AdapterV1, bindAdapter } from '@mcp-o11y/core';
import { createWebhookNotifier } from './webhook-notifier.js';
import { type WebhookNotifierOptions, webhookNotifierOptionsSchema } from './webhook-options.js';

/**
 * The `notify-webhook` adapter descriptor, for config-driven loading:
 * `adapters: [{ id: notify-webhook, options: { url: ${MCP_O11Y_WEBHOOK_URL} } }]`.
 */
export const adapter: AdapterDescriptorV1<WebhookNotifierOptions> = {
  specificationVersion: 'v1',
  id: 'notify-webhook',
  kinds: ['notifier'],
  parseOptions(raw: unknown): WebhookNotifierOptions {
    // Throws the ZodError as is: core turns its issues into config paths.
    return webhookNotifierOptionsSchema.parse(raw ?? {});
  },
  create(options, context) {
    const notifier = createWebhookNotifier(options, { env: context.env, logger: context.logger });
    return {
      specificationVersion: 'v1',
      id: 'notify-webhook',
      notifiers: [notifier],
      shutdown: () => notifier.close?.() ?? Promise.resolve(),
    };
  },
};

/**
 * Webhook notifier adapter for `createObservability({ adapters: [webhookNotifier()] })`. Without options
 * it reads `MCP_O11Y_WEBHOOK_URL` (and `MCP_O11Y_WEBHOOK_SECRET`, `MCP_O11Y_WEBHOOK_TOKEN`) when created.
 */
export function webhookNotifier(options: WebhookNotifierOptions = {}): AdapterV1 {
  return bindAdapter(adapter, options);
}
