import type { InstrumentOptions } from './instrument-options.js';
import { instrumentProtocol } from './instrument-protocol.js';
import { instrumentationFor } from './instrumentation.js';

/**
 * Instruments an MCP server in place and returns it: SDK v1 `McpServer` or low-level `Server`
 * (`@modelcontextprotocol/sdk`), SDK v2 `McpServer` or `Server` (`@modelcontextprotocol/server`).
 * Every request it receives becomes a SERVER span (receipt to response), duration and error metrics,
 * and an in-memory series; the trace continues from `params._meta`. Works for tools, resources and
 * prompts registered before or after, and for transports connected before or after. Idempotent. For
 * servers built per request (`createMcpHandler(factory)`), wrap the factory with
 * `instrumentServerFactory` instead.
 *
 * @example
 * ```ts
 * const observability = await createObservability({ adapters: [prometheus()] });
 * const server = instrument(new McpServer({ name: 'docs', version: '1.0.0' }));
 * ```
 * @throws Error when no observability handle exists (create one first, or pass `observability`), or
 * when `server` is not an MCP SDK server.
 */
export function instrument<T extends object>(server: T, options: InstrumentOptions = {}): T {
  if (!instrumentProtocol(server, instrumentationFor(options))) {
    throw new Error(
      '[@mcp-o11y/core] instrument() expects an MCP SDK server (McpServer or Server, SDK v1 or v2): the object has no connect().',
    );
  }
  return server;
}

/**
 * Instruments an MCP client in place and returns it: SDK v1 `Client` (`@modelcontextprotocol/sdk`) or
 * SDK v2 `Client` (`@modelcontextprotocol/client`). Every request it sends becomes a CLIENT span and
 * duration metrics, and carries the trace in `params._meta` (`traceparent`, `tracestate`, `baggage`,
 * never overwriting keys already there). Idempotent.
 *
 * @throws Error when no observability handle exists, or when `client` is not an MCP SDK client.
 */
export function instrumentClient<T extends object>(client: T, options: InstrumentOptions = {}): T {
  if (!instrumentProtocol(client, instrumentationFor(options))) {
    throw new Error(
      '[@mcp-o11y/core] instrumentClient() expects an MCP SDK Client (v1 or v2): the object has no connect().',
    );
  }
  return client;
}
