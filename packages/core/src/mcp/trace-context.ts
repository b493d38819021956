import {
  type Context,
  defaultTextMapGetter,
  defaultTextMapSetter,
  isSpanContextValid,
  type Link,
  propagation,
  type TextMapPropagator,
  trace,
} from '@opentelemetry/api';
import { CompositePropagator, W3CBaggagePropagator, W3CTraceContextPropagator } from '@opentelemetry/core';

/** The propagator used for `_meta`: the configured global one, else W3C trace context and baggage. */
export interface MetaPropagator {
  inject(context: Context, carrier: Record<string, unknown>): void;
  extract(context: Context, carrier: Record<string, unknown>): Context;
}

/**
 * The global propagator when one is registered (the pipeline registers W3C tracecontext + baggage plus
 * adapters' propagators), else W3C: SEP-414 reserves the W3C keys in `_meta`, so they are always written.
 */
export function resolveMetaPropagator(): MetaPropagator {
  const propagator: TextMapPropagator =
    propagation.fields().length > 0
      ? propagation
      : new CompositePropagator({
          propagators: [new W3CTraceContextPropagator(), new W3CBaggagePropagator()],
        });
  return {
    inject: (context, carrier) => propagator.inject(context, carrier, defaultTextMapSetter),
    extract: (context, carrier) => propagator.extract(context, carrier, defaultTextMapGetter as never),
  };
}

/** The parent of a server span and the link to the ambient span, per semconv §3.3. */
export interface ParentContext {
  readonly parent: Context;
  readonly links: Link[] | undefined;
}

/**
 * Parent = the context in `_meta` when it holds a valid span context, else the ambient one (an absent or
 * invalid carrier must not orphan the span). When both exist and differ, the ambient span (e.g. the
 * HTTP server span) is linked: MCP and HTTP contexts are independent.
 */
export function parentFromMeta(
  meta: unknown,
  ambient: Context,
  propagator: MetaPropagator,
): ParentContext | undefined {
  if (
    typeof meta !== 'object' ||
    meta === null ||
    typeof (meta as { traceparent?: unknown }).traceparent !== 'string'
  ) {
    return undefined;
  }
  const extracted = propagator.extract(ambient, meta as Record<string, unknown>);
  const remote = trace.getSpanContext(extracted);
  if (remote === undefined || !isSpanContextValid(remote)) return undefined;
  const local = trace.getSpanContext(ambient);
  const links =
    local !== undefined && isSpanContextValid(local) && local.spanId !== remote.spanId
      ? [{ context: local }]
      : undefined;
  return { parent: extracted, links };
}

/**
 * `message` with the propagation fields of `context` added to `params._meta`, keys already there
 * winning (Logfire's rule). Returns `message` itself when there is nothing to add; never mutates it,
 * because `params` may be the caller's object.
 */
export function withPropagatedMeta<T extends { params?: unknown }>(
  message: T,
  context: Context,
  propagator: MetaPropagator,
): T {
  const carrier: Record<string, unknown> = {};
  propagator.inject(context, carrier);
  if (isEmpty(carrier)) return message;
  const params = (
    typeof message.params === 'object' && message.params !== null ? message.params : {}
  ) as Record<string, unknown>;
  const existing = params._meta;
  const meta =
    typeof existing === 'object' && existing !== null ? { ...carrier, ...(existing as object) } : carrier;
  return { ...message, params: { ...params, _meta: meta } };
}

function isEmpty(object: Record<string, unknown>): boolean {
  for (const _ in object) return false;
  return true;
}
