import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createObservability, type Observability } from '@mcp-o11y/core';
import { afterEach, expect, it } from 'vitest';
import {
  createTestCertificate,
  HttpsIngestionReceiver,
  type ReceivedEnvelope,
} from '../../../packages/azure-monitor/test/support/https-ingestion-receiver.ts';
import { freePort } from '../../../packages/otlp/test/otlp-receivers.ts';
import { connectWeatherClient, type WeatherClient } from '../src/weather-client.ts';
import { type BackendReceiver, otlpReceiver } from './support/backend-receivers.ts';
import { configPath } from './support/run-example.ts';
import { type SpawnedServer, spawnServer } from './support/spawn-server.ts';
import { fromStore, INTEGRATION_SPAN_NAME, TOOL_SPAN_NAME } from './support/trace-span.ts';

const INSTRUMENTATION_KEY = '5c0ffee5-1a2b-4c5d-8e9f-0a1b2c3d4e5f';
const DURATION_COUNT = 'mcp_server_operation_duration_seconds_count';
const FORECAST_LABELS = { mcp_method_name: 'tools/call', gen_ai_tool_name: 'get_forecast' };

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Sums the samples of `metric` whose labels include `labels`, in a Prometheus text exposition. */
function sampleSum(exposition: string, metric: string, labels: Readonly<Record<string, string>>): number {
  let sum = 0;
  for (const line of exposition.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (match?.[1] !== metric) continue;
    const present = new Map(
      [...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((pair) => [pair[1], pair[2]]),
    );
    if (Object.entries(labels).every(([name, value]) => present.get(name) === value)) sum += Number(match[3]);
  }
  return sum;
}

async function scrape(port: number): Promise<string> {
  const response = await fetch(`http://127.0.0.1:${port}/metrics`);
  expect(response.status).toBe(200);
  return response.text();
}

function requestEnvelope(receiver: HttpsIngestionReceiver, spanId: string): ReceivedEnvelope | undefined {
  return receiver.ofKind('Request').find((envelope) => envelope.data.baseData.id === spanId);
}

it('azure-prometheus-otlp.yaml, server in a child process: one operation id in Azure and OTLP, Prometheus counts the calls', async () => {
  // The Application Insights exporter only speaks HTTPS; the child trusts this certificate at start.
  const certificate = createTestCertificate();
  cleanups.push(() => rmSync(dirname(certificate.certPath), { recursive: true, force: true }));
  const azure = new HttpsIngestionReceiver(certificate);
  await azure.start();
  cleanups.push(() => azure.stop());
  const otlp: BackendReceiver = await otlpReceiver();
  cleanups.push(() => otlp.close());
  // Offline storage (on by default) lives under the temporary directory: a private one per run.
  const temporary = mkdtempSync(join(tmpdir(), 'config-switch-azure-'));
  cleanups.push(() => rmSync(temporary, { recursive: true, force: true }));
  const prometheusPort = await freePort();

  const server: SpawnedServer = await spawnServer(configPath('azure-prometheus-otlp.yaml'), {
    NODE_EXTRA_CA_CERTS: certificate.certPath,
    TMPDIR: temporary,
    APPLICATIONINSIGHTS_CONNECTION_STRING: azure.connectionString(INSTRUMENTATION_KEY),
    PROMETHEUS_PORT: String(prometheusPort),
    ...otlp.env,
  });
  cleanups.push(async () => void (await server.stop()));

  // The client is another process's view: its own pipeline, in memory only.
  const clientObservability: Observability = await createObservability({
    service: { name: 'config-switch-client' },
    alerts: false,
    logging: { destination: false },
    registerGlobals: false,
    shutdownHooks: { signals: false, stdinEnd: false, beforeExit: false },
  });
  cleanups.push(() => clientObservability.shutdown());
  const client: WeatherClient = await connectWeatherClient(server.url, clientObservability);
  cleanups.push(() => client.close());

  const before = sampleSum(await scrape(prometheusPort), DURATION_COUNT, FORECAST_LABELS);
  await client.forecast('Nairobi');
  await client.forecast('Osaka');
  const after = sampleSum(await scrape(prometheusPort), DURATION_COUNT, FORECAST_LABELS);
  expect(after - before).toBe(2);

  await client.close();
  // SIGTERM: the server closes and shuts its pipeline down, which flushes Azure and OTLP.
  expect(await server.stop()).toBe(0);
  expect(server.stdout.join('')).toBe('');
  // The server's JSON log lines on stderr would report any export that failed.
  expect(server.stderr.join('')).not.toMatch(/"level":"(warn|error|fatal)"/);

  const clientSpans = (clientObservability.store?.recentSpans() ?? [])
    .map(fromStore)
    .filter((span) => span.name === TOOL_SPAN_NAME && span.kind === 'client');
  expect(clientSpans).toHaveLength(2);
  const otlpSpans = otlp.spans();
  expect(azure.problems).toEqual([]);
  expect(new Set(azure.envelopes.map((envelope) => envelope.iKey))).toEqual(new Set([INSTRUMENTATION_KEY]));

  for (const clientSpan of clientSpans) {
    // OTLP: the server continued the client's trace, and the integration span sits under it.
    const serverSpan = otlpSpans.find(
      (span) =>
        span.kind === 'server' && span.name === TOOL_SPAN_NAME && span.parentSpanId === clientSpan.spanId,
    );
    expect(serverSpan?.traceId).toBe(clientSpan.traceId);
    const integrationSpan = otlpSpans.find(
      (span) => span.name === INTEGRATION_SPAN_NAME && span.parentSpanId === serverSpan?.spanId,
    );
    expect(integrationSpan).toMatchObject({ traceId: clientSpan.traceId, kind: 'client' });

    // Azure: the same request, operation id = trace id, parents as in OTLP.
    const request = requestEnvelope(azure, serverSpan?.spanId ?? '');
    expect(request?.tags).toMatchObject({
      'ai.operation.id': clientSpan.traceId,
      'ai.operation.parentId': clientSpan.spanId,
      'ai.operation.name': TOOL_SPAN_NAME,
      'ai.cloud.role': 'weather-mcp',
    });
    expect(request?.data.baseData).toMatchObject({ name: TOOL_SPAN_NAME, success: true });
    const dependency = azure
      .ofKind('RemoteDependency')
      .find((envelope) => envelope.data.baseData.id === integrationSpan?.spanId);
    expect(dependency?.tags).toMatchObject({
      'ai.operation.id': clientSpan.traceId,
      'ai.operation.parentId': serverSpan?.spanId,
    });
    expect(dependency?.data.baseData).toMatchObject({ name: INTEGRATION_SPAN_NAME, success: true });
  }
  // Both backends got every server span of the process (initialize and tools/list too), with the same ids.
  const otlpServerIds = otlpSpans.filter((span) => span.kind === 'server').map((span) => span.spanId);
  const azureRequestIds = azure.ofKind('Request').map((envelope) => envelope.data.baseData.id);
  expect(new Set(azureRequestIds)).toEqual(new Set(otlpServerIds));
}, 45_000);
