import { type Attributes, type Context, context } from '@opentelemetry/api';
import { CORRELATION_ID_ATTRIBUTE, correlationIdFrom, newCorrelationId } from '../correlation/index.js';
import { LeanSpan } from '../pipeline/lean-span.js';
import { startInstrumentationSpan } from '../pipeline/lean-tracer.js';
import { capturedPayload } from './captured-payload.js';
import { cancelledErrorType } from './classify-error.js';
import type { Connection } from './connection.js';
import type { RpcMessage } from './connection-identity.js';
import { addProgressEvent, finishRequest, finishWithResponse } from './finish-request.js';
import { clipName } from './operation-cache.js';
import { PendingRequest } from './pending-request.js';
import { principalOf } from './principal.js';
import { requestContext } from './request-context.js';
import {
  ATTR_CLIENT_ADDRESS,
  ATTR_CLIENT_PORT,
  ATTR_JSONRPC_REQUEST_ID,
  ATTR_MCP_CLIENT_NAME,
  ATTR_MCP_CLIENT_VERSION,
  ATTR_MCP_RESOURCE_URI,
  ATTR_MCP_SESSION_ID,
  ATTR_PRINCIPAL,
} from './semantic-conventions.js';
import { parentFromMeta } from './trace-context.js';
import { httpInfoOf } from './transport-attributes.js';

// Requests this side receives (SERVER spans) and the notifications it receives.

/** A request arrived: starts its SERVER span and returns the context to deliver it in (span and correlation id). */
export function receiveRequest(connection: Connection, message: RpcMessage, extra: unknown): Context {
  const ambient = context.active();
  const { identity, instrumentation } = connection;
  identity.learnFromInboundRequest(message, extra, ambient);
  const telemetry = instrumentation.server;
  const method = message.method as string;
  const params = message.params;
  const operation = identity.profileOf(telemetry).entry(method, params, connection.names);
  const extracted = parentFromMeta(params?._meta, ambient, instrumentation.propagator);
  const parent = extracted === undefined ? ambient : extracted.parent;
  const correlationId =
    correlationIdFrom(headersOf(extra), params?._meta as Record<string, unknown> | undefined) ??
    newCorrelationId();
  connection.correlationId = correlationId;
  // Every attribute goes in at the start: the SDK checks them once, and the sampler sees them all.
  const attributes: Attributes = { ...identity.spanAttributesOf(operation) };
  attributes[ATTR_JSONRPC_REQUEST_ID] = String(message.id);
  const sessionId = connection.transport.sessionId;
  if (typeof sessionId === 'string' && !identity.modern) attributes[ATTR_MCP_SESSION_ID] = sessionId;
  if (typeof params?.uri === 'string') attributes[ATTR_MCP_RESOURCE_URI] = clipName(params.uri);
  const http = httpInfoOf(ambient);
  if (http?.clientAddress !== undefined) attributes[ATTR_CLIENT_ADDRESS] = http.clientAddress;
  if (http?.clientPort !== undefined) attributes[ATTR_CLIENT_PORT] = http.clientPort;
  attributes[CORRELATION_ID_ATTRIBUTE] = correlationId;
  const options = telemetry.options;
  const client = identity.attributes[ATTR_MCP_CLIENT_NAME];
  // Once per request: the span and the usage metric read the same answer.
  const principal = principalOf(
    options.principal,
    options.observability,
    method,
    params,
    extra,
    client,
    identity.attributes[ATTR_MCP_CLIENT_VERSION],
  );
  if (principal !== undefined) attributes[ATTR_PRINCIPAL] = principal;
  const span = startInstrumentationSpan(
    telemetry.tracer,
    operation.spanName,
    telemetry.kind,
    attributes,
    parent,
    extracted?.links,
  );
  if (span.isRecording()) capturedPayload.onRequest(span, method, params, telemetry.options);
  connection.track(
    connection.inbound,
    message.id as string | number,
    new PendingRequest(
      span,
      // The span's own start reading when it has one: the duration metric and the span share a clock read.
      span instanceof LeanSpan ? span.startMonotonicMs : performance.now(),
      operation,
      method,
      params,
      telemetry.usage?.entryFor(connection, principal, client),
    ),
    telemetry,
  );
  return requestContext(parent, span, correlationId);
}

/** A response is being sent: ends the SERVER span of the request it answers. */
export function sendResponse(connection: Connection, message: RpcMessage): void {
  const request = connection.inbound.take(message.id);
  if (request === undefined) return;
  const telemetry = connection.instrumentation.server;
  connection.identity.learnFromResponse(request.method, message.result, true, connection.names);
  finishWithResponse(connection.identity, request, message, telemetry);
}

/** A notification arrived: counts it and applies cancellation and progress to requests in flight. */
export function receiveNotification(connection: Connection, message: RpcMessage): Context | undefined {
  const method = message.method as string;
  const { instrumentation } = connection;
  instrumentation.server.countNotification(method, 'receive');
  const params = message.params;
  if (method === 'notifications/cancelled') {
    const request = connection.inbound.take(params?.requestId);
    if (request !== undefined)
      finishRequest(
        connection.identity,
        request,
        cancelledErrorType(params?.reason),
        undefined,
        undefined,
        instrumentation.server,
      );
  } else if (method === 'notifications/progress') {
    const request = connection.outbound.peek(params?.progressToken);
    if (request !== undefined) addProgressEvent(request.span, params);
  }
  return parentFromMeta(params?._meta, context.active(), instrumentation.propagator)?.parent;
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
