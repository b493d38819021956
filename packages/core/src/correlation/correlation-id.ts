import { AsyncLocalStorage } from 'node:async_hooks';
import { type Context, context, createContextKey } from '@opentelemetry/api';
import { randomUuid } from '../pipeline/fast-id-generator.js';

/** Where the id travels in `params._meta` of an MCP request; `correlationId` is accepted too. */
export const CORRELATION_ID_META_KEY = 'io.mcp-o11y/correlationId';
/** The HTTP header the id is read from (matched case-insensitively). */
export const CORRELATION_ID_HEADER = 'x-correlation-id';
/** Attribute name of the id on spans and OpenTelemetry log records; `correlation_id` in JSON lines. */
export const CORRELATION_ID_ATTRIBUTE = 'mcp_o11y.correlation_id';

/** Longest id accepted from a client. */
const maxLength = 128;
// Visible ASCII without quotes, backslash, angle brackets and backtick: nothing that can end a JSON
// string, start a new log line or become markup in the dashboard.
const validId = /^[!#-&(-;=?-[\]-_a-~]+$/;

/**
 * The id's key in an OpenTelemetry context. The MCP instrumentation puts the id into the context it runs
 * each request in (the one that carries the request's span), so a request costs one async-context frame,
 * not two. `createContextKey` keys by `Symbol.for`, so the ESM and CJS builds of core share it.
 */
/** The context key of the correlation id (`Symbol.for`, so every build of core shares it). */
export const CORRELATION_ID_CONTEXT_KEY = createContextKey('@mcp-o11y/core/correlation-id');
const contextKey = CORRELATION_ID_CONTEXT_KEY;

// One store per process even when both the ESM and the CJS build of core are loaded (`--import`
// register plus a CJS server), so an id set by one is seen by the other.
const storeKey = Symbol.for('@mcp-o11y/core/correlation-id');
type GlobalWithStore = typeof globalThis & { [storeKey]?: AsyncLocalStorage<string> };

function store(): AsyncLocalStorage<string> {
  const holder = globalThis as GlobalWithStore;
  holder[storeKey] ??= new AsyncLocalStorage<string>();
  return holder[storeKey];
}

/**
 * A fresh correlation id (a random version-4 UUID). Random rather than a per-process counter: a UUID stays
 * unique across processes and restarts, which is what joins logs of several replicas. From `Math.random`
 * (122 bits, as the trace ids) rather than `crypto.randomUUID`, whose pool refills cost ~0.25 µs a request
 * on the round-trip benchmark: the id must be unique, not secret.
 */
export function newCorrelationId(): string {
  return randomUuid();
}

/**
 * Runs `fn` with `id` as the current correlation id; it follows every `await`, timer and callback started
 * inside, into logs, spans and errors. Returns what `fn` returns. Works with or without an OpenTelemetry
 * context manager: the id is set in both the OpenTelemetry context (so it shadows the id of an enclosing
 * MCP request) and a store of its own (for when no context manager is registered).
 */
export function runWithCorrelationId<T>(id: string, fn: () => T): T {
  return store().run(id, () => context.with(context.active().setValue(contextKey, id), fn));
}

/**
 * `parent` with `id` as its correlation id: run code in the returned context (`context.with`) and
 * {@link currentCorrelationId} returns `id` there. One async-context frame instead of the two that
 * `context.with` plus {@link runWithCorrelationId} cost; it needs a registered context manager (the
 * pipeline installs one), else the id is not seen: check with {@link correlationIdOf}(`context.active()`).
 */
export function contextWithCorrelationId(parent: Context, id: string): Context {
  return parent.setValue(contextKey, id);
}

/** The correlation id stored in `ctx` by {@link contextWithCorrelationId} or {@link runWithCorrelationId}. */
export function correlationIdOf(ctx: Context): string | undefined {
  const value = ctx.getValue(contextKey);
  return typeof value === 'string' ? value : undefined;
}

/** The correlation id of the current async context, if any: the OpenTelemetry context's, else our own store's. */
export function currentCorrelationId(): string | undefined {
  return correlationIdOf(context.active()) ?? store().getStore();
}

/** Whether `value` is acceptable as a correlation id: 1–128 visible ASCII characters, no quotes or `<>`. */
export function isValidCorrelationId(value: unknown): value is string {
  return typeof value === 'string' && value.length <= maxLength && validId.test(value);
}

function firstValid(value: unknown): string | undefined {
  if (Array.isArray(value)) return value.find(isValidCorrelationId);
  return isValidCorrelationId(value) ? value : undefined;
}

/**
 * The correlation id a caller sent: `_meta['io.mcp-o11y/correlationId']`, else `_meta.correlationId`,
 * else the `X-Correlation-ID` header (any case; the first valid value of a repeated header). `_meta`
 * wins because it travels with the request itself, over every transport. Values that are not 1–128
 * visible ASCII characters (or contain quotes, `\`, `<`, `>` or a backtick) are ignored, so a hostile
 * client cannot inject log lines or markup; the caller then generates one with {@link newCorrelationId}.
 */
export function correlationIdFrom(
  headers?: Readonly<Record<string, string | string[] | undefined>>,
  meta?: Readonly<Record<string, unknown>>,
): string | undefined {
  if (meta) {
    const fromMeta = firstValid(meta[CORRELATION_ID_META_KEY]) ?? firstValid(meta.correlationId);
    if (fromMeta !== undefined) return fromMeta;
  }
  if (!headers) return undefined;
  const direct = firstValid(headers[CORRELATION_ID_HEADER]);
  if (direct !== undefined) return direct;
  for (const name of Object.keys(headers)) {
    if (name.length === CORRELATION_ID_HEADER.length && name.toLowerCase() === CORRELATION_ID_HEADER) {
      const found = firstValid(headers[name]);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}
