import { openSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createObservability, instrument } from '@mcp-o11y/core';

const req = createRequire(new URL('../../packages/core/package.json', import.meta.url));
const { McpServer } = req('@modelcontextprotocol/sdk/server/mcp.js');
const { Client } = req('@modelcontextprotocol/sdk/client/index.js');
const { InMemoryTransport } = req('@modelcontextprotocol/sdk/inMemory.js');
const { z } = req('zod');
const obs = await createObservability({
  logging: { destination: openSync('/dev/null', 'w') },
  shutdownHooks: { signals: false, stdinEnd: false, beforeExit: false },
  registerGlobals: false,
});
const server = new McpServer({ name: 'b', version: '1' });
server.registerTool('echo', { inputSchema: { text: z.string() } }, async ({ text }: { text: string }) => ({
  content: [{ type: 'text', text }],
}));
instrument(server, { observability: obs });
const client = new Client({ name: 'c', version: '1' });
const [a, b] = InMemoryTransport.createLinkedPair();
await server.connect(b);
await client.connect(a);
await client.callTool({ name: 'echo', arguments: { text: 'hi' } });
console.log(JSON.stringify(obs.store!.recentSpans(1)[0], null, 1));
process.exit(0);
