import { type ChildProcess, fork } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { ConfigError, loadConfig } from '@mcp-o11y/core';
import {
  type HttpReceiver,
  type ReceivedRequest,
  type ReceiverResponse,
  startHttpReceiver,
} from '@mcp-o11y/testkit';
import { afterAll, expect, it } from 'vitest';
import {
  createTestCertificate,
  HttpsIngestionReceiver,
} from '../../../../packages/azure-monitor/test/support/https-ingestion-receiver.ts';
import {
  type SmtpTestServer,
  startSmtpTestServer,
} from '../../../../packages/notify-email/test/smtp-test-server.ts';
import { freePort } from '../../../../packages/otlp/test/otlp-receivers.ts';
import { recordSuiteResult } from '../report/suite-result.ts';
import { plantSecrets, type ScannedText, scanForSecrets } from './planted-secrets.ts';
import type { SecretsChildReady } from './secrets.child.ts';

const childScript = path.join(import.meta.dirname, 'secrets.child.ts');
const configTemplate = path.join(import.meta.dirname, 'all-adapters.yaml');

const cleanups: (() => unknown)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

/** A backend that records every request raw and answers as `answer` says (echoing what it got on errors). */
async function backend(answer: (request: ReceivedRequest) => ReceiverResponse): Promise<HttpReceiver> {
  const receiver = await startHttpReceiver({ handler: answer });
  cleanups.push(() => receiver.close());
  return receiver;
}

// A hostile receiver: its error bodies repeat the request, credentials and all, as some services do.
const echo =
  (status: number) =>
  (request: ReceivedRequest): ReceiverResponse => ({
    status,
    body: {
      error: 'rejected',
      path: request.path,
      headers: request.headers,
      received: request.text.slice(0, 2000),
    },
  });

/** A request as text to scan: the target, the headers (less the ones named), and the body. */
function requestText(request: ReceivedRequest, withoutHeaders: readonly string[] = []): string {
  const headers = Object.entries(request.headers).filter(([name]) => !withoutHeaders.includes(name));
  const body = request.headers['content-encoding'] === 'gzip' ? gunzipSync(request.body) : request.body;
  return `${request.method} ${request.path}\n${headers.map(([name, value]) => `${name}: ${value}`).join('\n')}\n\n${body.toString('latin1')}`;
}

