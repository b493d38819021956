import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import * as grpc from '@grpc/grpc-js';
import { type HttpReceiver, type ReceiverResponse, startHttpReceiver } from '@mcp-o11y/testkit';
import {
  type DecodedExport,
  decodeHttpRequest,
  decodeProtobufRequest,
  type OtlpSignalName,
} from './decode-otlp.js';
import { otlpType } from './otlp-proto-schema.js';

/** How a fake collector answers: accept, fail with a status, or never answer. */
export type CollectorMode = 'ok' | 'hang' | 500 | 429 | 503;

/** A local OTLP collector that decodes what it receives. */
export interface OtlpCollector {
  /** Base URL to give the adapter as `endpoint`. */
  readonly url: string;
  /** Changes how later requests are answered. */
  setMode(mode: CollectorMode): void;
  /** Everything decoded from requests that were accepted (answered `ok`), merged. */
  accepted(): DecodedExport;
  /** How many export requests arrived, answered or not. */
  requestCount(): number;
  /** Request headers (HTTP) or metadata (gRPC) of the last request, lower-case names. */
  lastHeaders(): Readonly<Record<string, string>>;
  close(): Promise<void>;
}

function merge(parts: readonly DecodedExport[]): DecodedExport {
  return {
    spans: parts.flatMap((part) => part.spans),
    metrics: parts.flatMap((part) => part.metrics),
    logs: parts.flatMap((part) => part.logs),
  };
}

/** An OTLP/HTTP collector on 127.0.0.1 (testkit receiver), decoding protobuf and JSON bodies. */
export async function startHttpCollector(
  port = 0,
): Promise<OtlpCollector & { readonly receiver: HttpReceiver }> {
  let mode: CollectorMode = 'ok';
  const accepted: DecodedExport[] = [];
  const receiver = await startHttpReceiver({
    port,
    handler: (request) => {
      if (mode === 'hang') return new Promise<ReceiverResponse>(() => {});
      if (mode !== 'ok') {
        const headers: Record<string, string> = mode === 429 ? { 'retry-after': '0' } : {};
        return { status: mode, headers, body: {} };
      }
      accepted.push(decodeHttpRequest(request));
      return { status: 200, body: {} };
    },
  });
  return {
    receiver,
    url: receiver.url,
    setMode: (next) => {
      mode = next;
    },
    accepted: () => merge(accepted),
    requestCount: () => receiver.requests.length,
    lastHeaders: () => receiver.requests.at(-1)?.headers ?? {},
    close: () => receiver.close(),
  };
}

const services: Record<OtlpSignalName, { path: string; response: string }> = {
  traces: {
    path: '/opentelemetry.proto.collector.trace.v1.TraceService/Export',
    response: 'opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse',
  },
  metrics: {
    path: '/opentelemetry.proto.collector.metrics.v1.MetricsService/Export',
    response: 'opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse',
  },
  logs: {
    path: '/opentelemetry.proto.collector.logs.v1.LogsService/Export',
    response: 'opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse',
  },
};

/**
 * An OTLP/gRPC collector on 127.0.0.1 serving the three collector services at their official paths;
 * requests are decoded with the OTLP schema.
 */
export async function startGrpcCollector(port = 0): Promise<OtlpCollector> {
  let mode: CollectorMode = 'ok';
  let count = 0;
  let headers: Record<string, string> = {};
  const accepted: DecodedExport[] = [];
  const hung: (() => void)[] = [];
  const server = new grpc.Server();
  for (const [signal, service] of Object.entries(services) as [
    OtlpSignalName,
    (typeof services)['traces'],
  ][]) {
    const responseType = otlpType(service.response);
    const definition: grpc.ServiceDefinition = {
      Export: {
        path: service.path,
        requestStream: false,
        responseStream: false,
        requestSerialize: (value: Buffer) => value,
        requestDeserialize: (bytes: Buffer) => bytes,
        responseSerialize: (value: Buffer) => value,
        responseDeserialize: (bytes: Buffer) => bytes,
      },
    };
    const handler: grpc.handleUnaryCall<Buffer, Buffer> = (call, callback) => {
      count += 1;
      headers = Object.fromEntries(
        Object.entries(call.metadata.getMap()).map(([key, value]) => [key, String(value)]),
      );
      if (mode === 'hang') {
        hung.push(() => callback({ code: grpc.status.UNAVAILABLE, details: 'closing' }));
        return;
      }
      if (mode !== 'ok') {
        callback({
          code: mode === 429 ? grpc.status.RESOURCE_EXHAUSTED : grpc.status.UNAVAILABLE,
          details: 'down',
        });
        return;
      }
      accepted.push(decodeProtobufRequest(signal, call.request));
      callback(null, Buffer.from(responseType.encode(responseType.fromObject({})).finish()));
    };
    server.addService(definition, { Export: handler });
  }
  const bound = await new Promise<number>((resolve, reject) =>
    server.bindAsync(`127.0.0.1:${port}`, grpc.ServerCredentials.createInsecure(), (error, actual) =>
      error ? reject(error) : resolve(actual),
    ),
  );
  return {
    url: `http://127.0.0.1:${bound}`,
    setMode: (next) => {
      mode = next;
      if (next !== 'hang') for (const release of hung.splice(0)) release();
    },
    accepted: () => merge(accepted),
    requestCount: () => count,
    lastHeaders: () => headers,
    close: async () => {
      for (const release of hung.splice(0)) release();
      server.forceShutdown();
    },
  };
}

/** A 127.0.0.1 port with nothing listening on it (a collector that is down). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
