import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestCertificate,
  HttpsIngestionReceiver,
  type ReceivedEnvelope,
} from './support/https-ingestion-receiver.js';
import { type ScenarioProcess, startScenario } from './support/run-scenario.js';

interface ScenarioSpan {
  name: string;
  kind: number;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
}

const certificate = createTestCertificate();
const receiver = new HttpsIngestionReceiver(certificate);
let scenario: ScenarioProcess;
let spans: ScenarioSpan[] = [];
let mcpPort = 0;

beforeAll(async () => {
  await receiver.start();
  scenario = startScenario({ NODE_EXTRA_CA_CERTS: certificate.certPath });
  await scenario.request({
    type: 'start',
    env: {
      APPLICATIONINSIGHTS_CONNECTION_STRING: receiver.connectionString(),
      OTEL_RESOURCE_ATTRIBUTES: 'service.instance.id=replica-7',
    },
    options: { maxRetries: 0, offlineStorage: { directory: mkdtempSync(join(tmpdir(), 'ai-e2e-')) } },
  });
  const result = await scenario.request<{ port: number; spans: ScenarioSpan[] }>({ type: 'mcp' });
  spans = result.spans;
  mcpPort = result.port;
  await receiver.waitFor(() =>
    receiver.ofKind('Metric').some((m) => metricName(m) === 'mcp.server.operation.duration'),
  );
}, 60_000);

afterAll(async () => {
  if (scenario) {
    await scenario.request({ type: 'shutdown' }).catch(() => undefined);
    await scenario.exited();
  }
  await receiver.stop();
});

const span = (name: string, kind: number) => {
  const found = spans.find((item) => item.name === name && item.kind === kind);
  if (!found)
    throw new Error(`no ${name} span (kind ${kind}) in ${JSON.stringify(spans.map((s) => s.name))}`);
  return found;
};
const SERVER = 1;
const CLIENT = 2;
const baseName = (envelope: ReceivedEnvelope) => envelope.data.baseData.name;
const properties = (envelope: ReceivedEnvelope) => envelope.data.baseData.properties ?? {};
function metricName(envelope: ReceivedEnvelope): string | undefined {
  return (envelope.data.baseData.metrics as { name: string }[] | undefined)?.[0]?.name;
}
function only(list: ReceivedEnvelope[], what: string): ReceivedEnvelope {
  expect(list, what).toHaveLength(1);
  return list[0] as ReceivedEnvelope;
}

