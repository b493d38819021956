import { describe, expect, it } from 'vitest';
import { convertToZipkinSpan, remoteEndpointOf, type ZipkinSourceSpan } from './convert-to-zipkin-span.js';

function span(overrides: Partial<ZipkinSourceSpan> = {}): ZipkinSourceSpan {
  return {
    name: 'tools/call lookup',
    kind: 1,
    spanContext: () => ({ traceId: '4e441824ec2b6a44ffdc9bb9a6453df3', spanId: 'ffdc9bb9a6453df3' }),
    parentSpanContext: { spanId: '0102030405060708' },
    startTime: [1_700_000_000, 123_456_789],
    duration: [0, 400],
    attributes: {
      'gen_ai.tool.name': 'lookup',
      'client.address': '10.0.0.7',
      'client.port': 50_123,
      list: [1, 2],
    },
    status: { code: 2, message: 'handler exploded' },
    events: [{ name: 'retry', time: [1_700_000_000, 123_999_000], attributes: { attempt: 2 } }],
    resource: { attributes: { 'service.name': 'Weather-MCP', 'service.version': '1.0.0' } },
    instrumentationScope: { name: '@mcp-o11y/core', version: '0.1.0' },
    droppedAttributesCount: 0,
    droppedEventsCount: 1,
    droppedLinksCount: 0,
    ...overrides,
  };
}

describe('convertToZipkinSpan', () => {
  it('maps a server span to Zipkin v2 JSON', () => {
    expect(convertToZipkinSpan(span())).toMatchSnapshot();
  });

  it('rounds times to integer microseconds and durations under 1 µs up to 1', () => {
    const converted = convertToZipkinSpan(span());
    expect(converted.timestamp).toBe(1_700_000_000_123_457);
    expect(converted.duration).toBe(1);
    expect(Number.isInteger(converted.annotations?.[0]?.timestamp)).toBe(true);
  });

  it('omits kind, parentId and remoteEndpoint for an internal root span; serviceName overrides', () => {
    const converted = convertToZipkinSpan(span({ kind: 0, parentSpanContext: undefined }), 'Gateway');
    expect(converted.kind).toBeUndefined();
    expect(converted.parentId).toBeUndefined();
    expect(converted.remoteEndpoint).toBeUndefined();
    expect(converted.localEndpoint).toEqual({ serviceName: 'gateway' });
  });
});

describe('remoteEndpointOf', () => {
  it('client spans point at the server: host name as serviceName, or IP, and server.port', () => {
    expect(remoteEndpointOf(2, { 'server.address': 'DB.internal', 'server.port': 5432 })).toEqual({
      serviceName: 'db.internal',
      port: 5432,
    });
    expect(remoteEndpointOf(3, { 'server.address': '2001:db8::1', 'peer.service': 'Broker' })).toEqual({
      serviceName: 'broker',
      ipv6: '2001:db8::1',
    });
  });

  it('server spans point at the caller by IP only; a client host name is not a service', () => {
    expect(remoteEndpointOf(1, { 'client.address': '::ffff:192.168.1.9', 'client.port': 4000 })).toEqual({
      ipv4: '192.168.1.9',
      port: 4000,
    });
    expect(remoteEndpointOf(1, { 'client.address': 'laptop.local' })).toBeUndefined();
    expect(remoteEndpointOf(4, { 'network.peer.address': '10.1.1.1', 'network.peer.port': '9092' })).toEqual({
      ipv4: '10.1.1.1',
      port: 9092,
    });
  });

  it('internal spans and spans without peer attributes have none', () => {
    expect(remoteEndpointOf(0, { 'server.address': 'x' })).toBeUndefined();
    expect(remoteEndpointOf(2, {})).toBeUndefined();
  });
});
