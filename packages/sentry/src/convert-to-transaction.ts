import type { TracesContributionV1 } from '@mcp-o11y/core';

/** A span as core's pipeline hands it to an exporter (`ReadableSpan` of the OTel SDK 3.x). */
export type SourceSpan = Parameters<
  NonNullable<TracesContributionV1['exporters']>[number]['export']
>[0][number];

/** One Sentry child span of a transaction (the `spans` array of a transaction event). */
export interface SentrySpanJson {
  trace_id: string;
  span_id: string;
  parent_span_id?: string;
  description: string;
  op: string;
  origin: string;
  status: string;
  start_timestamp: number;
  timestamp: number;
  data: Record<string, unknown>;
}

/** A Sentry transaction event, as sent in a `transaction` envelope item. */
export interface SentryTransactionEvent {
  type: 'transaction';
  event_id: string;
  transaction: string;
  transaction_info: { source: 'custom' };
  start_timestamp: number;
  timestamp: number;
  platform: 'node';
  contexts: { trace: Omit<SentrySpanJson, 'description' | 'start_timestamp' | 'timestamp'> };
  spans: SentrySpanJson[];
  environment?: string;
  release?: string;
  server_name?: string;
}

/** Fields every event carries. */
export interface EventCommon {
  readonly environment: string;
  readonly release: string | undefined;
  readonly serverName: string | undefined;
}

export const ORIGIN = 'auto.mcp_o11y';
const SPAN_KIND_SERVER = 1;
const SPAN_KIND_CLIENT = 2;
const STATUS_ERROR = 2;

/** Seconds since the epoch, as Sentry timestamps are, from an OTel `[seconds, nanoseconds]` time. */
export function toSeconds(time: readonly [number, number]): number {
  return time[0] + time[1] / 1e9;
}

/** Whether `span` starts a segment in this process (no parent, or a parent in another process). */
export function isSegmentRoot(span: SourceSpan): boolean {
  const parent = span.parentSpanContext;
  return parent === undefined || parent.isRemote === true;
}

/** Sentry's `op`: `mcp.server`/`mcp.client` for MCP spans, `http.*`, `db`, else by span kind. */
export function sentryOp(span: SourceSpan): string {
  const attributes = span.attributes;
  const side = span.kind === SPAN_KIND_CLIENT ? 'client' : 'server';
  if (attributes['mcp.method.name'] !== undefined) return `mcp.${side}`;
  if (attributes['http.request.method'] !== undefined) return `http.${side}`;
  if (attributes['db.system.name'] !== undefined || attributes['db.system'] !== undefined) return 'db';
  if (attributes['integration.name'] !== undefined) return 'integration';
  return span.kind === SPAN_KIND_SERVER ? 'server' : span.kind === SPAN_KIND_CLIENT ? 'client' : 'function';
}

/** Sentry's span status from the OTel status and `error.type`. */
export function sentryStatus(span: SourceSpan): string {
  const errorType = span.attributes['error.type'];
  if (errorType === 'cancelled') return 'cancelled';
  if (errorType === 'timeout' || errorType === 'orphaned' || errorType === '-32001')
    return 'deadline_exceeded';
  if (span.status.code !== STATUS_ERROR) return 'ok';
  if (errorType === '-32042') return 'unauthenticated';
  return 'internal_error';
}

function toSpanJson(span: SourceSpan): SentrySpanJson {
  const context = span.spanContext();
  const json: SentrySpanJson = {
    trace_id: context.traceId,
    span_id: context.spanId,
    description: span.name,
    op: sentryOp(span),
    origin: ORIGIN,
    status: sentryStatus(span),
    start_timestamp: toSeconds(span.startTime),
    timestamp: toSeconds(span.endTime),
    data: { ...span.attributes, 'otel.kind': kindName(span.kind) },
  };
  if (span.parentSpanContext !== undefined) json.parent_span_id = span.parentSpanContext.spanId;
  if (span.status.message !== undefined && span.status.code === STATUS_ERROR)
    json.data['otel.status_description'] = span.status.message;
  return json;
}

