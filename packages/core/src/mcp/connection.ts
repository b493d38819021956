import { type Attributes, type Context, context, type Span, SpanStatusCode, trace } from '@opentelemetry/api';
import { CORRELATION_ID_ATTRIBUTE, correlationIdFrom, newCorrelationId } from '../correlation/index.js';
import { capturedPayload } from './captured-payload.js';
import { cancelledErrorType } from './classify-error.js';
import type { Instrumentation } from './instrumentation.js';
import type { NameSource, ProfileCache, SideTelemetry } from './mcp-telemetry.js';
import type { MetricEntry, OutcomeKey } from './operation-cache.js';
import { PendingRequest, PendingRequests } from './pending-request.js';
import {
  ATTR_CLIENT_ADDRESS,
  ATTR_CLIENT_PORT,
  ATTR_GEN_AI_TOOL_CALL_RESULT,
  ATTR_JSONRPC_REQUEST_ID,
  ATTR_MCP_CLIENT_NAME,
  ATTR_MCP_CLIENT_VERSION,
  ATTR_MCP_PROTOCOL_VERSION,
  ATTR_MCP_RESOURCE_URI,
  ATTR_MCP_SESSION_ID,
  META_CLIENT_INFO,
  META_PROTOCOL_VERSION,
} from './semantic-conventions.js';
import { parentFromMeta, withPropagatedMeta } from './trace-context.js';
import {
  httpInfoOf,
  metricTransportAttributes,
  transportAttributesOf,
  withHttpExtra,
} from './transport-attributes.js';

/** The JSON-RPC message shape we read; everything is checked before use. */
export interface RpcMessage {
  readonly jsonrpc?: string;
  readonly id?: string | number | null;
  readonly method?: string;
  readonly params?: Record<string, unknown>;
  readonly result?: Record<string, unknown>;
  readonly error?: { readonly code?: unknown; readonly message?: unknown };
}

const FIRST_MODERN_VERSION = '2026-07-28';

/**
 * The instrumentation state of one transport: requests in flight in both directions, the peer's
 * identity and the connection's metric profile. Both roles use it: a server receives requests (SERVER
 * spans) and may send some (sampling, elicitation: CLIENT spans); a client the other way round.
 */
export class Connection {
  readonly transport: { sessionId?: unknown };
  readonly inbound: PendingRequests;
  readonly outbound: PendingRequests;
  readonly #instrumentation: Instrumentation;
  readonly #names: NameSource;
  #transportAttributes: Record<string, string | number>;
  #identity: Attributes = {};
  #protocolVersion: string | undefined;
  #modern = false;
  #serverProfile: ProfileCache;
  #clientProfile: ProfileCache;
  #sessionStartMs: number | undefined;
  #closed = false;
  #httpSeen = false;
  tracked = false;
  /** The message being delivered to the SDK, so a chained (already wrapped) handler passes it through. */
  delivering: unknown;
  /** The correlation id of the request `receiveRequest` just started (read right after; saves an allocation). */
  correlationId = '';

  constructor(transport: object, instrumentation: Instrumentation, names: NameSource) {
    this.transport = transport as { sessionId?: unknown };
    this.#instrumentation = instrumentation;
    this.#names = names;
    const max = instrumentation.options.maxPendingRequests;
    this.inbound = new PendingRequests(max);
    this.outbound = new PendingRequests(max);
    this.#transportAttributes = transportAttributesOf(transport);
    this.#identity = { ...this.#transportAttributes };
    this.#serverProfile = this.#profile(instrumentation.server);
    this.#clientProfile = this.#profile(instrumentation.client);
  }

  // ---- inbound -----------------------------------------------------------------------------------

