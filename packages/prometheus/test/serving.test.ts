import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Observability } from '@mcp-o11y/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createMetricsFetchHandler, createMetricsHandler, OPENMETRICS_CONTENT_TYPE } from '../src/index.js';
import { observeWithPrometheus } from './observe.js';

const openMetricsAccept = 'application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5';
let observability: Observability | undefined;
let extraServer: Server | undefined;
afterEach(async () => {
  await observability?.shutdown();
  observability = undefined;
  extraServer?.closeAllConnections();
  await new Promise((resolve) => (extraServer ? extraServer.close(resolve) : resolve(undefined)));
  extraServer = undefined;
});

async function healthOf(target: Observability) {
  const check = target.healthChecks.find((candidate) => candidate.name === 'prometheus-scrape');
  return check?.check({ signal: AbortSignal.timeout(1000) });
}

describe('standalone /metrics', () => {
  it('serves the pipeline on 127.0.0.1 and closes in shutdown', async () => {
    const started = await observeWithPrometheus();
    observability = started.observability;
    const url = started.address?.url ?? '';
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
    expect((await healthOf(observability))?.message).toMatch(/^not scraped yet/);
    observability.meter
      .createCounter('mcp_o11y.errors', { unit: '{error}' })
      .add(2, { 'error.type': 'timeout' });

    const text = await fetch(url);
    expect(text.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    const body = await text.text();
    expect(body).toContain('mcp_o11y_errors_total{error_type="timeout"} 2');
    expect(body).toMatch(/^target_info\{.*service_name="weather-mcp".*\} 1$/m);
    expect((await healthOf(observability))?.message).toMatch(/^Prometheus scraped \d+ s ago$/);

    const negotiated = await fetch(url, { headers: { accept: openMetricsAccept } });
    expect(negotiated.headers.get('content-type')).toBe(OPENMETRICS_CONTENT_TYPE);
    expect(await negotiated.text()).toMatch(/# EOF\n$/);
    expect((await fetch(url.replace('/metrics', '/other'))).status).toBe(404);
    expect((await fetch(url, { method: 'POST' })).status).toBe(405);

    await observability.shutdown();
    await expect(fetch(url)).rejects.toThrow();
  });

  it('requires the configured bearer token or basic credentials', async () => {
    const bearer = await observeWithPrometheus({ auth: { bearer: 'T0KEN' } });
    observability = bearer.observability;
    const url = bearer.address?.url ?? '';
    const refused = await fetch(url);
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toBe('Bearer realm="metrics"');
    expect(await refused.text()).not.toContain('T0KEN');
    expect((await fetch(url, { headers: { authorization: 'Bearer T0KEN' } })).status).toBe(200);
    await observability.shutdown();

    const basic = await observeWithPrometheus({ auth: { basic: { username: 'prom', password: 'pw' } } });
    observability = basic.observability;
    const basicUrl = basic.address?.url ?? '';
    expect((await fetch(basicUrl)).status).toBe(401);
    const credentials = Buffer.from('prom:pw').toString('base64');
    expect((await fetch(basicUrl, { headers: { authorization: `Basic ${credentials}` } })).status).toBe(200);
  });

  it('reads host and port from OTEL_EXPORTER_PROMETHEUS_HOST/PORT in the context env', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as AddressInfo).port;
    await new Promise((resolve) => probe.close(resolve));
    const started = await observeWithPrometheus(
      { port: undefined },
      { OTEL_EXPORTER_PROMETHEUS_HOST: '127.0.0.1', OTEL_EXPORTER_PROMETHEUS_PORT: String(port) },
    );
    observability = started.observability;
    expect(started.address?.url).toBe(`http://127.0.0.1:${port}/metrics`);
  });

  it('refuses to start when the port is taken, naming what to change', async () => {
    const first = await observeWithPrometheus();
    observability = first.observability;
    await expect(observeWithPrometheus({ port: first.address?.port ?? 0 })).rejects.toThrow(
      /\[@mcp-o11y\/prometheus\] cannot serve metrics on 127\.0\.0\.1:\d+ \(EADDRINUSE\).*OTEL_EXPORTER_PROMETHEUS_PORT/,
    );
  });
});

describe('mounted handlers', () => {
  it('serve the same page on an existing node:http server (Express has the same signature)', async () => {
    const started = await observeWithPrometheus({ serve: false });
    observability = started.observability;
    expect(started.address).toBeUndefined();
    observability.meter.createHistogram('mcp.server.operation.duration', { unit: 's' }).record(0.2);
    const handler = createMetricsHandler(observability, { auth: { bearer: 'abc' } });
    extraServer = createServer(handler);
    await new Promise<void>((resolve) => extraServer?.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(extraServer.address() as AddressInfo).port}/metrics`;
    expect((await fetch(url)).status).toBe(401);
    const body = await (await fetch(url, { headers: { authorization: 'Bearer abc' } })).text();
    expect(body).toContain('mcp_server_operation_duration_seconds_count 1');
    expect((await healthOf(observability))?.status).toBe('pass');
  });

  it('serve a fetch-style (Hono) Request → Response', async () => {
    const started = await observeWithPrometheus({ serve: false });
    observability = started.observability;
    observability.meter.createUpDownCounter('mcp_o11y.requests.active', { unit: '{request}' }).add(3);
    const handler = createMetricsFetchHandler(observability);
    const response = await handler(
      new Request('http://localhost/metrics', { headers: { accept: openMetricsAccept } }),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(OPENMETRICS_CONTENT_TYPE);
    expect(await response.text()).toContain('mcp_o11y_requests_active 3');
    const head = await handler(new Request('http://localhost/metrics', { method: 'HEAD' }));
    expect(head.status).toBe(200);
  });

  it('refuse an observability without a Prometheus adapter', () => {
    expect(() => createMetricsHandler({ healthChecks: [] })).toThrow(/add prometheus\(\)/);
  });
});

describe('health check', () => {
  it('warns when nothing scraped for longer than staleAfterSeconds', async () => {
    const { scrapeHealthCheck } = await import('../src/scrape-health-check.js');
    const { PrometheusMetricReader } = await import('../src/index.js');
    const reader = new PrometheusMetricReader();
    let now = 1_000_000;
    const check = scrapeHealthCheck({
      reader,
      serving: true,
      staleAfterSeconds: 60,
      startedAt: now,
      now: () => now,
    });
    const signal = AbortSignal.timeout(1000);
    expect((await check.check({ signal })).status).toBe('pass');
    now += 61_000;
    expect(await check.check({ signal })).toMatchObject({
      status: 'warn',
      message: 'never scraped since the start 61 s ago',
    });
    reader.markScraped(now - 12_000);
    expect(await check.check({ signal })).toMatchObject({
      status: 'pass',
      message: 'Prometheus scraped 12 s ago',
    });
    now += 120_000;
    expect(await check.check({ signal })).toMatchObject({
      status: 'warn',
      message: 'Prometheus scraped 132 s ago',
    });
  });
});
