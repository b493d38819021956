import { createObservability, type Observability } from '@mcp-o11y/core';
import { type HttpReceiver, mcpRoundTrip, startHttpReceiver } from '@mcp-o11y/testkit';
import { afterEach, expect, it } from 'vitest';
import { jaeger } from '../src/index.js';
import { decodeCollectorBatch } from './support/jaeger-thrift.js';
import { decodeOtlpJson } from './support/otlp-trace-proto.js';

const receivers: HttpReceiver[] = [];
let observability: Observability | undefined;
afterEach(async () => {
  await observability?.shutdown();
  for (const receiver of receivers.splice(0)) await receiver.close();
});

it('an instrumented MCP client → Streamable HTTP → instrumented server reaches Jaeger over OTLP and Thrift as one trace', async () => {
  const otlp = await startHttpReceiver();
  const collector = await startHttpReceiver({ handler: () => ({ status: 202, body: '' }) });
  receivers.push(otlp, collector);
  observability = await createObservability({
    service: { name: 'weather-mcp' },
    // Two Jaeger adapters side by side would share an id; the second one is the Thrift path.
    adapters: [
      jaeger({ endpoint: `${otlp.url}/v1/traces` }),
      { ...jaeger({ mode: 'thrift-http', endpoint: `${collector.url}/api/traces` }), id: 'jaeger-thrift' },
    ],
    logging: { destination: false },
    registerGlobals: false,
    alerts: false,
    shutdownHooks: { signals: false, stdinEnd: false, beforeExit: false },
  });
  await mcpRoundTrip(observability);
  await observability.forceFlush();

  const viaOtlp = otlp.requests.flatMap((request) => decodeOtlpJson(request.text));
  const client = viaOtlp.find((span) => span.name === 'tools/call forecast' && span.kind === 3);
  const server = viaOtlp.find((span) => span.name === 'tools/call forecast' && span.kind === 2);
  const downstream = viaOtlp.find((span) => span.name === 'GET /forecast');
  expect(client?.parentSpanId).toBe('');
  expect(server?.traceId).toBe(client?.traceId);
  expect(server?.parentSpanId).toBe(client?.spanId);
  expect(downstream?.traceId).toBe(client?.traceId);
  expect(downstream?.parentSpanId).toBe(server?.spanId);

  const viaThrift = collector.requests.flatMap((request) => decodeCollectorBatch(request.body).spans);
  const thriftServer = viaThrift.find(
    (span) =>
      span.operationName === 'tools/call forecast' &&
      span.tags.some((tag) => tag.key === 'span.kind' && tag.vStr === 'server'),
  );
  expect(`${thriftServer?.traceIdHigh}${thriftServer?.traceIdLow}`).toBe(client?.traceId);
  expect(thriftServer?.spanId).toBe(server?.spanId);
  expect(thriftServer?.parentSpanId).toBe(client?.spanId);
  expect(observability.diagnostics().faults).toEqual([]);
});
