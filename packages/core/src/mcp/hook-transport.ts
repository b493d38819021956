import { context, trace } from '@opentelemetry/api';
import { correlationIdOf, runWithCorrelationId } from '../correlation/index.js';
import type { Observability } from '../pipeline/observability.js';
import { observeTransportHttpEntry } from '../security/observe-transport-http-entry.js';
import { Connection, type RpcMessage } from './connection.js';
import type { Instrumentation } from './instrumentation.js';
import type { NameSource } from './mcp-telemetry.js';
import { HTTP_REQUEST_INFO_KEY, httpInfoFromNodeRequest } from './transport-attributes.js';

type MessageHandler = (message: unknown, extra?: unknown) => unknown;

/** The transport members we hook; everything else is left alone. */
export interface HookableTransport {
  onmessage?: MessageHandler | undefined;
  onclose?: (() => void) | undefined;
  send(message: unknown, options?: unknown): Promise<void> | void;
}

const connections = new WeakMap<object, Connection>();
const wrappers = new WeakSet<MessageHandler>();

/**
 * Instruments one transport in place (no Proxy: SDK transports have private state). `onmessage` and
 * `onclose` become accessors on the instance, so whatever function the SDK assigns is wrapped and runs
 * with the request's span active; `send` is wrapped on the instance. Idempotent: a transport is hooked
 * once, by the first instrumentation that sees it.
 */
export function hookTransport(
  transport: HookableTransport,
  instrumentation: Instrumentation,
  names: NameSource,
): Connection {
  const existing = connections.get(transport);
  if (existing !== undefined) return existing;
  const connection = new Connection(transport, instrumentation, names);
  connections.set(transport, connection);
  installHandlerAccessor(transport, 'onmessage', (handler) =>
    wrapOnMessage(handler as MessageHandler, connection),
  );
  installHandlerAccessor(transport, 'onclose', (handler) =>
    wrapOnClose(handler as () => unknown, connection),
  );
  wrapSend(transport, connection);
  const { observability } = instrumentation.options;
  wrapNodeHttpEntry(transport, 'handleRequest', observability);
  wrapNodeHttpEntry(transport, 'handlePostMessage', observability);
  return connection;
}

/** The connection of a hooked transport, if any. */
export function connectionOf(transport: object): Connection | undefined {
  return connections.get(transport);
}

function installHandlerAccessor(
  target: object,
  key: 'onmessage' | 'onclose',
  wrap: (handler: (...args: never[]) => unknown) => unknown,
): void {
  let owner: object | null = target;
  let descriptor: PropertyDescriptor | undefined;
  while (owner !== null && descriptor === undefined) {
    descriptor = Object.getOwnPropertyDescriptor(owner, key);
    if (descriptor === undefined) owner = Object.getPrototypeOf(owner);
  }
  if (descriptor !== undefined && descriptor.configurable === false && owner === target) return;
  const wrapIfFunction = (value: unknown): unknown =>
    typeof value === 'function' ? wrap(value as never) : value;
  if (descriptor?.get !== undefined && descriptor.set !== undefined) {
    // An accessor the transport defines (the Node Streamable HTTP transport forwards to its inner one).
    const { get, set } = descriptor;
    const current = get.call(target);
    Object.defineProperty(target, key, {
      configurable: true,
      enumerable: true,
      get() {
        return get.call(this);
      },
      set(value: unknown) {
        set.call(this, wrapIfFunction(value));
      },
    });
    if (current !== undefined) set.call(target, wrapIfFunction(current));
    return;
  }
  let current = wrapIfFunction((target as Record<string, unknown>)[key]);
  Object.defineProperty(target, key, {
    configurable: true,
    enumerable: true,
    get: () => current,
    set: (value: unknown) => {
      current = wrapIfFunction(value);
    },
  });
}

function wrapOnMessage(handler: MessageHandler, connection: Connection): MessageHandler {
  if (wrappers.has(handler)) return handler;
  const wrapped = function (this: unknown, message: unknown, extra?: unknown): unknown {
    return receive(connection, handler, this, message, extra);
  };
  wrappers.add(wrapped);
  return wrapped;
}

