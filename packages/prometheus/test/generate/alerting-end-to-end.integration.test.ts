import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type NotificationV1, type NotifierV1, type Observability, parseRetryAfter } from '@mcp-o11y/core';
import { type HttpReceiver, startHttpReceiver } from '@mcp-o11y/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AlertmanagerWebhook,
  createAlertmanagerWebhook,
} from '../../src/generate/alertmanager-webhook.js';
import { generateAlertmanagerConfig } from '../../src/generate/generate-alertmanager-config.js';
import { generatePrometheusRules } from '../../src/generate/generate-prometheus-rules.js';
import { startMcpOverHttp } from '../mcp-fixture.js';
import { observeWithPrometheus } from '../observe.js';
import { freePort, type RealServer, startRealServer, waitFor } from '../real-servers.js';

// The whole multi-replica path with real parts: an instrumented MCP server exposes /metrics (the package's
// adapter), a real Prometheus scrapes it and evaluates rules generated from a core rule, a real
// Alertmanager routes the alert with a config generated from core routing, its webhook points at our
// receiver, and core's delivery pipeline delivers through a notifier to a local HTTP receiver, which first
// answers 429 + Retry-After so the retry is exercised too.
let observability: Observability | undefined;
let mcp: Awaited<ReturnType<typeof startMcpOverHttp>> | undefined;
let notifierReceiver: HttpReceiver | undefined;
let webhook: AlertmanagerWebhook | undefined;
let webhookServer: Server | undefined;
let alertmanager: RealServer | undefined;
let prometheus: RealServer | undefined;

/** The local notifier: one POST of the notification per attempt; 429 is retryable with its Retry-After. */
function localNotifier(url: string): NotifierV1 {
  return {
    specificationVersion: 'v1',
    id: 'local',
    async send(notification, { signal }) {
      const response = await fetch(`${url}/notify`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(notification),
        signal,
      });
      if (response.ok) return { status: 'delivered' };
      const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
      return {
        status: 'retryable',
        reason: `HTTP ${response.status}`,
        ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
      };
    },
  };
}

beforeAll(async () => {
  let answered = 0;
  notifierReceiver = await startHttpReceiver({
    handler: () =>
      answered++ === 0
        ? { status: 429, headers: { 'retry-after': '1' }, body: 'slow down' }
        : { status: 200 },
  });
  webhook = createAlertmanagerWebhook({ notifiers: [localNotifier(notifierReceiver.url)] });
  webhookServer = createServer(webhook.handler);
  await new Promise<void>((resolve) => webhookServer?.listen(0, '127.0.0.1', resolve));
  const webhookUrl = `http://127.0.0.1:${(webhookServer.address() as AddressInfo).port}/alertmanager`;

  const metricsPort = await freePort();
  observability = (await observeWithPrometheus({ port: metricsPort })).observability;
  mcp = await startMcpOverHttp(observability);

  // Test-only timings, generated with the same functions as production files.
  const rules = generatePrometheusRules({
    rules: {
      defaultRules: false,
      slos: [],
      rules: [
        {
          name: 'FlakyToolFailing',
          severity: 'critical',
          condition: {
            kind: 'error_ratio',
            threshold: 0.5,
            window: '10s',
            minCount: 1,
            matchers: [{ name: 'gen_ai.tool.name', operator: '=', value: 'flaky' }],
          },
          annotations: {
            summary: 'Error rate of {{labels.gen_ai.tool.name}} is {{valuePercent}} %',
            runbook: 'tool_failing',
          },
        },
      ],
    },
    runbookUrl: (id) => `https://runbooks.example/mcp/${id}`,
  });
  const amConfig = generateAlertmanagerConfig({
    routing: { route: { notifiers: ['local'], groupWait: '1s', groupInterval: '1s', repeatInterval: '1h' } },
    webhook: { url: webhookUrl },
  });
  alertmanager = await startRealServer({
    binary: '/usr/bin/prometheus-alertmanager',
    files: () => ({ 'alertmanager.yml': amConfig.yaml }),
    args: (port, directory) => [
      `--config.file=${directory}/alertmanager.yml`,
      `--storage.path=${directory}/data`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--cluster.listen-address=',
      '--log.level=warn',
    ],
    readyPath: '/-/ready',
  });
  const alertmanagerHost = new URL(alertmanager.url).host;
  prometheus = await startRealServer({
    binary: '/usr/bin/prometheus',
    files: () => ({
      'rules.yml': rules.yaml,
      'prometheus.yml': [
        'global: { scrape_interval: 1s, evaluation_interval: 1s }',
        'rule_files: [rules.yml]',
        `alerting: { alertmanagers: [{ static_configs: [{ targets: ['${alertmanagerHost}'] }] }] }`,
        'scrape_configs:',
        `  - { job_name: weather-mcp, static_configs: [{ targets: ['127.0.0.1:${metricsPort}'] }] }`,
        '',
      ].join('\n'),
    }),
    args: (port, directory) => [
      `--config.file=${directory}/prometheus.yml`,
      `--storage.tsdb.path=${directory}/tsdb`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--log.level=warn',
    ],
    readyPath: '/-/ready',
  });
}, 60_000);

