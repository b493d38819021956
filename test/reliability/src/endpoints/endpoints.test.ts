import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import {
  createObservability,
  type HttpAuth,
  type NotifierV1,
  type Observability,
  startHealthServer,
} from '@mcp-o11y/core';
import { startDashboard } from '@mcp-o11y/dashboard';
import { createAlertmanagerWebhook, type MetricsAddress, prometheus } from '@mcp-o11y/prometheus';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordSuiteResult } from '../report/suite-result.ts';

/** One endpoint under test: where it listens and what it needs. */
interface Endpoint {
  readonly name: string;
  /** The address it reported after binding with no host configured. */
  readonly host: string;
  /** A URL that needs the credentials. */
  readonly url: string;
  readonly method: 'GET' | 'POST';
  readonly body?: string;
  readonly good: string;
  /** Wrong credentials: same length, another length, the other scheme, garbage. */
  readonly bad: readonly string[];
  /** Status with good credentials. */
  readonly okStatus: number;
  close(): Promise<void>;
}

const basic = (user: string, password: string) =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
const badBearer = (token: string) => [
  `Bearer ${token.slice(0, -1)}${token.endsWith('x') ? 'y' : 'x'}`,
  `Bearer ${token}${token}`,
  `Bearer ${token.slice(0, 3)}`,
  `Basic ${Buffer.from(`user:${token}`).toString('base64')}`,
  token,
  'Bearer',
];
const badBasic = (user: string, password: string) => [
  basic(user, `${password.slice(0, -1)}x`),
  basic(`${user}x`, password),
  basic(user, ''),
  `Bearer ${password}`,
  'Basic !!!not-base64!!!',
];

const PAYLOAD = JSON.stringify({
  receiver: 'mcp',
  status: 'firing',
  alerts: [
    {
      status: 'firing',
      labels: { alertname: 'EndpointTest', severity: 'low' },
      annotations: { summary: 'endpoint test' },
      startsAt: '2026-01-01T10:00:00Z',
      endsAt: '0001-01-01T00:00:00Z',
      generatorURL: 'http://prometheus:9090/graph',
      fingerprint: '0123456789abcdef',
    },
  ],
  groupLabels: { alertname: 'EndpointTest' },
  commonLabels: { alertname: 'EndpointTest' },
  commonAnnotations: {},
  externalURL: 'http://alertmanager:9093',
  version: '4',
  groupKey: '{}:{alertname="EndpointTest"}',
  truncatedAlerts: 0,
});

const quietNotifier: NotifierV1 = {
  specificationVersion: 'v1',
  id: 'quiet',
  send: async () => ({ status: 'delivered' }),
};

let observability: Observability;
const endpoints: Endpoint[] = [];
const MAX_BODY = 4096;

beforeAll(async () => {
  const metricsAuth: HttpAuth = { bearer: 'metrics-scrape-token-7f3a' };
  let metrics: MetricsAddress | undefined;
  observability = await createObservability({
    service: { name: 'endpoints-test' },
    adapters: [prometheus({ port: 0, auth: metricsAuth, onListening: (bound) => (metrics = bound) })],
    env: {},
    alerts: { state: false, console: false, defaultRules: false },
    registerGlobals: false,
    logging: { destination: false },
    shutdownHooks: { signals: false, stdinEnd: false, beforeExit: false },
  });
  if (metrics === undefined) throw new Error('the prometheus adapter did not report its address');
  endpoints.push({
    name: '/metrics (prometheus)',
    host: metrics.host,
    url: metrics.url,
    method: 'GET',
    good: `Bearer ${metricsAuth.bearer}`,
    bad: badBearer(metricsAuth.bearer),
    okStatus: 200,
    close: async () => undefined,
  });

  const dashboardToken = 'dashboard-token-91c2';
  const dashboard = await startDashboard({
    observability,
    port: 0,
    env: {},
    token: dashboardToken,
    maxBodyBytes: MAX_BODY,
  });
  endpoints.push({
    name: 'dashboard JSON API',
    host: dashboard.host,
    url: `http://127.0.0.1:${dashboard.port}/api/overview`,
    method: 'GET',
    good: `Bearer ${dashboardToken}`,
    bad: badBearer(dashboardToken),
    okStatus: 200,
    close: () => dashboard.close(),
  });

  const health = await startHealthServer(observability, {
    port: 0,
    env: {},
    auth: { basic: { username: 'probe', password: 'health-pass-5d1e' } },
  });
  endpoints.push({
    name: '/health/detailed (core)',
    host: health.host,
    url: `${health.url}/detailed`,
    method: 'GET',
    good: basic('probe', 'health-pass-5d1e'),
    bad: badBasic('probe', 'health-pass-5d1e'),
    okStatus: 200,
    close: () => health.close(),
  });

  const webhookToken = 'alertmanager-secret-2b8e';
  const webhook = createAlertmanagerWebhook({
    notifiers: [quietNotifier],
    bearerToken: webhookToken,
    maxBodyBytes: MAX_BODY,
  });
  const receiver = await webhook.listen({ port: 0 });
  endpoints.push({
    name: 'Alertmanager webhook receiver (prometheus)',
    host: receiver.host,
    url: receiver.url,
    method: 'POST',
    body: PAYLOAD,
    good: `Bearer ${webhookToken}`,
    bad: badBearer(webhookToken),
    okStatus: 202,
    close: async () => {
      await receiver.close();
      await webhook.close();
    },
  });
});

afterAll(async () => {
  for (const endpoint of endpoints.splice(0)) await endpoint.close();
  await observability?.shutdown();
});

