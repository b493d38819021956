import {
  type EventCommon,
  ORIGIN,
  type SourceSpan,
  sentryOp,
  sentryStatus,
  toSeconds,
} from './convert-to-transaction.js';

/** Why a server span is worth an error event; undefined when it succeeded. */
export type ErrorKind = 'server_error' | 'caller_fault' | 'cancelled';

/** A Sentry stack frame, as `defaultStackParser` returns them (oldest call first). */
export type StackFrame = Record<string, unknown>;

/** One exception of the event (`exception.values[n]`). */
export interface SentryException {
  type: string;
  value: string;
  stacktrace?: { frames: StackFrame[] };
  mechanism: { type: string; handled: boolean };
}

/** A Sentry breadcrumb. */
export interface SentryBreadcrumb {
  timestamp: number;
  level: string;
  category: string;
  message: string;
  data?: Record<string, unknown>;
}

/** A Sentry error event built from an MCP server span. */
export interface SentryErrorEventJson {
  event_id: string;
  timestamp: number;
  level: 'error';
  platform: 'node';
  transaction: string;
  exception: { values: SentryException[] };
  tags: Record<string, string>;
  contexts: { trace: Record<string, unknown>; mcp: Record<string, unknown> };
  fingerprint: string[];
  breadcrumbs?: SentryBreadcrumb[];
  environment?: string;
  release?: string;
  server_name?: string;
}

const SPAN_KIND_SERVER = 1;
/** The SDK's text of an `McpError` with a caller-fault code, e.g. `MCP error -32602: Tool x not found`. */
const callerFaultText = /^MCP error (-32700|-32600|-32601|-32602|-32002):/;
const STATUS_ERROR = 2;

/** The span attributes copied into the `mcp` context (all semconv or `mcp_o11y.` names). */
const mcpContextKeys = [
  'mcp.method.name',
  'gen_ai.tool.name',
  'gen_ai.prompt.name',
  'mcp.resource.uri',
  'jsonrpc.request.id',
  'mcp.session.id',
  'mcp.protocol.version',
  'mcp.client.name',
  'mcp.client.version',
  'network.transport',
  'rpc.response.status_code',
  'error.type',
  'mcp_o11y.correlation_id',
  // Present only when core's capture opt-in recorded them, already capped and redacted.
  'gen_ai.tool.call.arguments',
  'gen_ai.tool.call.result',
] as const;

/** Tags: low-cardinality, searchable. The correlation id is a tag too, to find an event from a log line. */
const tagKeys = [
  'error.type',
  'mcp.method.name',
  'gen_ai.tool.name',
  'gen_ai.prompt.name',
  'mcp.client.name',
  'mcp_o11y.correlation_id',
] as const;

/** Whether `span` is an MCP server span that failed, and how. Pure. */
export function errorKindOf(span: SourceSpan): ErrorKind | undefined {
  const attributes = span.attributes;
  if (span.kind !== SPAN_KIND_SERVER || attributes['mcp.method.name'] === undefined) return undefined;
  const errorType = attributes['error.type'];
  if (errorType === 'cancelled') return 'cancelled';
  if (attributes['mcp_o11y.error.category'] === 'validation') return 'caller_fault';
  // SDK v1 answers an unknown tool or invalid arguments with an `isError` result, which the span records
  // as tool_error; the captured result (when opted in) still carries the SDK's caller-fault code.
  if (
    errorType === 'tool_error' &&
    callerFaultText.test(toolResultText(attributes['gen_ai.tool.call.result']) ?? '')
  )
    return 'caller_fault';
  if (span.status.code === STATUS_ERROR) return 'server_error';
  // Core leaves caller faults (-32602 …) without error.type and ERROR status, but records the code.
  if (attributes['rpc.response.status_code'] !== undefined) return 'caller_fault';
  return undefined;
}

/** The seeds' error taxonomy (core's `mcp_o11y.errors` categories) for an `error.type` value. */
export function errorCategoryOf(errorType: string | undefined): string {
  switch (errorType) {
    case 'tool_error':
      return 'tool_error';
    case 'timeout':
    case 'orphaned':
    case '-32001':
      return 'timeout';
    case 'transport':
    case '-32000':
      return 'transport';
    case '-32042':
      return 'auth';
    case 'cancelled':
      return 'cancelled';
    case '-32700':
    case '-32600':
    case '-32601':
    case '-32602':
    case '-32002':
      return 'validation';
    default:
      return 'internal';
  }
}

/**
 * The message with ids, numbers and quoted values replaced, so "user 42 not found" and "user 7 not
 * found" group together. Lower-cased, at most 200 characters. Pure.
 */
export function normaliseMessage(message: string): string {
  return message
    .toLowerCase()
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<uuid>')
    .replace(/\b(?=[0-9a-f]*\d)[0-9a-f]{12,}\b/g, '<hex>')
    .replace(/"[^"]*"|`[^`]*`/g, '<str>')
    .replace(/\d+(\.\d+)?/g, '<n>')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 200);
}