  /** A request arrived: starts its SERVER span and returns the context to deliver it in. */
  receiveRequest(message: RpcMessage, extra: unknown): Context {
    const ambient = context.active();
    this.#learnFromInboundRequest(message, extra, ambient);
    const telemetry = this.#instrumentation.server;
    const method = message.method as string;
    const params = message.params;
    const operation = this.#serverProfile.entry(method, params, this.#names);
    const extracted = parentFromMeta(params?._meta, ambient, this.#instrumentation.propagator);
    const parent = extracted === undefined ? ambient : extracted.parent;
    const links = extracted?.links;
    const span = telemetry.tracer.startSpan(
      operation.spanName,
      links === undefined ? operation.spanOptions : { ...operation.spanOptions, links },
      parent,
    );
    this.correlationId =
      correlationIdFrom(headersOf(extra), params?._meta as Record<string, unknown> | undefined) ??
      newCorrelationId();
    if (span.isRecording()) {
      this.#setRequestAttributes(span, message, params, telemetry, ambient);
      span.setAttribute(CORRELATION_ID_ATTRIBUTE, this.correlationId);
    }
    this.#track(
      this.inbound,
      message.id as string | number,
      new PendingRequest(span, performance.now(), operation, method, params),
      telemetry,
    );
    return trace.setSpan(parent, span);
  }

  /** A notification arrived: counts it and applies cancellation and progress to requests in flight. */
  receiveNotification(message: RpcMessage): Context | undefined {
    const method = message.method as string;
    this.#instrumentation.server.countNotification(method, 'receive');
    const params = message.params;
    if (method === 'notifications/cancelled') {
      const request = this.inbound.take(params?.requestId);
      if (request !== undefined)
        this.#finish(
          request,
          cancelledErrorType(params?.reason),
          undefined,
          undefined,
          this.#instrumentation.server,
        );
    } else if (method === 'notifications/progress') {
      const request = this.outbound.peek(params?.progressToken);
      if (request !== undefined) addProgressEvent(request.span, params);
    }
    const ambient = context.active();
    return parentFromMeta(params?._meta, ambient, this.#instrumentation.propagator)?.parent;
  }

  /** A response arrived: ends the CLIENT span of the request it answers. */
  receiveResponse(message: RpcMessage): void {
    const request = this.outbound.take(message.id);
    if (request === undefined) return;
    this.#learnFromResponse(request.method, message.result, false);
    this.#finishWithResponse(request, message, this.#instrumentation.client);
  }

  // ---- outbound ----------------------------------------------------------------------------------

  /** A request is being sent: starts its CLIENT span and returns the message with `_meta` propagation. */
  sendRequest(message: RpcMessage): { message: RpcMessage; request: PendingRequest } {
    const telemetry = this.#instrumentation.client;
    const method = message.method as string;
    const params = message.params;
    this.#learnFromOutboundRequest(method, params);
    const operation = this.#clientProfile.entry(method, params, this.#names);
    const parent = context.active();
    const span = telemetry.tracer.startSpan(operation.spanName, operation.spanOptions, parent);
    if (span.isRecording()) this.#setRequestAttributes(span, message, params, telemetry, parent);
    const request = new PendingRequest(span, performance.now(), operation, method, params);
    this.#track(this.outbound, message.id as string | number, request, telemetry);
    return {
      message: withPropagatedMeta(message, trace.setSpan(parent, span), this.#instrumentation.propagator),
      request,
    };
  }

  /** Sending a request failed: ends its span as a transport error. */
  sendFailed(request: PendingRequest, id: unknown, error: unknown): void {
    if (this.outbound.take(id) !== request) return;
    this.#finish(
      request,
      'transport',
      undefined,
      error instanceof Error ? error.message : String(error),
      this.#instrumentation.client,
    );
  }

  /** A response is being sent: ends the SERVER span of the request it answers. */
  sendResponse(message: RpcMessage): void {
    const request = this.inbound.take(message.id);
    if (request === undefined) return;
    this.#learnFromResponse(request.method, message.result, true);
    this.#finishWithResponse(request, message, this.#instrumentation.server);
  }

