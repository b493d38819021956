import { createObservability, type Observability } from '@mcp-o11y/core';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { afterEach, describe, expect, it } from 'vitest';
import type { OtlpOptions, OtlpProtocol } from '../src/index.js';
import { otlp } from '../src/index.js';
import { type OtlpCollector, startGrpcCollector, startHttpCollector } from './otlp-receivers.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function pipeline(options: OtlpOptions, env: Record<string, string> = {}): Promise<Observability> {
  const observability = await createObservability({
    service: { name: 'otlp-payload-test', version: '1.2.3' },
    adapters: [otlp(options)],
    memory: false,
    env,
    logging: { destination: false },
    alerts: false,
    shutdownHooks: { signals: false, stdinEnd: false, beforeExit: false },
  });
  cleanups.push(() => observability.shutdown());
  return observability;
}

async function collectorFor(protocol: OtlpProtocol): Promise<OtlpCollector> {
  const collector = protocol === 'grpc' ? await startGrpcCollector() : await startHttpCollector();
  cleanups.push(() => collector.close());
  return collector;
}

/** A server span with a client child that has an event and an error status, a histogram and a log line. */
function emitSample(observability: Observability): { traceId: string; parentId: string; childId: string } {
  const histogram = observability.meter.createHistogram('otlp.test.duration', {
    unit: 's',
    advice: { explicitBucketBoundaries: [0.1, 1, 10] },
  });
  for (const seconds of [0.05, 0.5, 0.7, 5, 50]) histogram.record(seconds, { 'gen_ai.tool.name': 'echo' });
  return observability.tracer.startActiveSpan(
    'tools/call echo',
    { kind: SpanKind.SERVER, attributes: { 'mcp.method.name': 'tools/call', 'gen_ai.tool.name': 'echo' } },
    (parent) => {
      const child = observability.tracer.startSpan('GET /forecast', {
        kind: SpanKind.CLIENT,
        attributes: { 'http.request.method': 'GET', 'retry.count': 2, cached: false },
      });
      child.addEvent('retry', { attempt: 2, reason: 'timeout' });
      child.setStatus({ code: SpanStatusCode.ERROR, message: 'upstream timeout' });
      child.end();
      observability.logger.warn('forecast slow', { city: 'Oslo' });
      parent.end();
      return {
        traceId: parent.spanContext().traceId,
        parentId: parent.spanContext().spanId,
        childId: child.spanContext().spanId,
      };
    },
  );
}

