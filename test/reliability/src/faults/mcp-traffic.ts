import { setTimeout as sleep } from 'node:timers/promises';
import { instrument, type Observability } from '@mcp-o11y/core';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';

/** An instrumented SDK v1 server and a client over InMemoryTransport: what is timed is the server's work. */
export interface McpPair {
  readonly client: Client;
  /** Tools that answer with a tool error (`isError`) while named here; the others echo their text. */
  readonly failing: Set<string>;
  /** Registers `name` (the instrumentation labels series by tool name, so alerts can tell tools apart). */
  addTool(name: string): void;
  close(): Promise<void>;
}

/** What a block of calls observed. */
export interface CallBlock {
  /** Each call's duration, ms. */
  readonly latencies: number[];
  /** The tool of each call, in the same order. */
  readonly tools: string[];
  /** Calls that did not answer as the tool should (a rejection, a wrong echo, an unexpected tool error). */
  readonly unexpected: string[];
  /** Largest `heapUsed` sampled during the block, bytes. */
  readonly heapPeak: number;
}

/** Options of {@link callTools}. */
export interface CallOptions {
  /** Calls to make at least. */
  readonly calls: number;
  /** Keep calling until this long has passed too, ms: a fault must outlast the clients' timeouts. Default 0. */
  readonly minDurationMs?: number;
  /** Pause between calls, ms: the exporters and the delivery pipeline run meanwhile, as between requests. */
  readonly intervalMs: number;
  /** The tool of call `index`. Default `echo`. */
  readonly tool?: (index: number) => string;
}

export async function startMcpPair(
  observability: Observability,
  tools: readonly string[] = [],
): Promise<McpPair> {
  const server = instrument(new McpServer({ name: 'reliability', version: '1.0.0' }), { observability });
  const failing = new Set<string>();
  const addTool = (name: string): void => {
    server.registerTool(name, { inputSchema: { text: z.string() } }, async ({ text }) =>
      failing.has(name)
        ? { isError: true, content: [{ type: 'text' as const, text: `${name} is broken` }] }
        : { content: [{ type: 'text' as const, text }] },
    );
  };
  for (const name of ['echo', ...tools]) addTool(name);
  const client = new Client({ name: 'reliability-client', version: '1.0.0' });
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  await server.connect(serverTransport);
  await client.connect(clientTransport);
  return {
    client,
    failing,
    addTool,
    async close() {
      await client.close();
      await server.close();
    },
  };
}

function textOf(result: unknown): string | undefined {
  const content = (result as { content?: { type: string; text?: string }[] }).content;
  return content?.[0]?.text;
}

/**
 * Calls tools one after another, `intervalMs` apart, timing each call. A call "fails" when it rejects or
 * does not answer exactly as the tool does without any observability: the suite's first assertion.
 */
export async function callTools(pair: McpPair, options: CallOptions): Promise<CallBlock> {
  const latencies: number[] = [];
  const tools: string[] = [];
  const unexpected: string[] = [];
  let heapPeak = 0;
  const until = performance.now() + (options.minDurationMs ?? 0);
  for (let index = 0; index < options.calls || performance.now() < until; index += 1) {
    const name = options.tool?.(index) ?? 'echo';
    const text = `call ${index}`;
    const started = performance.now();
    try {
      const result = await pair.client.callTool({ name, arguments: { text } });
      latencies.push(performance.now() - started);
      tools.push(name);
      const broken = pair.failing.has(name);
      const expected = broken ? `${name} is broken` : text;
      if (textOf(result) !== expected || Boolean(result.isError) !== broken) {
        unexpected.push(`${name}: ${JSON.stringify(result).slice(0, 200)}`);
      }
    } catch (error) {
      unexpected.push(`${name}: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (index % 10 === 0) heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
    await sleep(options.intervalMs);
  }
  heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
  return { latencies, tools, unexpected, heapPeak };
}

/** Latencies of the calls of `tool` in `blocks`, ms. */
export function latenciesOf(blocks: readonly CallBlock[], tool: string): number[] {
  return blocks.flatMap((block) => block.latencies.filter((_, index) => block.tools[index] === tool));
}

/** A healthy block: `callsPerBlock` echo calls, lasting at least half a faulty block (two bracket each fault). */
export function healthyBlock(
  pair: McpPair,
  settings: { readonly callsPerBlock: number; readonly intervalMs: number; readonly faultMinMs: number },
): Promise<CallBlock> {
  return callTools(pair, {
    calls: settings.callsPerBlock,
    intervalMs: settings.intervalMs,
    minDurationMs: settings.faultMinMs / 2,
  });
}