/** Exceptions recorded as `exception` span events, in recording order. */
export function exceptionsOf(
  spans: readonly SourceSpan[],
): { type: string; message: string; stack?: string }[] {
  const found: { type: string; message: string; stack?: string }[] = [];
  for (const span of spans) {
    for (const event of span.events) {
      if (event.name !== 'exception') continue;
      const attributes = event.attributes ?? {};
      const type = attributes['exception.type'];
      const message = attributes['exception.message'];
      const stack = attributes['exception.stacktrace'];
      found.push({
        type: typeof type === 'string' ? type : 'Error',
        message: typeof message === 'string' ? message : '',
        ...(typeof stack === 'string' ? { stack } : {}),
      });
    }
  }
  return found;
}

/** The first text of a captured `CallToolResult` (present only with core's result capture on). */
function toolResultText(result: unknown): string | undefined {
  if (typeof result !== 'string') return undefined;
  try {
    const parsed = JSON.parse(result) as { content?: { type?: unknown; text?: unknown }[] };
    const text = parsed.content?.find((item) => item.type === 'text')?.text;
    return typeof text === 'string' ? text : undefined;
  } catch {
    // Truncated by core's size cap: not JSON any more.
    return undefined;
  }
}

/** What the failure says about itself, best source first. */
function describeFailure(span: SourceSpan, errorType: string | undefined): { type: string; message: string } {
  const message =
    (span.status.message !== undefined && span.status.message !== '' ? span.status.message : undefined) ??
    toolResultText(span.attributes['gen_ai.tool.call.result']) ??
    `${span.name} failed with error.type ${errorType ?? 'unknown'}`;
  const type =
    errorType === 'tool_error'
      ? 'ToolError'
      : errorType !== undefined && /^-?\d+$/.test(errorType)
        ? `JsonRpcError ${errorType}`
        : errorType === undefined
          ? 'Error'
          : errorType;
  return { type, message };
}

/** Inputs of {@link convertToErrorEvent}. */
export interface ErrorEventInput {
  /** The MCP server span. */
  readonly span: SourceSpan;
  /** Spans below it in the same trace, searched for recorded exceptions when the span has none. */
  readonly descendants: readonly SourceSpan[];
  readonly eventId: string;
  readonly common: EventCommon;
  readonly breadcrumbs?: readonly SentryBreadcrumb[];
  /** Sentry's stack parser (`defaultStackParser`); without it stacks are left out. */
  readonly parseStack?: (stack: string) => StackFrame[];
}

/**
 * A Sentry error event for a failed MCP server span: the exception (recorded ones first, else one made
 * from the status, the captured tool result or `error.type`), MCP context, tags, trace context and the
 * fingerprint {target, error type, normalised message}. Pure.
 */
export function convertToErrorEvent(input: ErrorEventInput): SentryErrorEventJson {
  const { span, common } = input;
  const attributes = span.attributes;
  const errorTypeValue = attributes['error.type'] ?? attributes['rpc.response.status_code'];
  const errorType = errorTypeValue === undefined ? undefined : String(errorTypeValue);
  const recorded = exceptionsOf([span]);
  const exceptions = recorded.length > 0 ? recorded : exceptionsOf(input.descendants);
  const handled = errorType === 'tool_error';
  const mechanism = { type: ORIGIN, handled };
  const values: SentryException[] = exceptions.map((exception) => ({
    type: exception.type,
    value: exception.message,
    ...(exception.stack !== undefined && input.parseStack !== undefined
      ? { stacktrace: { frames: input.parseStack(exception.stack) } }
      : {}),
    mechanism,
  }));
  if (values.length === 0) {
    const failure = describeFailure(span, errorType);
    values.push({ type: failure.type, value: failure.message, mechanism });
  }
  const main = values.at(-1) as SentryException;
  const target =
    attributes['gen_ai.tool.name'] ?? attributes['gen_ai.prompt.name'] ?? attributes['mcp.method.name'];
  const context = span.spanContext();
  const mcp: Record<string, unknown> = {};
  for (const key of mcpContextKeys) if (attributes[key] !== undefined) mcp[key] = attributes[key];
  const tags: Record<string, string> = { 'mcp_o11y.error.category': errorCategoryOf(errorType) };
  for (const key of tagKeys) if (attributes[key] !== undefined) tags[key] = String(attributes[key]);
  if (errorType !== undefined) tags['error.type'] = errorType;
  const trace: Record<string, unknown> = {
    trace_id: context.traceId,
    span_id: context.spanId,
    op: sentryOp(span),
    status: sentryStatus(span),
    origin: ORIGIN,
  };
  if (span.parentSpanContext !== undefined) trace.parent_span_id = span.parentSpanContext.spanId;
  const event: SentryErrorEventJson = {
    event_id: input.eventId,
    timestamp: toSeconds(span.endTime),
    level: 'error',
    platform: 'node',
    transaction: span.name,
    exception: { values },
    tags,
    contexts: { trace, mcp },
    fingerprint: ['mcp', String(target), errorType ?? main.type, normaliseMessage(main.value)],
    environment: common.environment,
  };
  if (input.breadcrumbs !== undefined && input.breadcrumbs.length > 0)
    event.breadcrumbs = [...input.breadcrumbs];
  if (common.release !== undefined) event.release = common.release;
  if (common.serverName !== undefined) event.server_name = common.serverName;
  return event;
}
