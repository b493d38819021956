import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type AdapterV1,
  createObservability,
  type InstrumentOptions,
  instrument,
  instrumentServerFactory,
  type Observability,
  type TracesContributionV1,
} from '@mcp-o11y/core';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { z } from 'zod';

// A real SDK v1 McpServer over Streamable HTTP on 127.0.0.1, instrumented through instrumentServerFactory
// (one server per session, shared instrumentation), for hostile clients: an SDK client, or raw JSON-RPC
// posted as bytes where the SDK client would refuse to send something.

type SpanProcessor = NonNullable<TracesContributionV1['processors']>[number];
type EndedSpan = Parameters<SpanProcessor['onEnd']>[0];

/** What one ended span held, reduced to sizes: hostile spans are megabytes, the digest is not. */
export interface SpanDigest {
  readonly nameLength: number;
  /** Longest string attribute, UTF-16 units. */
  readonly longestAttribute: number;
  /** Attributes on the span. */
  readonly attributeCount: number;
  /** UTF-8 bytes of each captured payload attribute (arguments, results, prompt variables). */
  readonly capturedBytes: readonly number[];
}

const CAPTURED = /^gen_ai\.(?:tool\.call\.(?:arguments|result)|prompt\.variable\.)/;

function digestOf(span: EndedSpan): SpanDigest {
  let longestAttribute = 0;
  const capturedBytes: number[] = [];
  for (const [key, value] of Object.entries(span.attributes)) {
    if (typeof value !== 'string') continue;
    longestAttribute = Math.max(longestAttribute, value.length);
    if (CAPTURED.test(key)) capturedBytes.push(Buffer.byteLength(value, 'utf8'));
  }
  return {
    nameLength: span.name.length,
    longestAttribute,
    attributeCount: Object.keys(span.attributes).length,
    capturedBytes,
  };
}

/** An adapter whose span processor keeps a digest of every ended span. */
function digestAdapter(digests: SpanDigest[]): AdapterV1 {
  const processor: SpanProcessor = {
    onStart: () => {},
    onEnd: (span) => {
      digests.push(digestOf(span));
    },
    forceFlush: async () => {},
    shutdown: async () => {},
  };
  return {
    specificationVersion: 'v1',
    id: 'span-digest',
    kinds: ['traces'],
    create: () => ({ specificationVersion: 'v1', id: 'span-digest', traces: { processors: [processor] } }),
  };
}

/** The registered names: everything else a client sends is unknown to the server. */
export const KNOWN_TOOLS = ['echo', 'any'] as const;

function buildServer(): McpServer {
  const server = new McpServer({ name: 'hostile-target', version: '1.0.0' });
  server.registerTool('echo', { inputSchema: { text: z.string() } }, async ({ text }) => ({
    content: [{ type: 'text', text }],
  }));
  // No schema: whatever arguments arrive reach the handler (and the capture) unvalidated.
  server.registerTool('any', {}, async () => ({ content: [{ type: 'text', text: 'ok' }] }));
  server.registerPrompt('greet', { argsSchema: { name: z.string().optional() } }, ({ name }) => ({
    messages: [{ role: 'user', content: { type: 'text', text: `hello ${name ?? ''}` } }],
  }));
  server.registerResource('readme', 'file:///readme', {}, async (uri) => ({
    contents: [{ uri: uri.href, text: 'readme' }],
  }));
  return server;
}

/** The server side of a hostile-client test. */
export interface HostileTarget {
  readonly observability: Observability;
  readonly url: URL;
  /** Digests of every span ended so far. */
  readonly digests: SpanDigest[];
  /** Errors the HTTP handler caught (a transport or server that threw). */
  readonly handlerErrors: unknown[];
  /** A connected SDK client announcing `clientName`. */
  connectClient(clientName?: string): Promise<Client>;
  /** A raw session: initialize done (announcing `clientName` and `protocolVersion`); `post` sends any body. */
  rawSession(clientName?: string, protocolVersion?: string): Promise<RawSession>;
  close(): Promise<void>;
}

/** One session driven with raw HTTP bodies. */
export interface RawSession {
  readonly sessionId: string;
  post(body: string | Uint8Array): Promise<{ status: number; text: string }>;
}

