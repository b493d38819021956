import { type HttpReceiver, startHttpReceiver } from '@mcp-o11y/testkit';
import type { ZipkinSpanV2 } from '@mcp-o11y/zipkin';
import { expect } from 'vitest';
import { decodeCollectorBatch } from '../../../../packages/jaeger/test/support/jaeger-thrift.ts';
import {
  type OtlpCollector,
  startGrpcCollector,
  startHttpCollector,
} from '../../../../packages/otlp/test/otlp-receivers.ts';
import { zipkinV2Violations } from '../../../../packages/zipkin/test/zipkin-v2-schema.ts';
import { fromOtlp, fromThrift, fromZipkin, type TraceSpan } from './trace-span.ts';

/**
 * A local stand-in for one backend, decoding what it receives with that backend's own schema, and the
 * variables that point the example's config files at it.
 */
export interface BackendReceiver {
  /** For test names and failure messages. */
  readonly name: string;
  /** `${VAR}` values for the config file. */
  readonly env: Readonly<Record<string, string>>;
  /** Every span received so far, decoded. */
  spans(): TraceSpan[];
  /** The `service.name` each received span carries, as the wire format spells it. */
  serviceNames(): string[];
  close(): Promise<void>;
}

export type OtlpProtocol = 'http/protobuf' | 'http/json' | 'grpc';

/** An OTLP collector (otlp adapter): protobuf and JSON decoded with the OTLP proto definitions, or gRPC. */
export async function otlpReceiver(protocol: OtlpProtocol = 'http/protobuf'): Promise<BackendReceiver> {
  const collector: OtlpCollector =
    protocol === 'grpc' ? await startGrpcCollector() : await startHttpCollector();
  return {
    name: `OTLP ${protocol}`,
    env: { OTLP_ENDPOINT: collector.url, OTLP_PROTOCOL: protocol },
    spans: () => {
      // The gRPC collector speaks nothing else; over HTTP, check the body was the encoding asked for.
      const expected = { 'http/protobuf': 'application/x-protobuf', 'http/json': 'application/json' };
      if (protocol !== 'grpc') expect(collector.lastHeaders()['content-type']).toBe(expected[protocol]);
      return collector.accepted().spans.map(fromOtlp);
    },
    serviceNames: () => collector.accepted().spans.map((span) => String(span.resource['service.name'])),
    close: () => collector.close(),
  };
}

/** A Zipkin server's `/api/v2/spans`: every body is checked against Zipkin's published v2 API schema. */
export async function zipkinReceiver(): Promise<BackendReceiver> {
  const http = await startHttpReceiver({ handler: () => ({ status: 202, body: '' }) });
  const bodies = (): ZipkinSpanV2[] =>
    http.requests.flatMap((request) => {
      expect(request.path).toBe('/api/v2/spans');
      const body = request.json();
      expect(zipkinV2Violations(body), 'Zipkin v2 schema').toEqual([]);
      return body as ZipkinSpanV2[];
    });
  return {
    name: 'Zipkin',
    env: { ZIPKIN_URL: `${http.url}/api/v2/spans` },
    spans: () => bodies().map(fromZipkin),
    serviceNames: () => bodies().map((span) => span.localEndpoint.serviceName ?? ''),
    close: () => http.close(),
  };
}

export type JaegerMode = 'otlp' | 'thrift-http';

/**
 * A Jaeger collector: OTLP/HTTP on `/v1/traces` (the jaeger adapter's default, JSON decoded with the
 * OTLP proto definitions), or the legacy Thrift `/api/traces` decoded with the Jaeger IDL.
 */
export async function jaegerReceiver(mode: JaegerMode): Promise<BackendReceiver> {
  if (mode === 'otlp') {
    const collector = await startHttpCollector();
    return {
      name: 'Jaeger OTLP',
      env: { JAEGER_MODE: mode, JAEGER_COLLECTOR_URL: `${collector.url}/v1/traces` },
      spans: () => collector.accepted().spans.map(fromOtlp),
      serviceNames: () => collector.accepted().spans.map((span) => String(span.resource['service.name'])),
      close: () => collector.close(),
    };
  }
  const http: HttpReceiver = await startHttpReceiver({ handler: () => ({ status: 202, body: '' }) });
  const batches = () =>
    http.requests.map((request) => {
      expect(request.path).toBe('/api/traces');
      expect(request.headers['content-type']).toBe('application/x-thrift');
      return decodeCollectorBatch(request.body);
    });
  return {
    name: 'Jaeger Thrift',
    env: { JAEGER_MODE: mode, JAEGER_COLLECTOR_URL: `${http.url}/api/traces` },
    spans: () => batches().flatMap((batch) => batch.spans.map(fromThrift)),
    serviceNames: () => batches().flatMap((batch) => batch.spans.map(() => batch.process.serviceName)),
    close: () => http.close(),
  };
}