describe.each(['http/protobuf', 'http/json', 'grpc'] as const)('OTLP over %s', (protocol) => {
  it('delivers spans, a histogram and a log record that decode with the OTLP schema', async () => {
    const collector = await collectorFor(protocol);
    const observability = await pipeline({
      protocol,
      endpoint: collector.url,
      headers: { 'x-api-key': 'k-123', Authorization: 'Bearer t0ken' },
      compression: protocol === 'http/json' ? 'gzip' : 'none',
    });
    const ids = emitSample(observability);
    await observability.forceFlush();

    const { spans, metrics, logs } = collector.accepted();
    const parent = spans.find((span) => span.name === 'tools/call echo');
    const child = spans.find((span) => span.name === 'GET /forecast');
    expect(parent).toMatchObject({
      traceId: ids.traceId,
      spanId: ids.parentId,
      parentSpanId: undefined,
      kind: 2,
      attributes: { 'mcp.method.name': 'tools/call', 'gen_ai.tool.name': 'echo' },
      scope: '@mcp-o11y/core',
    });
    expect(parent?.resource).toMatchObject({
      'service.name': 'otlp-payload-test',
      'service.version': '1.2.3',
    });
    expect(child).toMatchObject({
      traceId: ids.traceId,
      parentSpanId: ids.parentId,
      spanId: ids.childId,
      kind: 3,
      attributes: { 'http.request.method': 'GET', 'retry.count': 2, cached: false },
      events: [{ name: 'retry', attributes: { attempt: 2, reason: 'timeout' } }],
      statusCode: 2,
    });
    expect(ids.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(ids.childId).toMatch(/^[0-9a-f]{16}$/);

    const point = metrics.find((metric) => metric.name === 'otlp.test.duration');
    expect(point).toMatchObject({
      type: 'histogram',
      unit: 's',
      temporality: 2,
      count: 5,
      explicitBounds: [0.1, 1, 10],
      bucketCounts: [1, 2, 1, 1],
      attributes: { 'gen_ai.tool.name': 'echo' },
    });
    expect(point?.sum).toBeCloseTo(56.25);
    expect(point?.resource['service.name']).toBe('otlp-payload-test');

    const log = logs.find((record) => record.body === 'forecast slow');
    expect(log).toMatchObject({
      severityNumber: 13,
      severityText: 'WARN',
      traceId: ids.traceId,
      spanId: ids.parentId,
      attributes: { city: 'Oslo' },
    });
    expect(log?.resource['service.name']).toBe('otlp-payload-test');

    expect(collector.lastHeaders()).toMatchObject({ 'x-api-key': 'k-123', authorization: 'Bearer t0ken' });
  });
});

describe('OTLP/JSON shape', () => {
  it('encodes ids as hex strings and kinds as integers, as the OTLP/JSON spec requires', async () => {
    const collector = await startHttpCollector();
    cleanups.push(() => collector.close());
    const observability = await pipeline({
      protocol: 'http/json',
      endpoint: collector.url,
      metrics: false,
      logs: false,
    });
    const ids = emitSample(observability);
    await observability.forceFlush();
    const request = collector.receiver.requests.find((entry) => entry.path === '/v1/traces');
    expect(request?.headers['content-type']).toMatch(/^application\/json/);
    const json = request?.json<{
      resourceSpans: {
        scopeSpans: { spans: { traceId: string; spanId: string; parentSpanId?: string; kind: number }[] }[];
      }[];
    }>();
    const wire =
      json?.resourceSpans.flatMap((entry) => entry.scopeSpans.flatMap((scope) => scope.spans)) ?? [];
    expect(wire.map((span) => span.traceId)).toEqual([ids.traceId, ids.traceId]);
    expect(wire.find((span) => span.spanId === ids.childId)).toMatchObject({
      parentSpanId: ids.parentId,
      kind: 3,
    });
    expect(collector.receiver.requests.map((entry) => entry.path)).toEqual(['/v1/traces']);
  });
});

describe('environment configuration', () => {
  it('follows OTEL_EXPORTER_OTLP_* from the given env, per-signal variables included', async () => {
    const protobuf = await startHttpCollector();
    const grpc = await startGrpcCollector();
    cleanups.push(
      () => protobuf.close(),
      () => grpc.close(),
    );
    const observability = await pipeline(
      {},
      {
        OTEL_EXPORTER_OTLP_ENDPOINT: protobuf.url,
        OTEL_EXPORTER_OTLP_HEADERS: 'x-api-key=from%20env,x-tenant=acme',
        OTEL_EXPORTER_OTLP_LOGS_PROTOCOL: 'grpc',
        OTEL_EXPORTER_OTLP_LOGS_ENDPOINT: grpc.url,
        OTEL_EXPORTER_OTLP_LOGS_HEADERS: 'x-tenant=logs-team',
        OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE: 'delta',
      },
    );
    const ids = emitSample(observability);
    await observability.forceFlush();
    expect(protobuf.accepted().spans.map((span) => span.traceId)).toContain(ids.traceId);
    expect(
      protobuf.accepted().metrics.find((metric) => metric.name === 'otlp.test.duration')?.temporality,
    ).toBe(1);
    expect(protobuf.receiver.requests[0]?.headers).toMatchObject({
      'x-api-key': 'from env',
      'x-tenant': 'acme',
    });
    expect(grpc.accepted().logs.map((log) => log.body)).toContain('forecast slow');
    expect(grpc.lastHeaders()).toMatchObject({ 'x-api-key': 'from env', 'x-tenant': 'logs-team' });
    expect(protobuf.accepted().logs).toEqual([]);
  });
});
