import type { KnownName, NameSource } from './mcp-telemetry.js';
import { ATTR_GEN_AI_PROMPT_NAME, ATTR_GEN_AI_TOOL_NAME } from './semantic-conventions.js';

/** The registries of an SDK `McpServer` (v1 and v2 share the shape: plain objects keyed by name). */
export interface McpServerRegistries {
  readonly _registeredTools?: unknown;
  readonly _registeredPrompts?: unknown;
}

/** The part of an SDK `Protocol` (v1 and v2 alike) that says which request methods it serves. */
export interface RequestHandlerRegistry {
  readonly _requestHandlers?: unknown;
  readonly fallbackRequestHandler?: unknown;
}

/** Most names learned from list results; a hostile peer could list millions. */
const MAX_LEARNED = 10_000;

/**
 * Which tool and prompt names are real, for the cardinality guard: an `McpServer`'s registries when
 * there is one (read live, so tools registered after instrumenting count), else the names seen in
 * `tools/list` / `prompts/list` results on the connection, else "cannot tell".
 */
export class NameRegistry implements NameSource {
  readonly #server: McpServerRegistries | undefined;
  readonly #protocol: RequestHandlerRegistry | undefined;
  readonly #tools = new Set<string>();
  readonly #prompts = new Set<string>();

  constructor(server?: McpServerRegistries, protocol?: RequestHandlerRegistry) {
    this.#server = server;
    this.#protocol = protocol;
  }

  /** Read live, so handlers set after instrumenting count; a fallback handler serves every method. */
  handles(method: string): KnownName {
    const protocol = this.#protocol;
    if (protocol === undefined) return undefined;
    if (typeof protocol.fallbackRequestHandler === 'function') return true;
    const handlers = protocol._requestHandlers;
    return handlers instanceof Map ? handlers.has(method) : undefined;
  }

  known(targetKey: string, name: string): KnownName {
    const isTool = targetKey === ATTR_GEN_AI_TOOL_NAME;
    if (!isTool && targetKey !== ATTR_GEN_AI_PROMPT_NAME) return undefined;
    const registry = isTool ? this.#server?._registeredTools : this.#server?._registeredPrompts;
    if (typeof registry === 'object' && registry !== null) return Object.hasOwn(registry, name);
    const learned = isTool ? this.#tools : this.#prompts;
    return learned.size > 0 ? learned.has(name) : undefined;
  }

  learn(method: string, result: Record<string, unknown>): void {
    const items =
      method === 'tools/list' ? result.tools : method === 'prompts/list' ? result.prompts : undefined;
    if (!Array.isArray(items)) return;
    const learned = method === 'tools/list' ? this.#tools : this.#prompts;
    for (const item of items) {
      if (learned.size >= MAX_LEARNED) return;
      const name = (item as { name?: unknown } | null)?.name;
      if (typeof name === 'string') learned.add(name);
    }
  }
}