it('no planted secret reaches a backend payload, a log line, an error, the dashboard API, /health/detailed or /metrics', async () => {
  const secrets = plantSecrets();
  const certificate = createTestCertificate();
  cleanups.push(() => rmSync(path.dirname(certificate.certPath), { recursive: true, force: true }));

  const otlp = await backend(() => ({ status: 200 }));
  const zipkin = await backend(() => ({ status: 202, body: '' }));
  const jaeger = await backend(() => ({ status: 202, body: '' }));
  const sentry = await backend(() => ({ status: 200 }));
  const slack = await backend(echo(500));
  const teams = await backend(echo(400));
  const telegram = await backend((request) => ({
    status: 401,
    body: { ok: false, error_code: 401, description: `Unauthorized: ${request.path}` },
  }));
  const webhook = await backend(echo(503));
  const azure = new HttpsIngestionReceiver(certificate);
  await azure.start();
  cleanups.push(() => azure.stop());
  const smtp: SmtpTestServer = await startSmtpTestServer({
    certificate: {
      key: readFileSync(certificate.keyPath, 'utf8'),
      cert: readFileSync(certificate.certPath, 'utf8'),
    },
    credentials: { username: 'alerts', password: 'not-the-configured-one' },
    // As hostile as the HTTP receivers: the rejection repeats the password it was given.
    authFailure: (password) => ({
      code: 535,
      message: `5.7.8 Authentication failed for password ${password}`,
    }),
  });
  cleanups.push(() => smtp.close());

  const databaseUrl = `postgres://app:${secrets.postgresPassword}@db.internal:5432/app`;
  const prometheusPort = await freePort();
  const env: Record<string, string> = {
    OTLP_ENDPOINT: otlp.url,
    OTLP_API_KEY: secrets.otlpApiKey,
    ZIPKIN_URL: `${zipkin.url}/api/v2/spans`,
    JAEGER_ENDPOINT: `${jaeger.url}/api/traces`,
    JAEGER_PASSWORD: secrets.jaegerPassword,
    SENTRY_DSN: `http://${secrets.sentryKey}@127.0.0.1:${sentry.port}/1`,
    APPLICATIONINSIGHTS_CONNECTION_STRING: azure.connectionString(secrets.azureKey),
    PROMETHEUS_PORT: String(prometheusPort),
    METRICS_TOKEN: secrets.metricsToken,
    SLACK_WEBHOOK_URL: `${slack.url}/services/T0SECRETS/B0SECRETS/${secrets.slackToken}`,
    TEAMS_WEBHOOK_URL: `${teams.url}/workflows/0123abcd/triggers/manual/paths/invoke?api-version=1&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=${secrets.teamsSignature}`,
    TELEGRAM_BOT_TOKEN: secrets.telegramToken,
    TELEGRAM_API_URL: telegram.url,
    WEBHOOK_URL: `${webhook.url}/hooks/${secrets.webhookPathToken}`,
    WEBHOOK_TOKEN: secrets.webhookBearer,
    WEBHOOK_SIGNING_SECRET: secrets.webhookSigningSecret,
    SMTP_PORT: String(smtp.port),
    SMTP_PASSWORD: secrets.smtpPassword,
    DATABASE_URL: databaseUrl,
    UPSTREAM_BEARER_TOKEN: secrets.bearerToken,
    UPSTREAM_API_KEY: secrets.apiKey,
    DASHBOARD_TOKEN: secrets.dashboardToken,
    HEALTH_PASSWORD: secrets.healthPassword,
  };
  const work = mkdtempSync(path.join(tmpdir(), 'mcp-o11y-secrets-'));
  cleanups.push(() => rmSync(work, { recursive: true, force: true }));
  const configPath = path.join(work, 'mcp-o11y.config.yaml');
  writeFileSync(configPath, readFileSync(configTemplate, 'utf8'));

  // The child: the pipeline from the config file, its stderr being the logger's stream.
  const child: ChildProcess = fork(childScript, [configPath], {
    // Adapters resolve from the working directory: this workspace has them all.
    cwd: path.join(import.meta.dirname, '..', '..'),
    execArgv: [],
    env: {
      PATH: process.env.PATH ?? '',
      HOME: work,
      TMPDIR: work,
      NODE_EXTRA_CA_CERTS: certificate.certPath,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  cleanups.push(() => child.kill('SIGKILL'));
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const ready = await new Promise<SecretsChildReady>((resolve, reject) => {
    child.on('message', (message: SecretsChildReady) => {
      if (message.type === 'ready') resolve(message);
    });
    void exited.then((code) =>
      reject(new Error(`the child exited (${code}) early:\n${stderr.slice(-4000)}`)),
    );
  });

  // What a person or a scraper is shown.
  const shown: ScannedText[] = [];
  const dashboardHeaders = { authorization: `Bearer ${secrets.dashboardToken}` };
  for (const route of [
    'overview',
    'timeseries',
    'tools',
    'clients',
    'integrations',
    'process',
    'alerts',
    'silences',
    'incidents',
    'diagnostics',
    'runbooks',
  ]) {
    const response = await fetch(`${ready.dashboardUrl}/api/${route}`, { headers: dashboardHeaders });
    expect(response.status, `/api/${route}`).toBe(200);
    shown.push({ where: `dashboard /api/${route}`, text: await response.text() });
  }
  const healthAuth = `Basic ${Buffer.from(`probe:${secrets.healthPassword}`).toString('base64')}`;
  const detailed = await fetch(`${ready.healthUrl}/detailed`, { headers: { authorization: healthAuth } });
  shown.push({ where: '/health/detailed', text: await detailed.text() });
  const metrics = await fetch(`http://127.0.0.1:${prometheusPort}/metrics`, {
    headers: { authorization: `Bearer ${secrets.metricsToken}` },
  });
  expect(metrics.status).toBe(200);
  shown.push({ where: '/metrics', text: await metrics.text() });

  child.send({ type: 'stop' });
  expect(await exited).toBe(0);

  // The traffic did reach every backend: a scan of nothing proves nothing.
  const received: Record<string, number> = {
    otlp: otlp.requests.length,
    zipkin: zipkin.requests.length,
    jaeger: jaeger.requests.length,
    sentry: sentry.requests.length,
    azure: azure.envelopes.length,
    slack: slack.requests.length,
    teams: teams.requests.length,
    telegram: telegram.requests.length,
    webhook: webhook.requests.length,
    smtpAuth: smtp.authAttempts.length,
  };
  for (const [name, count] of Object.entries(received))
    expect(count, `${name} received nothing`).toBeGreaterThan(0);
  // …and the places scanned hold what the secrets travelled with, redacted rather than dropped.
  const otlpText = otlp.requests.map((request) => request.text).join('\n');
  expect(otlpText).toContain('gen_ai.tool.call.arguments');
  expect(otlpText).toContain('weather in Oslo');
  expect(otlpText).toContain('postgres://app:[REDACTED]@db.internal:5432/app');
  const errors = ready.messages.join('\n');
  for (const notifier of ['slack', 'teams', 'telegram', 'webhook', 'email']) {
    expect(errors, `no failure reason from ${notifier}`).toMatch(new RegExp(`${notifier}: failed .+`));
  }
  expect(stderr).toMatch(/"level":"warn".*"notification not delivered"/);
  expect(smtp.authAttempts.some((attempt) => !attempt.ok)).toBe(true);

  // What left the process for the backends; each may hold only its own credential where it belongs.
  const sent: ScannedText[] = [
    ...otlp.requests.map((request) => ({
      where: `OTLP ${request.path}`,
      text: requestText(request, ['x-api-key']),
    })),
    ...zipkin.requests.map((request) => ({ where: 'Zipkin', text: requestText(request) })),
    ...jaeger.requests.map((request) => ({
      where: 'Jaeger Thrift',
      text: requestText(request, ['authorization']),
    })),
    ...sentry.requests.flatMap((request) => {
      // The DSN's public key authenticates the envelope: in the auth header, the query and the envelope header.
      const [envelopeHeader = '', ...items] = request.text.split('\n');
      return [
        {
          where: 'Sentry target and envelope header',
          text: `${request.path}\n${envelopeHeader}`,
          allowed: ['sentryKey'],
        },
        {
          where: 'Sentry headers and items',
          text: `${requestText({ ...request, body: Buffer.from(items.join('\n')), path: '' }, ['x-sentry-auth'])}`,
        },
      ];
    }),
    ...azure.envelopes.map((envelope) => ({
      where: `Azure ${envelope.name}`,
      text: JSON.stringify({ ...envelope, iKey: undefined }),
    })),
    { where: 'Azure request targets', text: azure.paths.join('\n') },
    ...[
      [slack, 'Slack', 'slackToken'],
      [teams, 'Teams', 'teamsSignature'],
      [telegram, 'Telegram', 'telegramToken'],
      [webhook, 'webhook', 'webhookPathToken'],
    ].flatMap(([receiver, name, pathSecret]) =>
      (receiver as HttpReceiver).requests.flatMap((request) => [
        // The webhook URL is the request target: its token may be there, and nowhere else.
        { where: `${name} target`, text: request.path, allowed: [pathSecret as string] },
        {
          where: `${name} headers and body`,
          text: requestText({ ...request, path: '' }, name === 'webhook' ? ['authorization'] : []),
        },
      ]),
    ),
    ...smtp.messages.map((mail) => ({ where: 'SMTP message', text: mail.raw })),
  ];
  const logs: ScannedText[] = [
    { where: 'stderr (the logger stream)', text: stderr },
    { where: 'stdout', text: stdout },
    ...ready.messages.map((message, index) => ({ where: `error message #${index + 1}`, text: message })),
  ];

  // A bad config file must not echo the secret that made it bad.
  const badConfig = path.join(work, 'bad.yaml');
  writeFileSync(
    badConfig,
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the file's own ${VAR} interpolation.
    'adapters:\n  - id: notify-email\n    options:\n      port: ${SMTP_PASSWORD}\n      password: ${SMTP_PASSWORD}\n      tls: ${DATABASE_URL}\n',
  );
  const configError = await loadConfig(badConfig, { env }).then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(configError).toBeInstanceOf(ConfigError);
  logs.push({
    where: 'ConfigError of a bad config',
    text: `${(configError as Error).message}\n${JSON.stringify(configError)}`,
  });

  const planted = { ...secrets, databaseUrl };
  const hits = scanForSecrets([...sent, ...logs, ...shown], planted);
  const scanned = sent.length + logs.length + shown.length;
  // Names and places only: the values are random per run, and this output ends up in CI logs.
  expect(hits.map((hit) => `${hit.secret} (${hit.form}) in ${hit.where}: …${hit.context}…`)).toEqual([]);
  recordSuiteResult({
    area: 'secrets',
    scenario: 'every adapter and notifier, secrets in config, arguments, errors and failed deliveries',
    faults: Object.keys(planted).length,
    secretsFound: hits.length,
    note: `${scanned} payloads, logs, errors and API answers scanned (as is, URL-encoded, base64); ${Object.values(received).reduce((a, b) => a + b, 0)} requests received`,
  });
});
