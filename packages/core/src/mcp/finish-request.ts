import { type Attributes, type Span, SpanStatusCode } from '@opentelemetry/api';
import { LeanSpan } from '../pipeline/lean-span.js';
import { capturedPayload } from './captured-payload.js';
import type { ConnectionIdentity, RpcMessage } from './connection-identity.js';
import type { SideTelemetry } from './mcp-telemetry.js';
import type { MetricEntry, OutcomeKey } from './operation-cache.js';
import type { PendingRequest } from './pending-request.js';
import { ATTR_GEN_AI_TOOL_CALL_RESULT, ATTR_MCP_CLIENT_NAME } from './semantic-conventions.js';

const STATUS_ERROR = Object.freeze({ code: SpanStatusCode.ERROR });

/** Ends `request` as its response says: an error code, a tool error (`isError`), or success. */
export function finishWithResponse(
  identity: ConnectionIdentity,
  request: PendingRequest,
  message: RpcMessage,
  telemetry: SideTelemetry,
): void {
  const error = message.error;
  if (error !== undefined && error !== null) {
    const code = typeof error.code === 'number' ? error.code : -32603;
    finishRequest(
      identity,
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
  finishRequest(identity, request, key, result, undefined, telemetry);
}

/**
 * Ends `request` with outcome `key`: the duration histogram and error counter with the cached attribute
 * sets of (operation, outcome), the in-memory series, the span's outcome attributes and status, and the
 * optional per-request log line.
 */
export function finishRequest(
  identity: ConnectionIdentity,
  request: PendingRequest,
  key: OutcomeKey,
  result: unknown,
  description: string | undefined,
  telemetry: SideTelemetry,
): void {
  const nowMs = performance.now();
  const seconds = (nowMs - request.startMs) / 1000;
  const operation = request.operation;
  let metrics: MetricEntry = operation.metrics;
  if (operation.provisional && key === 'ok' && operation.target !== undefined) {
    metrics = identity.profileOf(telemetry).promote(request.method, operation.target);
  }
  const outcome = metrics.outcome(key);
  request.inFlight.value--;
  telemetry.duration.record(seconds, outcome.metricAttributes);
  if (outcome.errorAttributes !== undefined) telemetry.errors.add(1, outcome.errorAttributes);
  // One clock read for every in-memory series this request lands in (operation, principal, client, size).
  const series = metrics.series;
  const atMs = series?.now();
  series?.observe(seconds, outcome.seriesError, atMs);
  request.usage?.record(metrics.method, seconds, outcome.seriesError, atMs);
  const resultKind = metrics.resultKind;
  // Successful results only, with the ok outcome's frozen attributes (the duration's own cell key).
  if (resultKind !== undefined && key === 'ok' && result !== undefined)
    telemetry.results?.record(metrics, resultKind, outcome.metricAttributes, result, atMs);
  const span = request.span;
  if (span.isRecording()) {
    if (outcome.spanAttributes !== undefined) span.setAttributes(outcome.spanAttributes);
    if (outcome.spanError)
      span.setStatus(
        description === undefined ? STATUS_ERROR : { code: SpanStatusCode.ERROR, message: description },
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
  if (span instanceof LeanSpan) span.endAtMonotonic(nowMs);
  else span.end();
  if (telemetry.options.requestLog) logRequest(identity, request, key, seconds, telemetry);
}

function logRequest(
  identity: ConnectionIdentity,
  request: PendingRequest,
  key: OutcomeKey,
  seconds: number,
  telemetry: SideTelemetry,
): void {
  // Same fields as the pipeline's `logRequest` (logging/log-request.ts), so both kinds of line read alike.
  const failed = key !== 'ok';
  const fields: Record<string, unknown> = {
    method: request.method,
    duration_ms: seconds * 1000,
    outcome: failed ? 'error' : 'ok',
  };
  if (request.operation.target !== undefined) fields.target = request.operation.target;
  if (failed) fields.error_type = String(key);
  const client = identity.attributes[ATTR_MCP_CLIENT_NAME];
  if (client !== undefined) fields.client = client;
  telemetry.logger[failed ? 'warn' : 'info'](request.operation.spanName, fields);
}

/** A progress notification becomes an event on the span of the request it reports on. */
export function addProgressEvent(span: Span, params: Record<string, unknown> | undefined): void {
  if (!span.isRecording()) return;
  const attributes: Attributes = {};
  if (typeof params?.progress === 'number') attributes['mcp.progress.current'] = params.progress;
  if (typeof params?.total === 'number') attributes['mcp.progress.total'] = params.total;
  if (typeof params?.message === 'string') attributes['mcp.progress.message'] = params.message;
  span.addEvent('notifications/progress', attributes);
}
