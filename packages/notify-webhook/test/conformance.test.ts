import { describeAdapterConformance, describeNotifierConformance } from '@mcp-o11y/testkit';
import { adapter, createWebhookNotifier } from '../src/index.js';

const url = 'https://alerts.example.com/hooks/c0nformanceHookT0ken?key=qu3ryS3cretValue';
const signingSecret = 'sign1ng-secret-for-conformance';
const bearerToken = 'b3arer-t0ken-for-conformance';
const clock = () => Date.UTC(2026, 0, 15, 10, 0, 0);

describeNotifierConformance({
  name: 'webhook (Alertmanager v4)',
  create: ({ fetch }) =>
    createWebhookNotifier({ url, signingSecret, bearerToken, fetch, clock }, { env: {} }),
  secrets: [url, 'c0nformanceHookT0ken', 'qu3ryS3cretValue', signingSecret, bearerToken],
  snapshot: (request) => ({
    headers: {
      'content-type': request.headers['content-type'],
      'x-mcp-o11y-timestamp': request.headers['x-mcp-o11y-timestamp'],
      'x-mcp-o11y-signature': request.headers['x-mcp-o11y-signature'],
    },
    body: request.json(),
  }),
});

describeNotifierConformance({
  name: 'webhook (basic auth in the URL)',
  create: ({ fetch }) =>
    createWebhookNotifier({ url: 'https://ops:pa55w0rd-in-url@alerts.example.com/am', fetch }, { env: {} }),
  secrets: ['pa55w0rd-in-url', Buffer.from('ops:pa55w0rd-in-url').toString('base64')],
});

describeAdapterConformance({
  name: 'notify-webhook',
  descriptor: adapter,
  options: {},
  env: { MCP_O11Y_WEBHOOK_URL: url, MCP_O11Y_WEBHOOK_SECRET: signingSecret },
  importModule: () => import('../src/index.js'),
});
