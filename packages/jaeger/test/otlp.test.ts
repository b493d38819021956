import { createObservability, type Observability } from '@mcp-o11y/core';
import { type HttpReceiver, startHttpReceiver } from '@mcp-o11y/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { jaeger } from '../src/index.js';
import { startOtlpGrpcReceiver } from './support/otlp-grpc-receiver.js';
import { decodeOtlpJson, decodeOtlpProtobuf, type OtlpSpan } from './support/otlp-trace-proto.js';
import { recordCanonicalSpans } from './support/record-spans.js';

let observability: Observability | undefined;
const closers: (() => unknown)[] = [];
afterEach(async () => {
  await observability?.shutdown();
  for (const close of closers.splice(0)) await close();
});

async function observe(env: Record<string, string>, options: Parameters<typeof jaeger>[0] = {}) {
  observability = await createObservability({
    service: { name: 'weather-mcp', version: '1.2.3' },
    adapters: [jaeger(options)],
    env,
    logging: { destination: false },
    registerGlobals: false,
    alerts: false,
    shutdownHooks: { signals: false, stdinEnd: false, beforeExit: false },
  });
  recordCanonicalSpans(observability);
  await observability.forceFlush();
  return observability;
}

function expectCanonical(spans: OtlpSpan[]): void {
  const find = (name: string) => spans.find((span) => span.name === name);
  const earlier = find('earlier work');
  const server = find('tools/call lookup');
  const client = find('GET /forecast');
  expect(server).toMatchObject({
    kind: 2,
    parentSpanId: '',
    attributes: { 'mcp.method.name': 'tools/call', 'gen_ai.tool.name': 'lookup', 'retry.count': '2' },
    events: [
      { name: 'cache miss', attributes: { 'cache.key': 'k1' } },
      { name: 'validated', attributes: {} },
    ],
    resource: { 'service.name': 'weather-mcp', 'service.version': '1.2.3' },
  });
  expect(server?.traceId).toMatch(/^[0-9a-f]{32}$/);
  expect(client).toMatchObject({
    kind: 3,
    traceId: server?.traceId,
    parentSpanId: server?.spanId,
    status: { code: 2, message: 'upstream 503' },
    links: [{ traceId: earlier?.traceId, spanId: earlier?.spanId }],
  });
}

describe('OTLP to a Jaeger collector (the default)', () => {
  it('http: POSTs OTLP JSON to OTEL_EXPORTER_OTLP_ENDPOINT/v1/traces, decoded with the OTLP trace messages', async () => {
    const receiver: HttpReceiver = await startHttpReceiver();
    closers.push(() => receiver.close());
    const current = await observe({
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
      OTEL_EXPORTER_OTLP_HEADERS: 'x-tenant=blue',
    });
    expect(receiver.requests.length).toBeGreaterThan(0);
    for (const request of receiver.requests) {
      expect(request.path).toBe('/v1/traces');
      expect(request.headers['content-type']).toBe('application/json');
      expect(request.headers['x-tenant']).toBe('blue');
    }
    expectCanonical(receiver.requests.flatMap((request) => decodeOtlpJson(request.text)));
    expect(current.diagnostics().faults).toEqual([]);
  });

  it('grpc: calls TraceService/Export on a gRPC server, decoded as protobuf', async () => {
    const receiver = await startOtlpGrpcReceiver();
    closers.push(receiver.close);
    const current = await observe(
      { OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'grpc' },
      { endpoint: receiver.url, headers: { 'x-tenant': 'green' } },
    );
    expect(receiver.exports.length).toBeGreaterThan(0);
    expect(receiver.exports[0]?.metadata['x-tenant']).toBe('green');
    expectCanonical(receiver.exports.flatMap((item) => decodeOtlpProtobuf(item.message)));
    expect(current.diagnostics().faults).toEqual([]);
  });
});
