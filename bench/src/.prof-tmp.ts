// temporary profiling driver (not committed)
import { openSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createObservability, instrument } from '@mcp-o11y/core';

const req = createRequire(new URL('../../packages/core/package.json', import.meta.url));
const { McpServer } = req('@modelcontextprotocol/sdk/server/mcp.js');
const { Client } = req('@modelcontextprotocol/sdk/client/index.js');
const { InMemoryTransport } = req('@modelcontextprotocol/sdk/inMemory.js');
const { z } = req('zod');
const devNull = openSync('/dev/null', 'w');
const mode = process.argv[2] ?? 'full';
const obs = await createObservability({
  memory: mode === 'noop' ? false : undefined,
  logging: { destination: devNull, requests: false },
  shutdownHooks: { signals: false, stdinEnd: false, beforeExit: false },
  registerGlobals: false,
});
const server = new McpServer({ name: 'b', version: '1' });
server.registerTool('echo', { inputSchema: { text: z.string() } }, async ({ text }: { text: string }) => ({
  content: [{ type: 'text', text }],
}));
if (mode !== 'bare') instrument(server, { observability: obs });
const client = new Client({ name: 'c', version: '1' });
const [a, b] = InMemoryTransport.createLinkedPair();
await server.connect(b);
await client.connect(a);
const args = { name: 'echo', arguments: { text: 'hi' } };
for (let i = 0; i < 20000; i++) await client.callTool(args);
const t = process.hrtime.bigint();
const n = 300000;
for (let i = 0; i < n; i++) await client.callTool(args);
console.log(mode, Number(process.hrtime.bigint() - t) / n, 'ns/call');
await client.close();
await obs.shutdown();