const ACCEPT = 'application/json, text/event-stream';

/** How the target is built. */
export interface HostileTargetOptions {
  /** Options of the instrumentation (capture on or off, caps). */
  readonly instrument?: Omit<InstrumentOptions, 'observability'>;
  /** In-memory backend bounds. */
  readonly memory?: { readonly maxSpans?: number; readonly maxSeries?: number };
  /** More adapters (a Prometheus endpoint). */
  readonly adapters?: readonly AdapterV1[];
  /**
   * `instrument(server, options)` on every session's server instead of one `instrumentServerFactory`:
   * what an app does when it builds a server per session by hand.
   */
  readonly instrumentEachServer?: boolean;
}

/** Starts the target. */
export async function startHostileTarget(options: HostileTargetOptions = {}): Promise<HostileTarget> {
  const instrumentOptions = options.instrument ?? {};
  const digests: SpanDigest[] = [];
  const handlerErrors: unknown[] = [];
  const observability = await createObservability({
    service: { name: 'hostile-target' },
    adapters: [digestAdapter(digests), ...(options.adapters ?? [])],
    memory: options.memory ?? {},
    alerts: false,
    logging: { destination: false },
    registerGlobals: false,
    shutdownHooks: { signals: false, stdinEnd: false, beforeExit: false },
  });
  const factory = options.instrumentEachServer
    ? () => instrument(buildServer(), { observability, ...instrumentOptions })
    : instrumentServerFactory(buildServer, { observability, ...instrumentOptions });
  const transports = new Map<string, StreamableHTTPServerTransport>();
  const servers: McpServer[] = [];
  const http: Server = createServer((request, response) => {
    void (async () => {
      const sessionId = request.headers['mcp-session-id'];
      let transport = typeof sessionId === 'string' ? transports.get(sessionId) : undefined;
      if (transport === undefined) {
        const created = new StreamableHTTPServerTransport({
          sessionIdGenerator: () => randomUUID(),
          onsessioninitialized: (id) => void transports.set(id, created),
        });
        const server = factory();
        servers.push(server);
        await server.connect(created);
        transport = created;
      }
      await transport.handleRequest(request, response);
    })().catch((error: unknown) => {
      handlerErrors.push(error);
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const url = new URL(`http://127.0.0.1:${(http.address() as AddressInfo).port}/mcp`);
  const clients: Client[] = [];

  return {
    observability,
    url,
    digests,
    handlerErrors,
    async connectClient(clientName = 'hostile-client') {
      const client = new Client({ name: clientName, version: '1.0.0' });
      await client.connect(new StreamableHTTPClientTransport(url));
      clients.push(client);
      return client;
    },
    async rawSession(clientName = 'raw', protocolVersion = '2025-06-18') {
      const initialize = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: ACCEPT },
        body: JSON.stringify({
          jsonrpc: '2.0',
          id: 0,
          method: 'initialize',
          params: { protocolVersion, capabilities: {}, clientInfo: { name: clientName, version: '1' } },
        }),
      });
      await initialize.text();
      const sessionId = initialize.headers.get('mcp-session-id');
      if (sessionId === null) throw new Error(`initialize answered ${initialize.status} without a session`);
      const post = async (body: string | Uint8Array) => {
        const response = await fetch(url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            accept: ACCEPT,
            'mcp-session-id': sessionId,
            'mcp-protocol-version': '2025-06-18',
          },
          body,
        });
        return { status: response.status, text: await response.text() };
      };
      await post(JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }));
      return { sessionId, post };
    },
    async close() {
      for (const client of clients) await client.close().catch(() => {});
      for (const transport of transports.values()) await transport.close().catch(() => {});
      for (const server of servers) await server.close().catch(() => {});
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
      await observability.shutdown();
    },
  };
}

/** The text of a `tools/call` result, or undefined. */
export function resultText(result: unknown): string | undefined {
  const content = (result as { content?: { text?: unknown }[] } | undefined)?.content;
  const text = content?.[0]?.text;
  return typeof text === 'string' ? text : undefined;
}
