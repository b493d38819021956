import { createObservability, type Observability } from '@mcp-o11y/core';
import { type HttpReceiver, startHttpReceiver } from '@mcp-o11y/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { jaeger } from '../src/index.js';
import { type DecodedSpan, decodeCollectorBatch, tagValue } from './support/jaeger-thrift.js';
import { recordCanonicalSpans } from './support/record-spans.js';

let receiver: HttpReceiver | undefined;
let observability: Observability | undefined;
afterEach(async () => {
  await observability?.shutdown();
  await receiver?.close();
});

describe('legacy Thrift over HTTP to a local collector /api/traces', () => {
  it('sends Batches the Jaeger IDL decodes, with process, ids, parents, tags, logs and kinds', async () => {
    receiver = await startHttpReceiver({ handler: () => ({ status: 202, body: '' }) });
    observability = await createObservability({
      service: { name: 'weather-mcp', version: '1.2.3' },
      adapters: [
        jaeger({ mode: 'thrift-http', username: 'jaeger', password: 'pa55', tags: { 'host.role': 'edge' } }),
      ],
      env: { JAEGER_ENDPOINT: `${receiver.url}/api/traces`, JAEGER_TAGS: 'region=eu-west,replicas=3' },
      logging: { destination: false },
      registerGlobals: false,
      alerts: false,
      shutdownHooks: { signals: false, stdinEnd: false, beforeExit: false },
    });
    recordCanonicalSpans(observability);
    await observability.forceFlush();

    expect(receiver.requests.length).toBeGreaterThan(0);
    const batches = receiver.requests.map((request) => {
      expect(request.method).toBe('POST');
      expect(request.path).toBe('/api/traces');
      expect(request.headers['content-type']).toBe('application/x-thrift');
      expect(request.headers.authorization).toBe(`Basic ${Buffer.from('jaeger:pa55').toString('base64')}`);
      return decodeCollectorBatch(request.body);
    });
    const [batch] = batches;
    expect(batch?.process.serviceName).toBe('weather-mcp');
    expect(tagValue(batch?.process.tags ?? [], 'host.role')).toBe('edge');
    expect(tagValue(batch?.process.tags ?? [], 'region')).toBe('eu-west');
    expect(tagValue(batch?.process.tags ?? [], 'replicas')).toBe('3');

    const spans = batches.flatMap((decoded) => decoded.spans);
    const find = (name: string) => spans.find((span) => span.operationName === name) as DecodedSpan;
    const earlier = find('earlier work');
    const server = find('tools/call lookup');
    const client = find('GET /forecast');
    expect(server.traceIdHigh).toMatch(/^[0-9a-f]{16}$/);
    expect(`${client.traceIdHigh}${client.traceIdLow}`).toBe(`${server.traceIdHigh}${server.traceIdLow}`);
    expect(server.parentSpanId).toBe('0000000000000000');
    expect(client.parentSpanId).toBe(server.spanId);
    expect(client.references).toEqual([
      {
        refType: 'FOLLOWS_FROM',
        traceIdHigh: earlier.traceIdHigh,
        traceIdLow: earlier.traceIdLow,
        spanId: earlier.spanId,
      },
    ]);
    expect(server.flags & 1).toBe(1);
    expect(Number(server.duration)).toBeGreaterThanOrEqual(Number(client.duration));
    expect(tagValue(server.tags, 'span.kind')).toBe('server');
    expect(tagValue(client.tags, 'span.kind')).toBe('client');
    expect(tagValue(earlier.tags, 'span.kind')).toBeUndefined();
    expect(tagValue(server.tags, 'mcp.method.name')).toBe('tools/call');
    expect(tagValue(server.tags, 'gen_ai.tool.name')).toBe('lookup');
    expect(tagValue(server.tags, 'retry.count')).toBe(2);
    expect(tagValue(server.tags, 'service.version')).toBe('1.2.3');
    expect(tagValue(client.tags, 'error')).toBe(true);
    expect(tagValue(client.tags, 'otel.status_code')).toBe('ERROR');
    expect(tagValue(client.tags, 'otel.status_description')).toBe('upstream 503');
    expect(server.logs.map((log) => log.fields.map((field) => [field.key, field.vStr]))).toEqual([
      [
        ['event', 'cache miss'],
        ['cache.key', 'k1'],
      ],
      [['event', 'validated']],
    ]);
  });
});
