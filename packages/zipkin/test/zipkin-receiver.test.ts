import { createObservability, type Observability } from '@mcp-o11y/core';
import { type HttpReceiver, startHttpReceiver } from '@mcp-o11y/testkit';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { afterEach, describe, expect, it } from 'vitest';
import type { ZipkinOptions, ZipkinSpanV2 } from '../src/index.js';
import { zipkin } from '../src/index.js';
import { zipkinV2Violations } from './zipkin-v2-schema.js';

let receiver: HttpReceiver | undefined;
let observability: Observability | undefined;
afterEach(async () => {
  await observability?.shutdown();
  await receiver?.close();
});

async function start(options: (spansUrl: URL) => ZipkinOptions) {
  receiver = await startHttpReceiver({ handler: () => ({ status: 202, body: '' }) });
  observability = await createObservability({
    service: { name: 'Weather-MCP', version: '1.2.3' },
    adapters: [zipkin(options(new URL(`${receiver.url}/api/v2/spans`)))],
    logging: { destination: false },
    registerGlobals: false,
    alerts: false,
    shutdownHooks: { signals: false, stdinEnd: false, beforeExit: false },
  });
  return { receiver, observability };
}

describe('Zipkin v2 JSON at a local /api/v2/spans receiver', () => {
  it('is valid against the published API and carries names, kinds, tags, parents, service, remote endpoints and annotations', async () => {
    const { receiver, observability } = await start((url) => ({
      url: url.href,
      headers: { 'X-Gateway-Token': 'gateway-t0ken' },
    }));
    const tracer = observability.tracer;
    tracer.startActiveSpan(
      'tools/call lookup',
      {
        kind: SpanKind.SERVER,
        attributes: {
          'mcp.method.name': 'tools/call',
          'gen_ai.tool.name': 'lookup',
          'client.address': '::ffff:127.0.0.1',
          'client.port': 51_234,
          'retry.count': 2,
          'feature.flags': ['a', 'b'],
        },
      },
      (server) => {
        server.addEvent('cache miss', { 'cache.key': 'k1' });
        server.addEvent('validated');
        const client = tracer.startSpan('GET /forecast', {
          kind: SpanKind.CLIENT,
          attributes: { 'server.address': 'weather.example.com', 'server.port': 443 },
        });
        client.setStatus({ code: SpanStatusCode.ERROR, message: 'upstream 503' });
        client.end();
        server.end();
      },
    );
    await observability.forceFlush();

    expect(receiver.requests.length).toBeGreaterThan(0);
    for (const request of receiver.requests) {
      expect(request.method).toBe('POST');
      expect(request.path).toBe('/api/v2/spans');
      expect(request.headers['content-type']).toBe('application/json');
      expect(request.headers['x-gateway-token']).toBe('gateway-t0ken');
      expect(zipkinV2Violations(request.json())).toEqual([]);
    }
    const spans = receiver.requests.flatMap((request) => request.json<ZipkinSpanV2[]>());
    const server = spans.find((span) => span.name === 'tools/call lookup');
    const client = spans.find((span) => span.name === 'GET /forecast');
    expect(server).toMatchObject({
      kind: 'SERVER',
      localEndpoint: { serviceName: 'weather-mcp' },
      remoteEndpoint: { ipv4: '127.0.0.1', port: 51_234 },
      tags: {
        'mcp.method.name': 'tools/call',
        'gen_ai.tool.name': 'lookup',
        'retry.count': '2',
        'feature.flags': '["a","b"]',
        'service.name': 'Weather-MCP',
        'service.version': '1.2.3',
      },
    });
    expect(server?.parentId).toBeUndefined();
    expect(server?.annotations?.map((annotation) => annotation.value)).toEqual([
      'cache miss {"cache.key":"k1"}',
      'validated',
    ]);
    for (const annotation of server?.annotations ?? []) {
      expect(annotation.timestamp).toBeGreaterThanOrEqual(server?.timestamp ?? Number.POSITIVE_INFINITY);
      expect(annotation.timestamp).toBeLessThanOrEqual((server?.timestamp ?? 0) + (server?.duration ?? 0));
    }
    expect(client).toMatchObject({
      kind: 'CLIENT',
      traceId: server?.traceId,
      parentId: server?.id,
      localEndpoint: { serviceName: 'weather-mcp' },
      remoteEndpoint: { serviceName: 'weather.example.com', port: 443 },
      tags: { 'otel.status_code': 'ERROR', error: 'upstream 503' },
    });
    expect(client?.traceId).toMatch(/^[0-9a-f]{32}$/);
  });

  it('uses the serviceName option over service.name, and sends URL credentials as basic auth', async () => {
    const current = await start((url) => {
      url.username = 'zipkin';
      url.password = 's3cret';
      return { url: url.href, serviceName: 'Gateway' };
    });
    current.observability.tracer.startSpan('internal work').end();
    await current.observability.forceFlush();
    const [request] = current.receiver.requests;
    expect(request?.headers.authorization).toBe(`Basic ${Buffer.from('zipkin:s3cret').toString('base64')}`);
    const [span] = request?.json<ZipkinSpanV2[]>() ?? [];
    expect(span?.localEndpoint).toEqual({ serviceName: 'gateway' });
    expect(span?.kind).toBeUndefined();
    expect(span?.remoteEndpoint).toBeUndefined();
  });
});
