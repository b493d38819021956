import type { StoredSpan } from '@mcp-o11y/core';
import type { ZipkinSpanV2 } from '@mcp-o11y/zipkin';
import { expect } from 'vitest';
import { type DecodedSpan, tagValue } from '../../../../packages/jaeger/test/support/jaeger-thrift.ts';
import type { ReceivedSpan } from '../../../../packages/otlp/test/decode-otlp.ts';
import { FORECAST_DATABASE, FORECAST_QUERY, FORECAST_TOOL } from '../../src/weather-tools.ts';

/** A span as any backend received it, reduced to what the trace comparison needs. */
export interface TraceSpan {
  /** 32 lower-case hex characters. */
  readonly traceId: string;
  /** 16 lower-case hex characters. */
  readonly spanId: string;
  /** Undefined for a root span, whatever the wire format writes for "none". */
  readonly parentSpanId: string | undefined;
  readonly name: string;
  readonly kind: 'internal' | 'server' | 'client' | 'producer' | 'consumer';
}

const otlpKinds = ['internal', 'internal', 'server', 'client', 'producer', 'consumer'] as const;

/** From an OTLP span decoded with the OTLP proto schema (protobuf or JSON). */
export function fromOtlp(span: ReceivedSpan): TraceSpan {
  return {
    traceId: span.traceId,
    spanId: span.spanId,
    parentSpanId: span.parentSpanId,
    name: span.name,
    kind: otlpKinds[span.kind] ?? 'internal',
  };
}

/** From a Zipkin v2 span: no `kind` means an internal span. */
export function fromZipkin(span: ZipkinSpanV2): TraceSpan {
  return {
    traceId: span.traceId,
    spanId: span.id,
    parentSpanId: span.parentId,
    name: span.name,
    kind: span.kind === undefined ? 'internal' : (span.kind.toLowerCase() as TraceSpan['kind']),
  };
}

const NO_PARENT = '0000000000000000';

/** From a Jaeger Thrift span: the trace id is split in two i64, the kind is the `span.kind` tag. */
export function fromThrift(span: DecodedSpan): TraceSpan {
  const kind = tagValue(span.tags, 'span.kind');
  return {
    traceId: `${span.traceIdHigh}${span.traceIdLow}`,
    spanId: span.spanId,
    parentSpanId: span.parentSpanId === NO_PARENT ? undefined : span.parentSpanId,
    name: span.operationName,
    kind: typeof kind === 'string' ? (kind as TraceSpan['kind']) : 'internal',
  };
}

/** From the in-memory backend. */
export function fromStore(span: StoredSpan): TraceSpan {
  return {
    traceId: span.traceId,
    spanId: span.spanId,
    parentSpanId: span.parentSpanId,
    name: span.name,
    kind: span.kind as TraceSpan['kind'],
  };
}

/** The three spans of one forecast call. */
export interface ForecastTrace {
  readonly client: TraceSpan;
  readonly server: TraceSpan;
  readonly integration: TraceSpan;
}

export const TOOL_SPAN_NAME = `tools/call ${FORECAST_TOOL}`;
export const INTEGRATION_SPAN_NAME = `${FORECAST_DATABASE} ${FORECAST_QUERY}`;

/**
 * Finds the client, server and integration spans of the one forecast call among `spans` and checks they
 * form one trace: client (root) → server → integration. `backend` names the receiver in failures.
 */
export function expectForecastTrace(spans: readonly TraceSpan[], backend: string): ForecastTrace {
  const only = (name: string, kind: TraceSpan['kind']): TraceSpan => {
    const found = spans.filter((span) => span.name === name && span.kind === kind);
    expect(
      found,
      `${backend}: one ${kind} span "${name}" among ${JSON.stringify(spans.map((s) => s.name))}`,
    ).toHaveLength(1);
    return found[0] as TraceSpan;
  };
  const client = only(TOOL_SPAN_NAME, 'client');
  const server = only(TOOL_SPAN_NAME, 'server');
  const integration = only(INTEGRATION_SPAN_NAME, 'client');
  expect(client.traceId, `${backend}: trace id`).toMatch(/^[0-9a-f]{32}$/);
  expect(client.parentSpanId, `${backend}: the client span is the root`).toBeUndefined();
  expect(server, `${backend}: server span under the client span`).toMatchObject({
    traceId: client.traceId,
    parentSpanId: client.spanId,
  });
  expect(integration, `${backend}: integration span under the server span`).toMatchObject({
    traceId: client.traceId,
    parentSpanId: server.spanId,
  });
  return { client, server, integration };
}
