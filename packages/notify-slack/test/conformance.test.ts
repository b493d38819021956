import { describeAdapterConformance, describeNotifierConformance } from '@mcp-o11y/testkit';
import { adapter, createSlackNotifier } from '../src/index.js';

const webhookUrl = 'https://hooks.slack.com/services/T0CONFORM/B0CONFORM/c0nformanceWebhookT0ken';
const token = 'xoxb-conformance-bot-t0ken';

describeNotifierConformance({
  name: 'slack (incoming webhook)',
  create: ({ fetch }) => createSlackNotifier({ webhookUrl, fetch }, { env: {} }),
  secrets: [webhookUrl, 'c0nformanceWebhookT0ken'],
  // The body only: the URL is the credential.
  snapshot: (request) => request.json(),
});

describeNotifierConformance({
  name: 'slack (bot token, chat.postMessage)',
  create: ({ fetch }) => createSlackNotifier({ token, channel: 'C0ALERTS01', fetch }, { env: {} }),
  secrets: [token],
  success: [{ status: 200, body: { ok: true, channel: 'C0ALERTS01', ts: '1768469400.000100' } }],
});

describeAdapterConformance({
  name: 'notify-slack',
  descriptor: adapter,
  options: {},
  env: { SLACK_WEBHOOK_URL: webhookUrl },
  importModule: () => import('../src/index.js'),
});