afterAll(async () => {
  await prometheus?.stop();
  await alertmanager?.stop();
  await webhook?.close(1_000);
  webhookServer?.closeAllConnections();
  await new Promise((resolve) => webhookServer?.close(resolve) ?? resolve(undefined));
  await notifierReceiver?.close();
  await mcp?.close();
  await observability?.shutdown();
});

/** Notifications the local receiver accepted (answered 200). */
function delivered(): NotificationV1[] {
  return (notifierReceiver?.requests ?? []).slice(1).map((request) => request.json<NotificationV1>());
}

describe('Prometheus + Alertmanager + our webhook receiver', () => {
  it('a fault injected into the MCP server ends as a delivered notification, then a resolve', async () => {
    const client = mcp?.client;
    if (client === undefined) throw new Error('no MCP client');
    await client.callTool({ name: 'echo', arguments: { text: 'healthy' } });
    // The fault: the flaky tool fails on every call, under steady traffic, until the alert is delivered.
    let faulty = true;
    const traffic = (async () => {
      while (faulty) {
        await client.callTool({ name: 'flaky', arguments: {} });
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    })();
    try {
      await waitFor(
        'a delivered firing notification',
        async () => (delivered().length > 0 ? true : undefined),
        40_000,
      );
    } finally {
      faulty = false;
      await traffic;
    }
    const requests = notifierReceiver?.requests ?? [];
    expect(requests[0]?.text).toContain('"status":"firing"');
    const [firing] = delivered();
    expect(firing).toMatchObject({
      status: 'firing',
      severity: 'critical',
      title: '[FIRING:1] FlakyToolFailing',
      service: 'weather-mcp',
    });
    expect(firing?.alerts).toHaveLength(1);
    expect(firing?.alerts[0]).toMatchObject({
      name: 'FlakyToolFailing',
      status: 'firing',
      labels: {
        alertname: 'FlakyToolFailing',
        severity: 'critical',
        job: 'weather-mcp',
        gen_ai_tool_name: 'flaky',
        mcp_method_name: 'tools/call',
      },
      annotations: { summary: 'Error rate of flaky is 100%' },
      runbookUrl: 'https://runbooks.example/mcp/tool_failing',
    });
    expect(firing?.alerts[0]?.dashboardUrl).toMatch(/^http:\/\/.+\/graph\?g0\.expr=/);
    // The first attempt got 429 + Retry-After and core's pipeline retried it.
    expect(requests).toHaveLength(2);

    // The fault is gone: once the 10 s window holds no failure the alert resolves end to end.
    await waitFor(
      'a delivered resolve',
      async () => (delivered().some((each) => each.status === 'resolved') ? true : undefined),
      40_000,
    );
    const resolved = delivered().find((each) => each.status === 'resolved');
    expect(resolved?.alerts[0]).toMatchObject({ name: 'FlakyToolFailing', status: 'resolved' });
    expect(resolved?.alerts[0]?.endsAt).toBeGreaterThan(firing?.alerts[0]?.startsAt ?? Infinity);
  }, 90_000);
});
