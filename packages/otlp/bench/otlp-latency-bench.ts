/**
 * p99 of MCP tools/call round trips with the OTLP adapter exporting to a healthy collector vs one that
 * hangs every request, in the same run. Information only (a ratio, never a timed test).
 *
 *   cd packages/otlp && npx tsup && node bench/otlp-latency-bench.ts [--calls 2000] [--rounds 2]
 */
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createObservability, instrument, instrumentClient } from '@mcp-o11y/core';
import { startHttpReceiver } from '@mcp-o11y/testkit';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { z } from 'zod';
import { otlp } from '../dist/index.js';

const argument = (name: string, fallback: number): number => {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : Number.NaN;
  return Number.isFinite(value) && value > 0 ? value : fallback;
};
const calls = argument('calls', 2000);
const rounds = argument('rounds', 2);
const warmup = 200;

function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}

async function measure(collectorHangs: boolean): Promise<{ p50: number; p99: number; bytes: number }> {
  const collector = await startHttpReceiver({ handler: () => (collectorHangs ? new Promise(() => {}) : {}) });
  const observability = await createObservability({
    service: { name: 'otlp-bench' },
    adapters: [otlp({ endpoint: collector.url, timeoutMs: 10_000 })],
    // Export often so the exporter is busy (or stuck) while requests are measured.
    env: { OTEL_BSP_SCHEDULE_DELAY: '20', OTEL_METRIC_EXPORT_INTERVAL: '250' },
    logging: { destination: false },
    alerts: false,
    shutdownHooks: { signals: false, stdinEnd: false, beforeExit: false },
  });
  const transports = new Map<string, StreamableHTTPServerTransport>();
  const http = createServer(async (request, response) => {
    const sessionId = request.headers['mcp-session-id'];
    let transport = typeof sessionId === 'string' ? transports.get(sessionId) : undefined;
    if (transport === undefined) {
      const created = new StreamableHTTPServerTransport({
        sessionIdGenerator: () => randomUUID(),
        onsessioninitialized: (id) => void transports.set(id, created),
      });
      const server = new McpServer({ name: 'bench', version: '1.0.0' });
      server.registerTool('echo', { inputSchema: { text: z.string() } }, async ({ text }) => ({
        content: [{ type: 'text', text }],
      }));
      await instrument(server, { observability }).connect(created);
      transport = created;
    }
    await transport.handleRequest(request, response);
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  const client = instrumentClient(new Client({ name: 'bench-client', version: '1.0.0' }), { observability });
  await client.connect(new StreamableHTTPClientTransport(new URL(`http://127.0.0.1:${port}/mcp`)));

  const samples: number[] = [];
  for (let index = 0; index < warmup + calls; index += 1) {
    const started = performance.now();
    await client.callTool({ name: 'echo', arguments: { text: `call ${index}` } });
    if (index >= warmup) samples.push(performance.now() - started);
  }
  const bytes = process.memoryUsage().heapUsed;
  await client.close();
  http.closeAllConnections();
  await new Promise<void>((resolve) => http.close(() => resolve()));
  await collector.close();
  await observability.shutdown();
  samples.sort((a, b) => a - b);
  return { p50: quantile(samples, 0.5), p99: quantile(samples, 0.99), bytes };
}

const healthy: number[] = [];
const hanging: number[] = [];
for (let round = 0; round < rounds; round += 1) {
  // Alternate to spread drift (JIT, GC, CPU frequency) over both cases.
  for (const hangs of round % 2 === 0 ? [false, true] : [true, false]) {
    const result = await measure(hangs);
    (hangs ? hanging : healthy).push(result.p99);
    process.stderr.write(
      `round ${round + 1} ${hangs ? 'hanging' : 'healthy'}: p50 ${result.p50.toFixed(3)} ms, p99 ${result.p99.toFixed(3)} ms, heap ${(result.bytes / 1e6).toFixed(1)} MB\n`,
    );
  }
}
const median = (values: number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
const ratio = median(hanging) / median(healthy);
process.stderr.write(
  `p99 tools/call round trip, hanging / healthy collector: ${ratio.toFixed(3)} (goal ≤ 1.10; ${calls} calls × ${rounds} rounds)\n`,
);
