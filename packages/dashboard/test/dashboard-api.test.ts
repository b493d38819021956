/**
 * The JSON API the page and the CLI use, through the fetch-style handler and the node:http handler,
 * against a real observability handle with an instrumented MCP server under traffic.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Observability } from '@mcp-o11y/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createDashboardFetchHandler,
  createDashboardHandler,
  type FetchDashboardHandler,
} from '../src/index.js';
import { createTestObservability, startMcpServer } from './mcp-traffic.js';

let observability: Observability;
let mcp: Awaited<ReturnType<typeof startMcpServer>>;
let handler: FetchDashboardHandler;

const base = 'http://127.0.0.1:9465';

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const response = await handler(
    new Request(`${base}${path}`, {
      method,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    }),
  );
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    json: text === '' ? undefined : JSON.parse(text),
  };
}

beforeAll(async () => {
  observability = await createTestObservability();
  mcp = await startMcpServer(observability);
  await mcp.traffic(10);
  for (let attempt = 0; attempt < 50; attempt += 1) {
    await observability.alerts!.evaluateNow();
    if (observability.alerts!.listAlerts().some((alert) => alert.state === 'firing')) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  handler = createDashboardFetchHandler(observability);
});

afterAll(async () => {
  handler?.close();
  await mcp?.close();
  await observability?.shutdown();
});

describe('GET endpoints', () => {
  it('/api/overview', async () => {
    const { status, json, headers } = await call('GET', '/api/overview');
    expect(status).toBe(200);
    expect(headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(headers.get('cache-control')).toBe('no-store');
    expect(json).toMatchObject({
      service: 'weather-mcp',
      status: 'degraded',
      windowSeconds: 300,
      activeAlerts: 1,
    });
    expect(json.requests).toBeGreaterThanOrEqual(30);
    expect(json.errors).toBe(5);
    expect(json.latency.p95).toBeGreaterThan(0);
    expect(json.inFlight).toBe(0);
  });

  it('/api/timeseries', async () => {
    const { json } = await call('GET', '/api/timeseries?window=120&step=10');
    expect(json.stepSeconds).toBe(10);
    expect(json.timestamps).toHaveLength(12);
    expect(json.throughput.reduce((a: number, b: number) => a + b, 0)).toBeGreaterThan(0);
    expect(json.errorsByType.tool_error.reduce((a: number, b: number) => a + b, 0)).toBe(5);
  });

  it('/api/tools and /api/clients', async () => {
    const tools = (await call('GET', '/api/tools')).json;
    expect(tools.tools.map((tool: { name: string }) => tool.name).sort()).toEqual([
      'flaky',
      'get_forecast',
      'search_cities',
    ]);
    const flaky = tools.tools.find((tool: { name: string }) => tool.name === 'flaky');
    expect(flaky).toMatchObject({ requests: 10, errors: 5, errorRatio: 0.5 });
    const clients = (await call('GET', '/api/clients')).json;
    expect(clients.clients[0]).toMatchObject({ name: 'claude-desktop', version: '0.9.0' });
  });

  it('/api/process, /api/integrations, /api/diagnostics, /api/runbooks', async () => {
    const process = (await call('GET', '/api/process')).json;
    expect(process.memory.rssBytes).toBeGreaterThan(0);
    expect(process.runtimeMetrics).toBe(true);
    expect((await call('GET', '/api/integrations')).json).toEqual({ windowSeconds: 300, integrations: [] });
    const diagnostics = (await call('GET', '/api/diagnostics')).json;
    expect(diagnostics.pipeline.adapters).toBeDefined();
    expect(['health', 'pipeline']).toContain(diagnostics.source);
    const runbooks = (await call('GET', '/api/runbooks')).json;
    expect(Array.isArray(runbooks.runbooks)).toBe(true);
  });

  it('/api/alerts and /api/incidents', async () => {
    const alerts = (await call('GET', '/api/alerts')).json;
    expect(alerts.enabled).toBe(true);
    expect(alerts.alerts[0]).toMatchObject({ name: 'FlakyToolFailing', state: 'firing' });
    const incidents = (await call('GET', '/api/incidents')).json;
    expect(incidents.incidents[0].timeline[0].kind).toBe('opened');
  });

  it('streams a snapshot on /api/events', async () => {
    const controller = new AbortController();
    const response = await handler(new Request(`${base}/api/events`, { signal: controller.signal }));
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const reader = response.body!.getReader();
    let text = '';
    while (!text.includes('event: snapshot')) text += new TextDecoder().decode((await reader.read()).value);
    controller.abort();
    expect(text).toMatch(/event: snapshot\ndata: \{"overview":/);
  });
});

describe('actions', () => {
  it('acknowledges, silences, expires a silence and closes an incident', async () => {
    const fingerprint = observability.alerts!.listAlerts()[0]!.fingerprint;
    expect((await call('POST', '/api/alerts/nope/ack', { actor: 'bob' })).status).toBe(404);
    expect((await call('POST', `/api/alerts/${fingerprint}/ack`, { actor: 'bob' })).json).toEqual({
      acknowledged: true,
      fingerprint,
    });
    expect(observability.alerts!.listAlerts()[0]?.acknowledgedBy).toBe('bob');

    const created = await call('POST', '/api/silences', {
      matchers: ['alertname="FlakyToolFailing"', { name: 'gen_ai.tool.name', operator: '=', value: 'flaky' }],
      duration: '2h',
      createdBy: 'bob',
      comment: 'deploying a fix',
    });
    expect(created.status).toBe(201);
    expect(created.json.silence).toMatchObject({
      status: 'active',
      createdBy: 'bob',
      comment: 'deploying a fix',
    });
    expect(created.json.silence.endsAt - created.json.silence.startsAt).toBe(7_200_000);
    const id = created.json.silence.id as string;
    expect((await call('DELETE', `/api/silences/${id}`)).json).toEqual({ expired: true, id });
    expect((await call('DELETE', `/api/silences/${id}`)).status).toBe(404);

    const incident = observability.alerts!.listIncidents()[0]!;
    expect((await call('POST', `/api/incidents/${incident.id}/close`, { actor: 'bob' })).json).toEqual({
      closed: true,
      id: incident.id,
    });
    expect((await call('POST', `/api/incidents/${incident.id}/close`, {})).status).toBe(404);
  });

  it('refuses bad silences with a message', async () => {
    const noMatchers = await call('POST', '/api/silences', { matchers: [], duration: '1h' });
    expect(noMatchers.status).toBe(400);
    expect(noMatchers.json.error).toMatch(/matchers/);
    expect((await call('POST', '/api/silences', { matchers: ['a="b"'] })).json.error).toMatch(/duration/);
    expect((await call('POST', '/api/silences', { matchers: ['a="b"'], duration: 'soon' })).status).toBe(400);
    // The engine's own check: a matcher matching everything.
    expect((await call('POST', '/api/silences', { matchers: ['a=~".*"'], duration: '1h' })).status).toBe(400);
  });

  it('refuses bodies that are not JSON, and cross-site requests', async () => {
    const response = await handler(
      new Request(`${base}/api/silences`, {
        method: 'POST',
        body: 'matchers=x',
        headers: { 'content-type': 'text/plain' },
      }),
    );
    expect(response.status).toBe(415);
    expect(
      (
        await call(
          'POST',
          '/api/silences',
          { matchers: ['a="b"'], duration: '1h' },
          { 'sec-fetch-site': 'cross-site' },
        )
      ).status,
    ).toBe(403);
  });
});

describe('routing', () => {
  it('answers 404 and 405 in the API error shape', async () => {
    expect(await call('GET', '/api/nope')).toMatchObject({
      status: 404,
      json: { error: 'no API route /api/nope' },
    });
    expect((await call('DELETE', '/api/overview')).status).toBe(405);
    expect((await call('GET', '/api/alerts/x/ack')).status).toBe(405);
  });

  it('serves the page, its module and uPlot with a strict CSP', async () => {
    const page = await handler(new Request(`${base}/`));
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await page.text()).toContain('<script type="module" src="assets/dashboard.js">');
    const uplot = await handler(new Request(`${base}/assets/uplot.js`));
    expect(await uplot.text()).toContain('uPlot');
    expect((await handler(new Request(`${base}/assets/uplot.css`))).status).toBe(200);
    expect((await handler(new Request(`${base}/assets/dashboard.js`))).status).toBe(200);
  });

  it('mounts under a base path on node:http', async () => {
    const mounted = createDashboardHandler(observability, { basePath: '/ops/dashboard', token: 't0ken' });
    const server = createServer((request, response) => {
      if (request.url?.startsWith('/ops/dashboard')) mounted(request, response);
      else response.writeHead(418).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const redirect = await fetch(`${url}/ops/dashboard`, { redirect: 'manual' });
      expect(redirect.status).toBe(308);
      expect(redirect.headers.get('location')).toBe('/ops/dashboard/');
      expect((await fetch(`${url}/ops/dashboard/api/overview`)).status).toBe(401);
      const login = await fetch(`${url}/ops/dashboard/?token=t0ken`, { redirect: 'manual' });
      expect(login.status).toBe(303);
      expect(login.headers.get('location')).toBe('/ops/dashboard/');
      const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
      const overview = await fetch(`${url}/ops/dashboard/api/overview`, { headers: { cookie } });
      expect(overview.status).toBe(200);
      expect(((await overview.json()) as { service: string }).service).toBe('weather-mcp');
    } finally {
      mounted.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