describe('the real Azure Monitor exporter against an HTTPS ingestion receiver', () => {
  it('posts well-formed envelopes to /v2.1/track, and nothing to stdout', () => {
    expect(receiver.paths.every((path) => path === 'POST /v2.1/track')).toBe(true);
    expect(receiver.problems).toEqual([]);
    expect(
      receiver.envelopes.every((envelope) => envelope.iKey === '8f9d3e4c-1a2b-4c5d-8e9f-0a1b2c3d4e5f'),
    ).toBe(true);
    expect(scenario.stdout.join('')).toBe('');
  });

  it('maps the MCP server span to a request with the tool, operation id and parent id', () => {
    const server = span('tools/call get_weather', SERVER);
    const client = span('tools/call get_weather', CLIENT);
    const request = only(
      receiver.ofKind('Request').filter((e) => baseName(e) === 'tools/call get_weather'),
      'request',
    );
    expect(request.data.baseType).toBe('RequestData');
    expect(request.data.baseData).toMatchObject({ id: server.spanId, success: true, responseCode: '0' });
    expect(properties(request)).toMatchObject({
      'gen_ai.tool.name': 'get_weather',
      'mcp.method.name': 'tools/call',
      'network.transport': 'tcp',
      'client.address': '127.0.0.1',
    });
    expect(Object.keys(properties(request)).some((key) => key.startsWith('mcp_o11y.carried.'))).toBe(false);
    expect(request.tags).toMatchObject({
      'ai.operation.id': server.traceId,
      'ai.operation.parentId': client.spanId,
      'ai.operation.name': 'tools/call get_weather',
      'ai.cloud.role': 'weather-mcp',
      'ai.cloud.roleInstance': 'replica-7',
    });
    expect(request.data.baseData.duration).toMatch(/^(\d+\.)?\d{2}:\d{2}:\d{2}\.\d{3,7}$/);
  });

  it('marks a failing tool as a failed request with result code tool_error', () => {
    const request = only(
      receiver.ofKind('Request').filter((e) => baseName(e) === 'tools/call boom'),
      'boom request',
    );
    expect(request.data.baseData).toMatchObject({ success: false, responseCode: 'tool_error' });
    expect(properties(request)['error.type']).toBe('tool_error');
  });

  it('maps the MCP client span to an MCP dependency with target and the same operation id', () => {
    const client = span('tools/call get_weather', CLIENT);
    const dependency = only(
      receiver.ofKind('RemoteDependency').filter((e) => baseName(e) === 'tools/call get_weather'),
      'MCP dependency',
    );
    expect(dependency.data.baseData).toMatchObject({
      id: client.spanId,
      type: 'MCP',
      target: `127.0.0.1:${mcpPort}`,
      data: 'tools/call get_weather',
      resultCode: '0',
      success: true,
    });
    expect(dependency.tags['ai.operation.id']).toBe(client.traceId);
  });

  it('maps an HTTP client span inside the tool to an Http dependency under the request', () => {
    const server = span('tools/call get_weather', SERVER);
    const forecast = span('GET /forecast', CLIENT);
    const dependency = only(
      receiver.ofKind('RemoteDependency').filter((e) => baseName(e) === 'GET /forecast'),
      'http',
    );
    expect(dependency.data.baseData).toMatchObject({ type: 'Http', resultCode: '503', success: false });
    expect(dependency.tags).toMatchObject({
      'ai.operation.id': server.traceId,
      'ai.operation.parentId': server.spanId,
    });
    expect(forecast.parentSpanId).toBe(server.spanId);
  });

  it('sends exceptions from span events and from logged errors, in the operation', () => {
    const server = span('tools/call get_weather', SERVER);
    const forecast = span('GET /forecast', CLIENT);
    const exceptions = receiver.ofKind('Exception');
    const fromSpan = only(
      exceptions.filter(
        (e) => (e.data.baseData.exceptions as { typeName: string }[])[0]?.typeName === 'TypeError',
      ),
      'span exception',
    );
    expect((fromSpan.data.baseData.exceptions as { message: string }[])[0]?.message).toBe(
      'forecast backend unavailable',
    );
    expect(fromSpan.tags).toMatchObject({
      'ai.operation.id': server.traceId,
      'ai.operation.parentId': forecast.spanId,
    });
    const fromLog = only(
      exceptions.filter(
        (e) => (e.data.baseData.exceptions as { typeName: string }[])[0]?.typeName === 'RangeError',
      ),
      'logged exception',
    );
    const details = (
      fromLog.data.baseData.exceptions as { message: string; hasFullStack: boolean; stack: string }[]
    )[0];
    expect(details).toMatchObject({ message: 'cache entry is stale', hasFullStack: true });
    expect(details?.stack).toContain('RangeError: cache entry is stale');
    expect(fromLog.tags).toMatchObject({
      'ai.operation.id': server.traceId,
      'ai.operation.parentId': server.spanId,
    });
  });

  it('sends an error logged without a stack (a thrown string) as an exception, not dropping it', () => {
    const boom = span('tools/call boom', SERVER);
    const fromString = only(
      receiver.ofKind('Exception').filter((e) => e.tags['ai.operation.id'] === boom.traceId),
      'exception logged without a stack',
    );
    expect((fromString.data.baseData.exceptions as { typeName: string; message: string }[])[0]).toMatchObject(
      {
        typeName: 'Error',
        message: 'quota service said no',
      },
    );
  });

  it('sends log records as traces (MessageData) with severity, properties and the operation', () => {
    const server = span('tools/call get_weather', SERVER);
    const message = only(
      receiver.ofKind('Message').filter((e) => e.data.baseData.message === 'fetching forecast'),
      'log message',
    );
    expect(message.data.baseData).toMatchObject({ severityLevel: 'Information' });
    expect(properties(message)).toMatchObject({ city: 'Lisbon' });
    expect(message.tags).toMatchObject({ 'ai.operation.id': server.traceId, 'ai.cloud.role': 'weather-mcp' });
  });

  it('sends custom metrics with their dimensions', () => {
    const points = receiver.ofKind('Metric').filter((e) => metricName(e) === 'mcp.server.operation.duration');
    const weather = points.find((point) => properties(point)['gen_ai.tool.name'] === 'get_weather');
    if (!weather) throw new Error('no get_weather point of mcp.server.operation.duration');
    expect(weather.data.baseType).toBe('MetricData');
    const metric = (weather.data.baseData.metrics as { value: number; count: number }[])[0];
    expect(metric?.count).toBe(1);
    expect(metric?.value).toBeGreaterThan(0);
    expect(weather.tags['ai.cloud.role']).toBe('weather-mcp');
  });

  it('shows the same trace id in Azure (operation id) and in a second, plain OpenTelemetry backend', () => {
    const server = span('tools/call get_weather', SERVER);
    const client = span('tools/call get_weather', CLIENT);
    expect(client.traceId).toBe(server.traceId);
    const azureIds = new Set(
      [...receiver.ofKind('Request'), ...receiver.ofKind('RemoteDependency')]
        .filter((e) => String(baseName(e)).includes('get_weather'))
        .map((e) => e.tags['ai.operation.id']),
    );
    expect([...azureIds]).toEqual([server.traceId]);
  });
});
