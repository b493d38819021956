import { instrument, instrumentClient, type Observability } from '@mcp-o11y/core';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { PushgatewayOptions } from '../src/index.js';
import { observeWithPrometheus } from './observe.js';
import { type RealServer, startRealServer } from './real-servers.js';

// A short-lived (stdio-like) MCP server pushes through a real Pushgateway (Debian's package).
let gateway: RealServer | undefined;
const started: Observability[] = [];

beforeAll(async () => {
  gateway = await startRealServer({
    binary: '/usr/bin/prometheus-pushgateway',
    args: (port) => [`--web.listen-address=127.0.0.1:${port}`, '--log.level=warn'],
    readyPath: '/-/ready',
  });
}, 60_000);

afterAll(async () => {
  for (const observability of started) await observability.shutdown();
  await gateway?.stop();
});

interface Group {
  readonly labels: Record<string, string>;
  readonly [metric: string]: unknown;
}

async function groups(): Promise<Group[]> {
  const body = (await (await fetch(`${gateway?.url}/api/v1/metrics`)).json()) as { data: Group[] };
  return body.data;
}

async function exposition(): Promise<string> {
  return (await fetch(`${gateway?.url}/metrics`)).text();
}

/** One short-lived server run: calls `echo` `calls` times over MCP, then flushes (one push). */
async function runServer(push: PushgatewayOptions, calls: number): Promise<Observability> {
  const { observability } = await observeWithPrometheus({
    pushgateway: { url: gateway?.url, intervalMillis: 0, ...push },
  });
  started.push(observability);
  const server = new McpServer({ name: 'stdio-mcp', version: '1.0.0' });
  server.registerTool('echo', { inputSchema: { text: z.string() } }, async ({ text }) => ({
    content: [{ type: 'text', text }],
  }));
  instrument(server, { observability });
  const client = instrumentClient(new Client({ name: 'desktop', version: '1.0.0' }), { observability });
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  await server.connect(serverTransport);
  await client.connect(clientTransport);
  for (let call = 0; call < calls; call += 1)
    await client.callTool({ name: 'echo', arguments: { text: 'x' } });
  await client.close();
  await observability.forceFlush();
  return observability;
}

describe('a real Pushgateway', () => {
  it('receives one group per instance, keeps it after a plain shutdown and drops it with deleteOnShutdown', async () => {
    const keeper = await runServer({ job: 'stdio-mcp', instance: 'desk-1' }, 4);
    const leaver = await runServer({ job: 'stdio-mcp', instance: 'desk-2', deleteOnShutdown: true }, 2);

    const pushed = await groups();
    const instances = pushed
      .filter((group) => group.labels.job === 'stdio-mcp')
      .map((group) => group.labels.instance);
    expect(instances.sort()).toEqual(['desk-1', 'desk-2']);
    for (const group of pushed) expect(group.last_push_successful).toBe(true);
    const text = await exposition();
    expect(text).toMatch(
      /^mcp_server_operation_duration_seconds_count\{(?=[^}]*gen_ai_tool_name="echo")(?=[^}]*instance="desk-1")(?=[^}]*job="stdio-mcp")[^}]*\} 4$/m,
    );
    expect(text).toMatch(
      /^mcp_server_operation_duration_seconds_count\{(?=[^}]*gen_ai_tool_name="echo")[^}]*instance="desk-2"[^}]*\} 2$/m,
    );

    // A plain shutdown pushes the final state; the group stays for Prometheus to scrape.
    await keeper.shutdown();
    // A clean exit with deleteOnShutdown removes the group.
    await leaver.shutdown();
    const after = (await groups()).filter((group) => group.labels.job === 'stdio-mcp');
    expect(after.map((group) => group.labels.instance)).toEqual(['desk-1']);
    expect(await exposition()).not.toContain('instance="desk-2"');
  }, 30_000);
});