function kindName(kind: number): string {
  return ['INTERNAL', 'SERVER', 'CLIENT', 'PRODUCER', 'CONSUMER'][kind] ?? 'INTERNAL';
}

/**
 * One transaction event: `root` as the transaction (its trace context), `descendants` as its child
 * spans, all with the OTel trace and span ids unchanged so the trace joins the other backends'. Pure.
 */
export function convertToTransaction(
  root: SourceSpan,
  descendants: readonly SourceSpan[],
  eventId: string,
  common: EventCommon,
): SentryTransactionEvent {
  const rootJson = toSpanJson(root);
  const { description, start_timestamp, timestamp, ...trace } = rootJson;
  const event: SentryTransactionEvent = {
    type: 'transaction',
    event_id: eventId,
    transaction: description,
    transaction_info: { source: 'custom' },
    start_timestamp,
    timestamp,
    platform: 'node',
    contexts: { trace },
    spans: descendants.map(toSpanJson),
    environment: common.environment,
  };
  if (common.release !== undefined) event.release = common.release;
  if (common.serverName !== undefined) event.server_name = common.serverName;
  return event;
}

/** Decides which spans start a segment; see {@link isSegmentRoot}. */
export type RootTest = (span: SourceSpan) => boolean;

/**
 * Splits the spans of one trace into segments: each root (by default a local root) with the spans below
 * it. Spans whose root is not among `spans` (it has not ended yet) are returned as `waiting`.
 */
export function groupIntoSegments(
  spans: readonly SourceSpan[],
  isRoot: RootTest = isSegmentRoot,
): {
  segments: { root: SourceSpan; descendants: SourceSpan[] }[];
  waiting: SourceSpan[];
} {
  const byId = new Map<string, SourceSpan>();
  for (const span of spans) byId.set(span.spanContext().spanId, span);
  const segments = new Map<string, { root: SourceSpan; descendants: SourceSpan[] }>();
  for (const span of spans) {
    if (isRoot(span)) segments.set(span.spanContext().spanId, { root: span, descendants: [] });
  }
  const waiting: SourceSpan[] = [];
  for (const span of spans) {
    if (isRoot(span)) continue;
    const root = ancestorWhere(span, byId, isRoot);
    const segment = root === undefined ? undefined : segments.get(root.spanContext().spanId);
    if (segment === undefined) waiting.push(span);
    else segment.descendants.push(span);
  }
  return { segments: [...segments.values()], waiting };
}

/** The nearest span at or above `span` that passes `test`, when every span between is in `byId`. */
export function ancestorWhere(
  span: SourceSpan,
  byId: ReadonlyMap<string, SourceSpan>,
  test: (span: SourceSpan) => boolean,
): SourceSpan | undefined {
  let current: SourceSpan | undefined = span;
  // Bounded: a malformed parent chain must not loop forever.
  for (let hops = 0; current !== undefined && hops < 256; hops += 1) {
    if (test(current)) return current;
    const parentId: string | undefined = current.parentSpanContext?.spanId;
    current = parentId === undefined ? undefined : byId.get(parentId);
  }
  return undefined;
}

/** The spans of `spans` below `ancestor` (at any depth). */
export function descendantsOf(ancestor: SourceSpan, spans: readonly SourceSpan[]): SourceSpan[] {
  const id = ancestor.spanContext().spanId;
  const byId = new Map<string, SourceSpan>();
  for (const span of spans) byId.set(span.spanContext().spanId, span);
  return spans.filter(
    (span) =>
      span !== ancestor &&
      ancestorWhere(span, byId, (candidate) => candidate.spanContext().spanId === id) !== undefined,
  );
}

/** Whether a trace is in the transaction sample: decided from the trace id, so every span of a trace agrees. */
export function isTraceSampled(traceId: string, rate: number): boolean {
  if (rate >= 1) return true;
  if (rate <= 0) return false;
  // The last 8 hex digits of a W3C trace id are random.
  return Number.parseInt(traceId.slice(-8), 16) / 0x1_0000_0000 < rate;
}
