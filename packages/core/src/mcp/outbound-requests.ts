import { type Attributes, context, trace } from '@opentelemetry/api';
import { LeanSpan } from '../pipeline/lean-span.js';
import { startInstrumentationSpan } from '../pipeline/lean-tracer.js';
import { capturedPayload } from './captured-payload.js';
import { cancelledErrorType } from './classify-error.js';
import type { Connection } from './connection.js';
import type { RpcMessage } from './connection-identity.js';
import { addProgressEvent, finishRequest, finishWithResponse } from './finish-request.js';
import { clipName } from './operation-cache.js';
import { PendingRequest } from './pending-request.js';
import {
  ATTR_JSONRPC_REQUEST_ID,
  ATTR_MCP_RESOURCE_URI,
  ATTR_MCP_SESSION_ID,
} from './semantic-conventions.js';
import { withPropagatedMeta } from './trace-context.js';

// Requests this side sends (CLIENT spans), their responses, and the notifications it sends.

/** A request is being sent: starts its CLIENT span and returns the message with `_meta` propagation. */
export function sendRequest(
  connection: Connection,
  message: RpcMessage,
): { message: RpcMessage; request: PendingRequest } {
  const { identity, instrumentation } = connection;
  const telemetry = instrumentation.client;
  const method = message.method as string;
  const params = message.params;
  identity.learnFromOutboundRequest(method, params);
  const operation = identity.profileOf(telemetry).entry(method, params, connection.names);
  const parent = context.active();
  const attributes: Attributes = { ...identity.spanAttributesOf(operation) };
  attributes[ATTR_JSONRPC_REQUEST_ID] = String(message.id);
  const sessionId = connection.transport.sessionId;
  if (typeof sessionId === 'string' && !identity.modern) attributes[ATTR_MCP_SESSION_ID] = sessionId;
  if (typeof params?.uri === 'string') attributes[ATTR_MCP_RESOURCE_URI] = clipName(params.uri);
  const span = startInstrumentationSpan(
    telemetry.tracer,
    operation.spanName,
    telemetry.kind,
    attributes,
    parent,
    undefined,
  );
  if (span.isRecording()) capturedPayload.onRequest(span, method, params, telemetry.options);
  const startMs = span instanceof LeanSpan ? span.startMonotonicMs : performance.now();
  const request = new PendingRequest(span, startMs, operation, method, params, undefined);
  connection.track(connection.outbound, message.id as string | number, request, telemetry);
  return {
    message: withPropagatedMeta(message, trace.setSpan(parent, span), instrumentation.propagator),
    request,
  };
}

/** A response arrived: ends the CLIENT span of the request it answers. */
export function receiveResponse(connection: Connection, message: RpcMessage): void {
  const request = connection.outbound.take(message.id);
  if (request === undefined) return;
  connection.identity.learnFromResponse(request.method, message.result, false, connection.names);
  finishWithResponse(connection.identity, request, message, connection.instrumentation.client);
}

/** Sending a request failed: ends its span as a transport error. */
export function sendFailed(
  connection: Connection,
  request: PendingRequest,
  id: unknown,
  error: unknown,
): void {
  if (connection.outbound.take(id) !== request) return;
  finishRequest(
    connection.identity,
    request,
    'transport',
    undefined,
    error instanceof Error ? error.message : String(error),
    connection.instrumentation.client,
  );
}

/** A notification is being sent: counts it, applies it to requests in flight, adds `_meta` propagation. */
export function sendNotification(
  connection: Connection,
  message: RpcMessage,
  relatedRequestId: unknown,
): RpcMessage {
  const method = message.method as string;
  const { instrumentation } = connection;
  instrumentation.client.countNotification(method, 'transmit');
  const params = message.params;
  if (method === 'notifications/cancelled') {
    const request = connection.outbound.take(params?.requestId);
    if (request !== undefined)
      finishRequest(
        connection.identity,
        request,
        cancelledErrorType(params?.reason),
        undefined,
        undefined,
        instrumentation.client,
      );
  } else if (method === 'notifications/progress') {
    const request =
      connection.inbound.peek(relatedRequestId) ?? connection.inbound.peek(params?.progressToken);
    if (request !== undefined) addProgressEvent(request.span, params);
  }
  return withPropagatedMeta(message, context.active(), instrumentation.propagator);
}
