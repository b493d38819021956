import {
  type AdapterV1,
  createObservability,
  instrument,
  instrumentClient,
  type Observability,
} from '@mcp-o11y/core';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';

/** An observability handle for tests: in-memory only, quiet, with a fast alert on the flaky tool. */
export function createTestObservability(adapters: readonly AdapterV1[] = []): Promise<Observability> {
  return createObservability({
    adapters,
    service: { name: 'weather-mcp' },
    registerGlobals: false,
    shutdownHooks: { signals: false, stdinEnd: false, beforeExit: false },
    logging: { destination: false },
    runtimeMetrics: true,
    alerts: {
      defaultRules: false,
      console: false,
      state: false,
      evaluationInterval: '1s',
      rules: [
        {
          name: 'FlakyToolFailing',
          severity: 'high',
          condition: {
            kind: 'error_ratio',
            threshold: 0.2,
            minCount: 3,
            window: '1m',
            matchers: [{ name: 'gen_ai.tool.name', operator: '=', value: 'flaky' }],
          },
          annotations: { summary: 'Tool flaky fails too often', runbook: 'high_error_rate' },
        },
      ],
    },
  });
}

/** A v1 McpServer with three tools (one flaky), instrumented, and an instrumented client over InMemoryTransport. */
export async function startMcpServer(observability: Observability) {
  const server = new McpServer({ name: 'weather-mcp', version: '1.0.0' });
  let calls = 0;
  server.registerTool('get_forecast', { description: 'Forecast for a city' }, async () => {
    await new Promise((resolve) => setTimeout(resolve, 2 + Math.random() * 8));
    return { content: [{ type: 'text', text: 'sunny' }] };
  });
  server.registerTool('search_cities', { description: 'Find cities' }, async () => ({
    content: [{ type: 'text', text: 'Paris, Lyon' }],
  }));
  server.registerTool('flaky', { description: 'Fails one call in two' }, async () => {
    calls += 1;
    if (calls % 2 === 0) throw new Error('upstream weather API timed out');
    return { content: [{ type: 'text', text: 'ok' }] };
  });
  instrument(server, { observability });
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  await server.connect(serverTransport);
  const client = instrumentClient(new Client({ name: 'claude-desktop', version: '0.9.0' }), {
    observability,
  });
  await client.connect(clientTransport);
  return {
    client,
    /** Sends `rounds` calls to each tool. */
    async traffic(rounds: number): Promise<void> {
      for (let round = 0; round < rounds; round += 1) {
        await Promise.all([
          client.callTool({ name: 'get_forecast', arguments: {} }),
          client.callTool({ name: 'search_cities', arguments: {} }),
          client.callTool({ name: 'flaky', arguments: {} }),
        ]);
      }
    },
    async close(): Promise<void> {
      await client.close();
      await server.close();
    },
  };
}
