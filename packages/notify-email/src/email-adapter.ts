import { type AdapterDescriptorV1, type AdapterV1, bindAdapter } from '@mcp-o11y/core';
import { createEmailNotifier } from './email-notifier.js';
import { type EmailNotifierOptions, emailOptionsSchema } from './email-options.js';

/**
 * The descriptor config-driven loading uses: `adapters: [{ id: notify-email, options: { ... } }]`.
 * Options left out fall back to `SMTP_SERVER`, `SMTP_PORT`, `SMTP_USERNAME`, `SMTP_PASSWORD`,
 * `ALERT_FROM_EMAIL` and `ALERT_TO_EMAILS` from the context's env.
 */
export const adapter: AdapterDescriptorV1<EmailNotifierOptions> = {
  specificationVersion: 'v1',
  id: 'notify-email',
  kinds: ['notifier'],
  parseOptions: (raw) => emailOptionsSchema.parse(raw),
  create(options, context) {
    const notifier = createEmailNotifier(options, { env: context.env, logger: context.logger });
    return {
      specificationVersion: 'v1',
      id: 'notify-email',
      notifiers: [notifier],
      shutdown: () => notifier.close?.() ?? Promise.resolve(),
    };
  },
};

/**
 * Email alerts over SMTP: `createObservability({ adapters: [emailNotifier({ to: 'oncall@example.com' })] })`.
 * Every option falls back to its env var; see {@link EmailNotifierOptions}.
 */
export function emailNotifier(options: EmailNotifierOptions = {}): AdapterV1 {
  return bindAdapter(adapter, options);
}
