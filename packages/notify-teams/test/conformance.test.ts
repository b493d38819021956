import { describeAdapterConformance, describeNotifierConformance } from '@mcp-o11y/testkit';
import { adapter, createTeamsNotifier } from '../src/index.js';

const signature = 'c2lnbmF0dXJlLXNlY3JldC0xMjM0NTY3ODkw';
const webhookUrl =
  'https://prod-42.westeurope.logic.azure.com:443/workflows/5f0c1d2e3b4a59687766554433221100/triggers/manual/paths/invoke' +
  `?api-version=2016-06-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=${signature}`;

describeNotifierConformance({
  name: 'teams',
  create: ({ fetch }) => createTeamsNotifier({ webhookUrl, fetch }),
  secrets: [signature, webhookUrl, new URL(webhookUrl).href],
  snapshot: (request) => request.json(),
});

describeNotifierConformance({
  name: 'teams (retired MessageCard format)',
  create: ({ fetch }) => createTeamsNotifier({ webhookUrl, fetch, format: 'messagecard' }),
  secrets: [signature, webhookUrl],
  snapshot: (request) => request.json(),
});

describeAdapterConformance({
  name: 'notify-teams',
  descriptor: adapter,
  options: {},
  env: { TEAMS_WEBHOOK_URL: webhookUrl },
  importModule: () => import('../src/index.js'),
});
