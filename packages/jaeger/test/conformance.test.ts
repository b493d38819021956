import { describeAdapterConformance, startHttpReceiver } from '@mcp-o11y/testkit';
import { afterAll } from 'vitest';
import { adapter } from '../src/index.js';
import { decodeCollectorBatch } from './support/jaeger-thrift.js';
import { decodeOtlpJson } from './support/otlp-trace-proto.js';

const otlp = await startHttpReceiver();
const collector = await startHttpReceiver({ handler: () => ({ status: 202, body: '' }) });
afterAll(async () => {
  await otlp.close();
  await collector.close();
});

describeAdapterConformance({
  name: 'jaeger (OTLP/HTTP, endpoint from OTEL_EXPORTER_OTLP_TRACES_ENDPOINT)',
  descriptor: adapter,
  options: {},
  env: { OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: `${otlp.url}/v1/traces`, OTEL_EXPORTER_OTLP_TIMEOUT: '2000' },
  receive: {
    spans: async () =>
      otlp.requests.flatMap((request) =>
        decodeOtlpJson(request.text).map((span) => ({ name: span.name, traceId: span.traceId })),
      ),
  },
  importModule: () => import('../src/index.js'),
});

describeAdapterConformance({
  name: 'jaeger (legacy Thrift over HTTP, endpoint from JAEGER_ENDPOINT)',
  descriptor: adapter,
  options: { mode: 'thrift-http', timeoutMs: 2_000 },
  env: { JAEGER_ENDPOINT: `${collector.url}/api/traces`, OTEL_EXPORTER_JAEGER_USER: 'jaeger' },
  receive: {
    spans: async () =>
      collector.requests.flatMap((request) =>
        decodeCollectorBatch(request.body).spans.map((span) => ({
          name: span.operationName,
          traceId: `${span.traceIdHigh}${span.traceIdLow}`,
        })),
      ),
  },
});

describeAdapterConformance({
  name: 'jaeger (OTLP/gRPC)',
  descriptor: adapter,
  // No gRPC server: the traces checks need a receiver, the rest (shape, env, shutdown, stdout) do not.
  options: { protocol: 'grpc', endpoint: 'http://127.0.0.1:1', timeoutMs: 500 },
  capabilities: { traces: false },
});
