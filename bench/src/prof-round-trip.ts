// Temporary profiling driver (not committed).
import { openSync } from 'node:fs';
import { createObservability, instrument } from '@mcp-o11y/core';
import { loadSdk } from './load-mcp-sdk.ts';
const mode = process.argv[2] ?? 'noop';
const sdk = loadSdk();
const devNull = openSync('/dev/null', 'w');
const obs =
  mode === 'bare'
    ? undefined
    : await createObservability({
        ...(mode === 'noop' ? { memory: false as const } : {}),
        logging: { destination: devNull, requests: false },
        shutdownHooks: { signals: false, stdinEnd: false, beforeExit: false },
        registerGlobals: false,
      });
const server = new sdk.McpServer({ name: 'bench', version: '1.0.0' });
server.registerTool('echo', { inputSchema: { text: sdk.z.string() } }, async ({ text }) => ({
  content: [{ type: 'text', text }],
}));
if (obs) instrument(server as never, { observability: obs });
const client = new sdk.Client({ name: 'bench-client', version: '1.0.0' });
const [a, b] = sdk.InMemoryTransport.createLinkedPair();
await server.connect(b);
await client.connect(a);
const n = Number(process.argv[3] ?? 300000);
for (let i = 0; i < 20000; i++) await client.callTool({ name: 'echo', arguments: { text: 'hi' } });
const t = process.hrtime.bigint();
for (let i = 0; i < n; i++) await client.callTool({ name: 'echo', arguments: { text: 'hi' } });
console.log(mode, Number(process.hrtime.bigint() - t) / n, 'ns/call');
process.exit(0);