function receive(
  connection: Connection,
  handler: MessageHandler,
  self: unknown,
  message: unknown,
  extra: unknown,
): unknown {
  // The SDK chains the handler it found before its own (`_onmessage?.(...)`): pass that call through.
  if (connection.delivering === message || typeof message !== 'object' || message === null) {
    return handler.call(self, message, extra);
  }
  const rpc = message as RpcMessage;
  let active: ReturnType<typeof context.active> | undefined;
  let isRequest = false;
  try {
    if (typeof rpc.method === 'string') {
      isRequest = rpc.id !== undefined && rpc.id !== null;
      active = isRequest ? connection.receiveRequest(rpc, extra) : connection.receiveNotification(rpc);
    } else if (rpc.id !== undefined) {
      connection.receiveResponse(rpc);
    }
  } catch {
    // Instrumentation must never change what the SDK receives.
    active = undefined;
    isRequest = false;
  }
  if (active === undefined) return deliver(connection, handler, self, message, extra);
  if (!isRequest) return context.with(active, deliver, undefined, connection, handler, self, message, extra);
  // The request's context carries its span and its correlation id: one async-context frame per request.
  return context.with(
    active,
    deliverRequest,
    undefined,
    connection,
    handler,
    self,
    message,
    extra,
    connection.correlationId,
  );
}

function deliverRequest(
  connection: Connection,
  handler: MessageHandler,
  self: unknown,
  message: unknown,
  extra: unknown,
  correlationId: string,
): unknown {
  // Without a working context manager (none registered yet, or disabled by a shutdown) the context did
  // not become active: carry the id in the correlation store instead, as before.
  if (correlationIdOf(context.active()) !== correlationId) {
    return runWithCorrelationId(correlationId, () => deliver(connection, handler, self, message, extra));
  }
  return deliver(connection, handler, self, message, extra);
}

function deliver(
  connection: Connection,
  handler: MessageHandler,
  self: unknown,
  message: unknown,
  extra: unknown,
): unknown {
  const previous = connection.delivering;
  connection.delivering = message;
  try {
    return handler.call(self, message, extra);
  } finally {
    connection.delivering = previous;
  }
}

function wrapOnClose(handler: () => unknown, connection: Connection): () => unknown {
  return function (this: unknown): unknown {
    try {
      connection.closed();
    } catch {
      // Closing must proceed whatever the instrumentation does.
    }
    return handler.call(this);
  };
}

function wrapSend(transport: HookableTransport, connection: Connection): void {
  const original = transport.send;
  if (typeof original !== 'function') return;
  transport.send = function (this: unknown, message: unknown, options?: unknown) {
    let outgoing = message;
    let request: ReturnType<Connection['sendRequest']>['request'] | undefined;
    const rpc = message as RpcMessage;
    try {
      if (typeof message === 'object' && message !== null) {
        if (typeof rpc.method === 'string') {
          if (rpc.id !== undefined && rpc.id !== null) {
            const sent = connection.sendRequest(rpc);
            outgoing = sent.message;
            request = sent.request;
          } else {
            outgoing = connection.sendNotification(
              rpc,
              (options as { relatedRequestId?: unknown } | undefined)?.relatedRequestId,
            );
          }
        } else if (rpc.id !== undefined) {
          connection.sendResponse(rpc);
        }
      }
    } catch {
      outgoing = message;
    }
    // A request goes out inside its CLIENT span, so what the transport does (an HTTP request, say) is its child.
    const result =
      request === undefined
        ? original.call(this, outgoing, options)
        : context.with(trace.setSpan(context.active(), request.span), () =>
            original.call(this, outgoing, options),
          );
    if (request !== undefined && result !== undefined && typeof result.then === 'function') {
      const pending = request;
      result.then(undefined, (error: unknown) => connection.sendFailed(pending, rpc.id, error));
    }
    return result;
  };
}

/**
 * The HTTP transports (`StreamableHTTPServerTransport.handleRequest`, `SSEServerTransport.handlePostMessage`,
 * the v2 web transport's `handleRequest`) see the request; the SDK passes on only headers. Run them with
 * the request's HTTP version and peer address in the context, which follows the body read into
 * `onmessage`, and record the security events the transport answers itself (its 413s, v2 scope challenges).
 */
function wrapNodeHttpEntry(
  transport: object,
  key: 'handleRequest' | 'handlePostMessage',
  observability: Observability,
): void {
  const original = (transport as Record<string, unknown>)[key];
  if (typeof original !== 'function') return;
  (transport as Record<string, unknown>)[key] = function (this: unknown, ...args: unknown[]) {
    const call = (): unknown => {
      const info = httpInfoFromNodeRequest(args[0]);
      if (info === undefined) return original.apply(this, args);
      return context.with(context.active().setValue(HTTP_REQUEST_INFO_KEY, info), () =>
        original.apply(this, args),
      );
    };
    return observeTransportHttpEntry(observability, args, call);
  };
}
