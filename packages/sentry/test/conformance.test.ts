import { describeAdapterConformance } from '@mcp-o11y/testkit';
import { afterAll } from 'vitest';
import { adapter } from '../src/index.js';
import { startEnvelopeReceiver } from './envelope-receiver.js';

const receiver = await startEnvelopeReceiver();
afterAll(() => receiver.close());

describeAdapterConformance({
  name: 'sentry',
  descriptor: adapter,
  // The DSN comes from the context's env, as in production; logs on so the log check reaches Sentry.
  options: { tracesSampleRate: 1, enableLogs: true },
  env: { SENTRY_DSN: receiver.dsn, SENTRY_ENVIRONMENT: 'conformance' },
  receive: {
    // Each transaction is a span the backend received: its name and trace id.
    spans: async () =>
      receiver.items('transaction').map((transaction) => ({
        name: transaction.transaction,
        traceId: transaction.contexts.trace.trace_id,
      })),
    logs: async () => receiver.items('log').flatMap((container) => container.items),
  },
  importModule: () => import('../src/index.js'),
  receiveTimeoutMs: 10_000,
});
