import { type HookableTransport, hookTransport } from './hook-transport.js';
import type { Instrumentation } from './instrumentation.js';
import { type McpServerRegistries, NameRegistry } from './name-registry.js';

/** The global the rewritten SDK modules call with each class they define. */
export const SDK_CLASS_HOOK = Symbol.for('@mcp-o11y/core/sdk-class');

/** The SDK classes whose `connect` we patch, in every SDK generation and build (ESM, CJS, bundled chunks). */
const CLASS_DECLARATION =
  /(?:^|\n)(?:export )?(?:class (Protocol|McpServer|Client)\b|var (Protocol|McpServer|Client) = class\b)/g;

/**
 * The source of an SDK module with a call appended that hands each patched class to {@link SDK_CLASS_HOOK}.
 * Only files of `@modelcontextprotocol/*` packages are touched; others come back unchanged (same string).
 */
export function appendClassHook(url: string, source: string): string {
  if (!url.includes('/@modelcontextprotocol/') || url.endsWith('.d.ts') || url.endsWith('.map'))
    return source;
  const names = new Set<string>();
  for (const match of source.matchAll(CLASS_DECLARATION)) names.add((match[1] ?? match[2]) as string);
  if (names.size === 0) return source;
  const calls = [...names].map(
    (name) => `globalThis[Symbol.for('@mcp-o11y/core/sdk-class')]?.(${JSON.stringify(name)}, ${name});`,
  );
  return `${source}\n;${calls.join('')}\n`;
}

const patched = new WeakSet<object>();

/**
 * Patches `connect` of an SDK class so every instance's transport is hooked before the SDK attaches to
 * it. `whenReady` resolves to the instrumentation once the zero-code pipeline exists; connects made
 * before then wait for it (a connect is asynchronous anyway), so no early message is missed.
 */
export function patchSdkClass(
  name: string,
  sdkClass: unknown,
  whenReady: () => Promise<Instrumentation | undefined>,
): void {
  if (typeof sdkClass !== 'function') return;
  const prototype = (sdkClass as { prototype?: { connect?: unknown } }).prototype;
  if (prototype === undefined || typeof prototype.connect !== 'function' || patched.has(prototype)) return;
  patched.add(prototype);
  const connect = prototype.connect as (
    this: object,
    transport: unknown,
    ...rest: unknown[]
  ) => Promise<void>;
  prototype.connect = function (this: object, transport: unknown, ...rest: unknown[]) {
    return whenReady().then((instrumentation) => {
      if (instrumentation !== undefined && isTransport(transport)) {
        try {
          const registries = name === 'McpServer' ? (this as McpServerRegistries) : undefined;
          hookTransport(transport, instrumentation, namesFor(this, registries));
        } catch {
          // Uninstrumented rather than broken.
        }
      }
      return connect.call(this, transport, ...rest);
    });
  };
}

const names = new WeakMap<object, NameRegistry>();

function namesFor(owner: object, registries: McpServerRegistries | undefined): NameRegistry {
  let registry = names.get(owner);
  if (registry === undefined) {
    registry = new NameRegistry(registries);
    names.set(owner, registry);
  }
  return registry;
}

function isTransport(value: unknown): value is HookableTransport {
  return (
    typeof value === 'object' && value !== null && typeof (value as HookableTransport).send === 'function'
  );
}
