import { createSocket, type Socket } from 'node:dgram';
import type { AddressInfo } from 'node:net';
import { createObservability, type Observability } from '@mcp-o11y/core';
import { afterEach, expect, it } from 'vitest';
import { jaeger } from '../src/index.js';
import { type DecodedSpan, decodeAgentDatagram, tagValue } from './support/jaeger-thrift.js';
import { recordCanonicalSpans } from './support/record-spans.js';

let agent: Socket | undefined;
let observability: Observability | undefined;
afterEach(async () => {
  await observability?.shutdown();
  agent?.close();
});

it('sends Agent.emitBatch datagrams to a local agent socket, decoded with the Jaeger IDL', async () => {
  const datagrams: Buffer[] = [];
  agent = createSocket('udp4');
  agent.on('message', (message) => datagrams.push(message));
  await new Promise<void>((resolve) => agent?.bind(0, '127.0.0.1', resolve));
  const { port } = agent.address() as AddressInfo;
  observability = await createObservability({
    service: { name: 'weather-mcp' },
    adapters: [jaeger({ mode: 'thrift-udp' })],
    // The OpenTelemetry name wins for the host, the legacy Jaeger name still supplies the port.
    env: {
      OTEL_EXPORTER_JAEGER_AGENT_HOST: '127.0.0.1',
      JAEGER_AGENT_HOST: 'ignored.invalid',
      JAEGER_AGENT_PORT: String(port),
    },
    logging: { destination: false },
    registerGlobals: false,
    alerts: false,
    shutdownHooks: { signals: false, stdinEnd: false, beforeExit: false },
  });
  recordCanonicalSpans(observability);
  await observability.forceFlush();
  await expect.poll(() => datagrams.length).toBeGreaterThan(0);

  const batches = datagrams.map(decodeAgentDatagram);
  expect(batches.every((batch) => batch.method === 'emitBatch')).toBe(true);
  expect(batches[0]?.process.serviceName).toBe('weather-mcp');
  const spans = batches.flatMap((batch) => batch.spans);
  const server = spans.find((span) => span.operationName === 'tools/call lookup') as DecodedSpan;
  const client = spans.find((span) => span.operationName === 'GET /forecast') as DecodedSpan;
  expect(client.parentSpanId).toBe(server.spanId);
  expect(client.traceIdLow).toBe(server.traceIdLow);
  expect(tagValue(server.tags, 'span.kind')).toBe('server');
  expect(tagValue(server.tags, 'gen_ai.tool.name')).toBe('lookup');
  expect(server.logs[0]?.fields.find((field) => field.key === 'event')?.vStr).toBe('cache miss');
  expect(observability.diagnostics().faults).toEqual([]);
});
