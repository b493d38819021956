import { createRequire } from 'node:module';

/**
 * The MCP SDK v1 and zod, for the benchmarks that make real MCP round trips. They are dev dependencies of
 * core, resolved from there (bench needs no SDK of its own), and typed structurally so bench needs no SDK
 * types. CommonJS builds: a round trip does not care which module format it was loaded as.
 */
const requireFromCore = createRequire(new URL('../../packages/core/package.json', import.meta.url));

export interface CallToolResult {
  readonly content: readonly { readonly type: string; readonly text?: string }[];
}
export interface SdkClient {
  connect(transport: unknown): Promise<void>;
  callTool(params: { name: string; arguments: Record<string, unknown> }): Promise<CallToolResult>;
  close(): Promise<void>;
}
export interface SdkMcpServer {
  registerTool(
    name: string,
    config: { inputSchema: Record<string, unknown> },
    handler: (args: { text: string }) => Promise<CallToolResult>,
  ): unknown;
  connect(transport: unknown): Promise<void>;
  close(): Promise<void>;
}
export interface Sdk {
  readonly McpServer: new (info: { name: string; version: string }) => SdkMcpServer;
  readonly Client: new (info: { name: string; version: string }) => SdkClient;
  readonly InMemoryTransport: { createLinkedPair(): [unknown, unknown] };
  readonly z: { string(): unknown };
}

export function loadSdk(): Sdk {
  const { McpServer } = requireFromCore('@modelcontextprotocol/sdk/server/mcp.js') as Pick<Sdk, 'McpServer'>;
  const { Client } = requireFromCore('@modelcontextprotocol/sdk/client/index.js') as Pick<Sdk, 'Client'>;
  const { InMemoryTransport } = requireFromCore('@modelcontextprotocol/sdk/inMemory.js') as Pick<
    Sdk,
    'InMemoryTransport'
  >;
  const { z } = requireFromCore('zod') as Pick<Sdk, 'z'>;
  return { McpServer, Client, InMemoryTransport, z };
}
