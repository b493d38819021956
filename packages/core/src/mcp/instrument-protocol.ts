import { type HookableTransport, hookTransport } from './hook-transport.js';
import type { Instrumentation } from './instrumentation.js';
import { type McpServerRegistries, NameRegistry, type RequestHandlerRegistry } from './name-registry.js';

/** The part of an SDK `Protocol` (v1 `Server`/`Client`, v2 `Server`/`Client`) we touch. */
export interface ProtocolLike {
  connect(transport: unknown, ...rest: unknown[]): Promise<void>;
  readonly transport?: unknown;
}

const instrumented = new WeakSet<object>();

/** Whether `target` (a server, client or protocol instance) is already instrumented. */
export function isInstrumented(target: object): boolean {
  return instrumented.has(target);
}

/**
 * The protocol instance behind `target`: an `McpServer` (v1 or v2) holds it in `.server`; a low-level
 * `Server` or a `Client` is one. Duck-typed: core never imports an SDK.
 */
export function protocolOf(target: object): ProtocolLike | undefined {
  const inner = (target as { server?: unknown }).server;
  if (typeof inner === 'object' && inner !== null && typeof (inner as ProtocolLike).connect === 'function') {
    return inner as ProtocolLike;
  }
  return typeof (target as ProtocolLike).connect === 'function' ? (target as ProtocolLike) : undefined;
}

/**
 * Instruments `target` in place: its protocol's `connect` hooks each transport before the SDK
 * attaches to it (so the first message is seen), and a transport it is already connected to is hooked
 * now. Idempotent; returns false when `target` has no protocol.
 */
export function instrumentProtocol(target: object, instrumentation: Instrumentation): boolean {
  if (instrumented.has(target)) return true;
  const protocol = protocolOf(target);
  if (protocol === undefined) return false;
  instrumented.add(target);
  if (protocol !== target && instrumented.has(protocol)) return true;
  instrumented.add(protocol);
  const names = new NameRegistry(
    protocol === target ? undefined : (target as McpServerRegistries),
    protocol as RequestHandlerRegistry,
  );
  const connect = protocol.connect;
  protocol.connect = function (this: unknown, transport: unknown, ...rest: unknown[]) {
    if (isTransport(transport)) {
      try {
        hookTransport(transport, instrumentation, names);
      } catch {
        // A transport we cannot hook still connects, uninstrumented.
      }
    }
    return connect.call(this, transport, ...rest);
  };
  const current = protocol.transport;
  if (isTransport(current)) hookTransport(current, instrumentation, names);
  return true;
}

function isTransport(value: unknown): value is HookableTransport {
  return (
    typeof value === 'object' && value !== null && typeof (value as HookableTransport).send === 'function'
  );
}