  /** A notification is being sent: counts it, applies it to requests in flight, adds `_meta` propagation. */
  sendNotification(message: RpcMessage, relatedRequestId: unknown): RpcMessage {
    const method = message.method as string;
    this.#instrumentation.client.countNotification(method, 'transmit');
    const params = message.params;
    if (method === 'notifications/cancelled') {
      const request = this.outbound.take(params?.requestId);
      if (request !== undefined)
        this.#finish(
          request,
          cancelledErrorType(params?.reason),
          undefined,
          undefined,
          this.#instrumentation.client,
        );
    } else if (method === 'notifications/progress') {
      const request = this.inbound.peek(relatedRequestId) ?? this.inbound.peek(params?.progressToken);
      if (request !== undefined) addProgressEvent(request.span, params);
    }
    return withPropagatedMeta(message, context.active(), this.#instrumentation.propagator);
  }

  // ---- lifecycle ---------------------------------------------------------------------------------

  /** The transport closed: ends what is still in flight and records the session. */
  closed(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const request of this.inbound.takeAll())
      this.#finish(request, -32000, undefined, 'Connection closed', this.#instrumentation.server);
    for (const request of this.outbound.takeAll())
      this.#finish(request, -32000, undefined, 'Connection closed', this.#instrumentation.client);
    if (this.#sessionStartMs !== undefined) {
      const seconds = (performance.now() - this.#sessionStartMs) / 1000;
      const server = this.#instrumentation.server;
      // A server-role connection received initialize; a client-role one sent it.
      const side = this.#sessionSide === 'server' ? server : this.#instrumentation.client;
      side.sessionDuration.record(
        seconds,
        (side === server ? this.#serverProfile : this.#clientProfile).attributes,
      );
    }
    this.#instrumentation.untrack(this);
  }

  /** Ends requests older than the TTL as orphans; returns whether anything is still in flight. */
  sweep(cutoffMs: number): boolean {
    for (const request of this.inbound.takeOlderThan(cutoffMs))
      this.#finish(request, 'orphaned', undefined, undefined, this.#instrumentation.server);
    for (const request of this.outbound.takeOlderThan(cutoffMs))
      this.#finish(request, 'orphaned', undefined, undefined, this.#instrumentation.client);
    return this.inbound.size > 0 || this.outbound.size > 0;
  }

  #sessionSide: 'server' | 'client' | undefined;

  // ---- internals ---------------------------------------------------------------------------------

  #track(
    pending: PendingRequests,
    id: string | number,
    request: PendingRequest,
    telemetry: SideTelemetry,
  ): void {
    request.inFlight.value++;
    const evicted = pending.add(id, request);
    if (evicted !== undefined) this.#finish(evicted, 'orphaned', undefined, undefined, telemetry);
    if (!this.tracked) this.#instrumentation.track(this);
  }