const request = (endpoint: Endpoint, authorization?: string, body = endpoint.body) =>
  fetch(endpoint.url, {
    method: endpoint.method,
    headers: {
      ...(authorization === undefined ? {} : { authorization }),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body }),
  });

describe('every endpoint', () => {
  it('binds 127.0.0.1 when no host is configured', () => {
    expect(endpoints.map((endpoint) => [endpoint.name, endpoint.host])).toEqual(
      endpoints.map((endpoint) => [endpoint.name, '127.0.0.1']),
    );
  });

  it('answers 401 to missing or wrong credentials and serves the right ones', async () => {
    for (const endpoint of endpoints) {
      const missing = await request(endpoint);
      expect(missing.status, `${endpoint.name} without credentials`).toBe(401);
      expect(missing.headers.get('www-authenticate'), endpoint.name).toMatch(/^(Bearer|Basic) realm=/);
      for (const header of endpoint.bad) {
        const refused = await request(endpoint, header);
        expect(refused.status, `${endpoint.name} with a wrong credential`).toBe(401);
        expect(await refused.text()).not.toContain(endpoint.good.split(' ')[1]);
      }
      expect((await request(endpoint, endpoint.good)).status, `${endpoint.name} with its credentials`).toBe(
        endpoint.okStatus,
      );
      recordSuiteResult({
        area: 'endpoints',
        scenario: `${endpoint.name}: bind address and credentials`,
        faults: endpoint.bad.length + 1,
        note: `bound ${endpoint.host}; ${endpoint.bad.length + 1} missing/wrong credentials → 401; right ones → ${endpoint.okStatus}`,
      });
    }
  });

  it('limits request bodies: 413 past the configured limit where bodies are taken, 405 where none are', async () => {
    const oversized = JSON.stringify({ padding: 'x'.repeat(MAX_BODY * 4) });
    const streamed = 'x'.repeat(2 * 1024 * 1024);
    const webhook = endpoints.find((endpoint) => endpoint.name.startsWith('Alertmanager'))!;
    const dashboard = endpoints.find((endpoint) => endpoint.name.startsWith('dashboard'))!;
    const silences = {
      ...dashboard,
      url: dashboard.url.replace('/api/overview', '/api/silences'),
      method: 'POST' as const,
    };
    for (const [name, endpoint] of [
      ['Alertmanager webhook receiver', webhook],
      ['dashboard POST /api/silences', silences],
    ] as const) {
      expect((await request(endpoint, endpoint.good, oversized)).status, name).toBe(413);
      expect((await request(endpoint, endpoint.good, streamed)).status, `${name}, 2 MiB`).toBe(413);
      recordSuiteResult({
        area: 'endpoints',
        scenario: `${name}: body limit`,
        faults: 2,
        note: `${MAX_BODY}-byte limit configured; ${oversized.length} B and 2 MiB bodies → 413`,
      });
    }
    const underLimit = JSON.stringify({
      matchers: [{ name: 'alertname', value: 'EndpointTest' }],
      duration: '1h',
      createdBy: 'endpoints test',
      comment: 'under the limit',
    });
    expect((await request(silences, silences.good, underLimit)).status).toBe(201);
    for (const endpoint of endpoints.filter((each) => each.method === 'GET')) {
      const post = await fetch(endpoint.url, {
        method: 'POST',
        headers: { authorization: endpoint.good },
        body: oversized,
      });
      expect(post.status, `${endpoint.name} takes no body`).toBe(405);
    }
  });
});

/** Source files of the published packages, tests excluded. */
function sourceFiles(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const full = path.join(directory, name);
    if (statSync(full).isDirectory()) return name === 'node_modules' ? [] : sourceFiles(full);
    return /\.ts$/.test(name) && !/\.test(-helper)?\.ts$/.test(name) ? [full] : [];
  });
}

it('compares secrets in one place: core sameSecret (crypto.timingSafeEqual on SHA-256 digests)', () => {
  const packages = path.join(import.meta.dirname, '..', '..', '..', '..', 'packages');
  const files = readdirSync(packages).flatMap((name) => {
    const src = path.join(packages, name, 'src');
    try {
      return sourceFiles(src);
    } catch {
      return [];
    }
  });
  const comparing = files.filter((file) => readFileSync(file, 'utf8').includes('timingSafeEqual'));
  expect(comparing.map((file) => path.relative(packages, file))).toEqual(['core/src/http/same-secret.ts']);
  const helper = readFileSync(comparing[0]!, 'utf8');
  expect(helper).toMatch(/timingSafeEqual\(digest\(given\), digest\(expected\)\)/);
  expect(helper).toMatch(/createHash\('sha256'\)/);
  // Every endpoint package checks credentials through core, not with a comparison of its own.
  for (const [file, helperName] of [
    ['prometheus/src/scrape-response.ts', 'isAuthorized'],
    ['prometheus/src/generate/alertmanager-webhook.ts', 'isAuthorized'],
    ['dashboard/src/server/authorize-request.ts', 'sameSecret'],
    ['core/src/health/health-endpoint.ts', 'isAuthorized'],
  ]) {
    expect(readFileSync(path.join(packages, file!), 'utf8'), file).toContain(`${helperName}(`);
  }
  recordSuiteResult({
    area: 'endpoints',
    scenario: 'one constant-time comparison for every endpoint',
    faults: 0,
    note: `${files.length} source files scanned; timingSafeEqual only in core sameSecret, on 32-byte digests`,
  });
});
