// Child process of the secrets test: the pipeline from all-adapters.yaml (every secret from the env), an
// instrumented MCP server and client under traffic with secrets in arguments and errors, a firing alert
// whose every delivery fails, the health endpoint and the dashboard. Its stderr is the logger's stream.
// Usage: node secrets.child.ts <config path>; the secrets arrive in the environment.
import {
  createIntegration,
  createObservability,
  instrument,
  instrumentClient,
  loadConfig,
  startHealthServer,
} from '@mcp-o11y/core';
import { startDashboard } from '@mcp-o11y/dashboard';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';

export interface SecretsChildReady {
  readonly type: 'ready';
  readonly dashboardUrl: string;
  readonly healthUrl: string;
  /** Error messages the library produced: delivery outcomes, dead letters, thrown errors. */
  readonly messages: readonly string[];
}

const [configPath] = process.argv.slice(2);
if (configPath === undefined) throw new Error('usage: secrets.child.ts <config path>');
const env = process.env;
const required = (name: string): string => {
  const value = env[name];
  if (value === undefined) throw new Error(`secrets.child.ts: ${name} is not set`);
  return value;
};
const databaseUrl = required('DATABASE_URL');
const bearer = required('UPSTREAM_BEARER_TOKEN');
const apiKey = required('UPSTREAM_API_KEY');
const messages: string[] = [];
// The pipeline's timers are unref'd (a finished stdio server must exit); a real server's socket keeps it
// alive, this script's own timer stands in for it until the parent says stop.
const keepAlive = setInterval(() => undefined, 1_000);
const caught = (error: unknown) => messages.push(error instanceof Error ? `${error.message}` : String(error));

const observability = await createObservability({
  ...(await loadConfig(configPath)),
  shutdownHooks: { signals: false, stdinEnd: false, beforeExit: false },
});

// An MCP server whose tools see secrets: in arguments (captured for one tool, not for the other) and in
// the errors of the systems they call.
const server = new McpServer({ name: 'secrets-server', version: '1.0.0' });
const lookupInput = { query: z.string(), apiKey: z.string(), headers: z.record(z.string(), z.string()) };
const lookup = async () => ({ content: [{ type: 'text' as const, text: 'found' }] });
server.registerTool('lookup', { inputSchema: lookupInput }, lookup);
server.registerTool('lookup_private', { inputSchema: lookupInput }, lookup);
server.registerTool('db_query', { inputSchema: { sql: z.string() } }, async () => {
  throw new Error(`connect ECONNREFUSED 10.0.0.5:5432 (${databaseUrl})`);
});
server.registerTool('call_upstream', { inputSchema: { url: z.string() } }, async ({ url }) => {
  throw Object.assign(new Error(`upstream ${url} answered 401 to "Authorization: Bearer ${bearer}"`), {
    config: { headers: { Authorization: `Bearer ${bearer}` } },
  });
});
instrument(server, { observability, capture: { arguments: ['lookup'], results: ['lookup'] } });
const client = instrumentClient(new Client({ name: 'secrets-client', version: '1.0.0' }), { observability });
const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
await server.connect(serverTransport);
await client.connect(clientTransport);

const lookupArguments = {
  query: 'weather in Oslo',
  apiKey,
  headers: { Authorization: `Bearer ${bearer}`, 'X-Api-Key': apiKey },
};
for (let round = 0; round < 3; round += 1) {
  await client.callTool({ name: 'lookup', arguments: lookupArguments });
  await client.callTool({ name: 'lookup_private', arguments: lookupArguments });
  await client.callTool({ name: 'db_query', arguments: { sql: 'SELECT 1' } });
  await client.callTool({
    name: 'call_upstream',
    arguments: { url: `https://api.example.com/v1/data?api_key=${apiKey}` },
  });
}

// An outbound integration failing with the connection string in its error, and the app's own log lines.
const database = createIntegration({
  name: 'postgres',
  kind: 'database',
  observability,
  retry: { maxAttempts: 1 },
});
for (let attempt = 0; attempt < 2; attempt += 1) {
  await database
    .execute(
      async () => {
        throw Object.assign(new Error(`password authentication failed: ${databaseUrl}`), { code: '28P01' });
      },
      { operation: 'SELECT' },
    )
    .catch(() => undefined);
}
observability.logger.info('connecting to the database', { target: databaseUrl });
observability.logger.warn(`upstream refused the request with Authorization: Bearer ${bearer}`);
observability.logger.error('upstream call failed', {
  err: new Error(`GET https://api.example.com/v1?api_key=${apiKey} failed`),
});

// The alert fires and every notifier fails: reasons end up in logs, dead letters, incidents and health.
const alerts = observability.alerts;
if (alerts === undefined) throw new Error('secrets.child.ts: alerting is off');
for (let attempt = 0; attempt < 100; attempt += 1) {
  await alerts.evaluateNow();
  const stats = Object.values(alerts.deliveryStats());
  if (stats.length > 0 && stats.every((each) => each.failed > 0 || each.delivered > 0)) break;
  await new Promise((resolve) => setTimeout(resolve, 100));
}
for (const { notifierId, outcome } of await alerts.sendTestNotification()) {
  messages.push(`${notifierId}: ${outcome.status} ${outcome.reason ?? ''}`);
}
for (const letter of alerts.deadLetters()) messages.push(JSON.stringify(letter));
for (const [id, stats] of Object.entries(alerts.deliveryStats())) {
  messages.push(`${id}: ${stats.lastFailureReason ?? ''}`);
}
try {
  alerts.silence({ matchers: [], createdBy: `Bearer ${bearer}`, comment: databaseUrl });
} catch (error) {
  caught(error);
}
await observability.health.run({ fresh: true });
await observability.forceFlush();

const health = await startHealthServer(observability, {
  port: 0,
  env: {},
  auth: { basic: { username: 'probe', password: required('HEALTH_PASSWORD') } },
});
const dashboard = await startDashboard({
  observability,
  port: 0,
  env: {},
  token: required('DASHBOARD_TOKEN'),
});
process.send?.({
  type: 'ready',
  dashboardUrl: `http://127.0.0.1:${dashboard.port}`,
  healthUrl: health.url,
  messages,
} satisfies SecretsChildReady);

process.on('message', (message: { type: string }) => {
  if (message.type !== 'stop') return;
  void (async () => {
    await client.close();
    await health.close();
    await dashboard.close();
    await observability.shutdown();
    clearInterval(keepAlive);
    process.send?.({ type: 'stopped' });
    process.disconnect();
  })();
});