  #setRequestAttributes(
    span: Span,
    message: RpcMessage,
    params: Record<string, unknown> | undefined,
    telemetry: SideTelemetry,
    ambient: Context,
  ): void {
    span.setAttribute(ATTR_JSONRPC_REQUEST_ID, String(message.id));
    span.setAttributes(this.#identity);
    const sessionId = this.transport.sessionId;
    if (typeof sessionId === 'string' && !this.#modern) span.setAttribute(ATTR_MCP_SESSION_ID, sessionId);
    if (typeof params?.uri === 'string') span.setAttribute(ATTR_MCP_RESOURCE_URI, params.uri);
    if (telemetry.side === 'server') {
      const http = httpInfoOf(ambient);
      if (http?.clientAddress !== undefined) span.setAttribute(ATTR_CLIENT_ADDRESS, http.clientAddress);
      if (http?.clientPort !== undefined) span.setAttribute(ATTR_CLIENT_PORT, http.clientPort);
    }
    capturedPayload.onRequest(span, message.method as string, params, telemetry.options);
  }

  #finishWithResponse(request: PendingRequest, message: RpcMessage, telemetry: SideTelemetry): void {
    const error = message.error;
    if (error !== undefined && error !== null) {
      const code = typeof error.code === 'number' ? error.code : -32603;
      this.#finish(
        request,
        code,
        undefined,
        typeof error.message === 'string' ? error.message : undefined,
        telemetry,
      );
      return;
    }
    const result = message.result;
    const key: OutcomeKey = request.method === 'tools/call' && result?.isError === true ? 'tool_error' : 'ok';
    this.#finish(request, key, result, undefined, telemetry);
  }

  #finish(
    request: PendingRequest,
    key: OutcomeKey,
    result: unknown,
    description: string | undefined,
    telemetry: SideTelemetry,
  ): void {
    const seconds = (performance.now() - request.startMs) / 1000;
    const operation = request.operation;
    let metrics: MetricEntry = operation.metrics;
    if (operation.provisional && key === 'ok' && operation.target !== undefined) {
      metrics = (telemetry.side === 'server' ? this.#serverProfile : this.#clientProfile).promote(
        request.method,
        operation.target,
      );
    }
    const outcome = metrics.outcome(key);
    request.inFlight.value--;
    telemetry.duration.record(seconds, outcome.metricAttributes);
    if (outcome.errorAttributes !== undefined) telemetry.errors.add(1, outcome.errorAttributes);
    metrics.series?.observe(seconds, outcome.seriesError);
    const span = request.span;
    if (span.isRecording()) {
      if (outcome.spanAttributes !== undefined) span.setAttributes(outcome.spanAttributes);
      if (outcome.spanError)
        span.setStatus(
          description === undefined
            ? { code: SpanStatusCode.ERROR }
            : { code: SpanStatusCode.ERROR, message: description },
        );
      if (result !== undefined && request.method === 'tools/call')
        capturedPayload.onResult(
          span,
          ATTR_GEN_AI_TOOL_CALL_RESULT,
          operation.target,
          result,
          telemetry.options,
        );
    }
    span.end();
    if (telemetry.options.requestLog) this.#logRequest(request, key, seconds, telemetry);
  }

  #logRequest(request: PendingRequest, key: OutcomeKey, seconds: number, telemetry: SideTelemetry): void {
    // Same fields as the pipeline's `logRequest` (logging/log-request.ts), so both kinds of line read alike.
    const failed = key !== 'ok';
    const fields: Record<string, unknown> = {
      method: request.method,
      duration_ms: seconds * 1000,
      outcome: failed ? 'error' : 'ok',
    };
    if (request.operation.target !== undefined) fields.target = request.operation.target;
    if (failed) fields.error_type = String(key);
    const client = this.#identity[ATTR_MCP_CLIENT_NAME];
    if (client !== undefined) fields.client = client;
    telemetry.logger[failed ? 'warn' : 'info'](request.operation.spanName, fields);
  }

  #learnFromInboundRequest(message: RpcMessage, extra: unknown, ambient: Context): void {
    const params = message.params;
    let changed = false;
    if (message.method === 'initialize') {
      this.#sessionStartMs = performance.now();
      this.#sessionSide = 'server';
      changed = this.#setClientInfo(params?.clientInfo) || changed;
      if (typeof params?.protocolVersion === 'string')
        changed = this.#setVersion(params.protocolVersion) || changed;
    }
    const meta = params?._meta as Record<string, unknown> | undefined;
    if (
      meta !== undefined &&
      this.#protocolVersion === undefined &&
      typeof meta[META_PROTOCOL_VERSION] === 'string'
    ) {
      changed = this.#setVersion(meta[META_PROTOCOL_VERSION] as string) || changed;
      changed = this.#setClientInfo(meta[META_CLIENT_INFO]) || changed;
    }
    if (extra !== undefined && !this.#httpSeen) {
      const next = withHttpExtra(this.#transportAttributes, extra, httpInfoOf(ambient));
      if (next !== this.#transportAttributes) {
        // Once per connection: the HTTP version and transport do not change between its requests.
        this.#httpSeen = true;
        this.#transportAttributes = next;
        changed = true;
        const header = (extra as { requestInfo?: { headers?: Record<string, unknown> } }).requestInfo
          ?.headers?.['mcp-protocol-version'];
        if (this.#protocolVersion === undefined && typeof header === 'string') this.#setVersion(header);
      }
    }
    if (changed) this.#refresh();
  }

  #learnFromOutboundRequest(method: string, params: Record<string, unknown> | undefined): void {
    if (method === 'initialize') {
      this.#sessionStartMs = performance.now();
      this.#sessionSide = 'client';
    }
    const meta = params?._meta as Record<string, unknown> | undefined;
    if (
      meta !== undefined &&
      this.#protocolVersion === undefined &&
      typeof meta[META_PROTOCOL_VERSION] === 'string'
    ) {
      if (this.#setVersion(meta[META_PROTOCOL_VERSION] as string)) this.#refresh();
    }
  }

  #learnFromResponse(method: string, result: Record<string, unknown> | undefined, sentByUs: boolean): void {
    if (result === undefined) return;
    if (method === 'initialize' && typeof result.protocolVersion === 'string') {
      if (this.#setVersion(result.protocolVersion)) this.#refresh();
    } else if (method === 'tools/list' || method === 'prompts/list') {
      this.#instrumentation.learnNames(this.#names, method, result, sentByUs);
    }
  }

  #setVersion(version: string): boolean {
    if (version === this.#protocolVersion) return false;
    this.#protocolVersion = version;
    this.#modern = version >= FIRST_MODERN_VERSION;
    if (this.#modern) this.#sessionStartMs = undefined;
    return true;
  }

  #setClientInfo(info: unknown): boolean {
    if (typeof info !== 'object' || info === null) return false;
    const { name, version } = info as { name?: unknown; version?: unknown };
    const identity: Attributes = { ...this.#identity };
    if (typeof name === 'string') identity[ATTR_MCP_CLIENT_NAME] = name;
    if (typeof version === 'string') identity[ATTR_MCP_CLIENT_VERSION] = version;
    this.#identity = identity;
    return true;
  }

  #refresh(): void {
    const identity: Attributes = { ...this.#identity, ...this.#transportAttributes };
    if (this.#protocolVersion !== undefined) identity[ATTR_MCP_PROTOCOL_VERSION] = this.#protocolVersion;
    this.#identity = identity;
    this.#serverProfile = this.#profile(this.#instrumentation.server);
    this.#clientProfile = this.#profile(this.#instrumentation.client);
  }

  #profile(telemetry: SideTelemetry): ProfileCache {
    const { attributes, key } = metricTransportAttributes(
      this.#transportAttributes,
      telemetry.side === 'client',
    );
    return telemetry.profile(this.#protocolVersion, attributes, key);
  }
}

function addProgressEvent(span: Span, params: Record<string, unknown> | undefined): void {
  if (!span.isRecording()) return;
  const attributes: Attributes = {};
  if (typeof params?.progress === 'number') attributes['mcp.progress.current'] = params.progress;
  if (typeof params?.total === 'number') attributes['mcp.progress.total'] = params.total;
  if (typeof params?.message === 'string') attributes['mcp.progress.message'] = params.message;
  span.addEvent('notifications/progress', attributes);
}

/** Request headers from a message's `extra`: v1 `requestInfo.headers` (a record), v2 `request` (a web `Request`). */
function headersOf(extra: unknown): Readonly<Record<string, string | string[] | undefined>> | undefined {
  if (typeof extra !== 'object' || extra === null) return undefined;
  const headers = (extra as { requestInfo?: { headers?: unknown } }).requestInfo?.headers;
  if (typeof headers === 'object' && headers !== null)
    return headers as Record<string, string | string[] | undefined>;
  const request = (extra as { request?: { headers?: { get?: (name: string) => string | null } } }).request;
  const value = request?.headers?.get?.('x-correlation-id');
  return typeof value === 'string' ? { 'x-correlation-id': value } : undefined;
}
