// biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${VAR}` is the config interpolation syntax, not a template.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type HttpReceiver, startHttpReceiver } from '@mcp-o11y/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { TEST_ALERT_NAME } from '../src/test-notification.ts';
import { type DemoProcess, runDemo } from './run-demo.ts';

/** Alertmanager's webhook payload, version 4, as its documentation describes it. */
const labelSet = z.record(z.string(), z.string());
const rfc3339 = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
const alertmanagerV4 = z.strictObject({
  version: z.literal('4'),
  groupKey: z.string().min(1),
  truncatedAlerts: z.number().int().min(0),
  status: z.enum(['firing', 'resolved']),
  receiver: z.string().min(1),
  groupLabels: labelSet,
  commonLabels: labelSet,
  commonAnnotations: labelSet,
  externalURL: z.string(),
  alerts: z.array(
    z.strictObject({
      status: z.enum(['firing', 'resolved']),
      labels: labelSet,
      annotations: labelSet,
      startsAt: rfc3339,
      endsAt: rfc3339,
      generatorURL: z.string(),
      fingerprint: z.string().min(1),
    }),
  ),
});

/** Stands for a webhook token in the URL: it must never reach the output. */
const SECRET = 'tok-3f9a1c7e5b2d';

let demo: DemoProcess | undefined;
let receiver: HttpReceiver;
let dir: string;

beforeEach(async () => {
  receiver = await startHttpReceiver();
  dir = await mkdtemp(join(tmpdir(), 'mcp-o11y-demo-notify-'));
});

afterEach(async () => {
  if (demo !== undefined && demo.child.exitCode === null && demo.child.signalCode === null)
    demo.child.kill('SIGKILL');
  demo = undefined;
  await receiver.close();
  await rm(dir, { recursive: true, force: true });
});

/** A port nothing listens on: taken from the OS, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function webhookEntry(id: string, name: string, url: string): string {
  return `  - id: notify-webhook\n    name: ${name}\n    options:\n      id: ${id}\n      url: ${url}\n`;
}

async function writeConfig(text: string): Promise<string> {
  const file = join(dir, 'mcp-o11y.config.yaml');
  await writeFile(file, text);
  return file;
}

function resultLines(stderr: string): { delivered: string[]; failed: string[] } {
  const lines = stderr.split('\n');
  return {
    delivered: lines.filter((line) => line.startsWith('✓ ')),
    failed: lines.filter((line) => line.startsWith('✗ ')),
  };
}

describe('pnpm demo -- --notify-test', () => {
  it('sends one Alertmanager v4 test payload per webhook and exits 1 when one of them fails', async () => {
    const down = `http://127.0.0.1:${await closedPort()}/alerts?token=${SECRET}`;
    const config = await writeConfig(
      `adapters:\n${webhookEntry('webhook-up', 'up', '${UP_URL}')}${webhookEntry('webhook-down', 'down', down)}`,
    );
    demo = runDemo(['--notify-test', '--config', config], { UP_URL: `${receiver.url}/hooks/mcp` });
    const { code } = await demo.exited;
    const stderr = demo.stderr();

    expect(code, stderr).toBe(1);
    expect(demo.stdout()).toBe('');
    expect(receiver.requests).toHaveLength(1);
    const [request] = receiver.requests;
    expect([request?.method, request?.path, request?.headers['content-type']]).toEqual([
      'POST',
      '/hooks/mcp',
      expect.stringMatching(/^application\/json/),
    ]);
    const payload = alertmanagerV4.parse(request?.json());
    expect(payload.status).toBe('firing');
    expect(payload.alerts).toHaveLength(1);
    expect(payload.alerts[0]?.labels).toMatchObject({
      alertname: TEST_ALERT_NAME,
      severity: 'low',
      service: 'mcp-o11y-demo',
      test: 'true',
    });
    expect(payload.alerts[0]?.annotations.summary).toMatch(/test notification/i);

    const { delivered, failed } = resultLines(stderr);
    expect(delivered, stderr).toEqual(['✓ webhook-up delivered in 1 attempt']);
    expect(failed, stderr).toHaveLength(1);
    expect(failed[0]).toMatch(/^✗ webhook-down failed: \S/);
    expect(stderr).toContain('[TEST] mcp-o11y test notification from mcp-o11y-demo');
    expect(stderr).not.toContain(SECRET);
  });

  it('exits 0 when every notifier delivered, reading a relative --config from where pnpm was run', async () => {
    await writeConfig(`adapters:\n${webhookEntry('webhook-up', 'up', `${receiver.url}/hook`)}`);
    // As `pnpm demo` from the folder holding the config: cwd is examples/demo, INIT_CWD that folder.
    demo = runDemo(['--', '--notify-test', '--config', 'mcp-o11y.config.yaml'], { INIT_CWD: dir });
    const { code } = await demo.exited;
    const stderr = demo.stderr();

    expect(code, stderr).toBe(0);
    expect(demo.stdout()).toBe('');
    expect(receiver.requests).toHaveLength(1);
    expect(resultLines(stderr)).toEqual({ delivered: ['✓ webhook-up delivered in 1 attempt'], failed: [] });
  });

  it('exits 2 with a config example when no notifier is configured', async () => {
    const config = await writeConfig('service:\n  name: quiet-server\n');
    demo = runDemo(['--notify-test', '--config', config]);
    const { code } = await demo.exited;
    const stderr = demo.stderr();

    expect(code, stderr).toBe(2);
    expect(demo.stdout()).toBe('');
    expect(stderr).toContain(`no notifier configured (config ${config})`);
    expect(stderr).toContain('- id: notify-webhook');
    expect(resultLines(stderr)).toEqual({ delivered: [], failed: [] });
    expect(receiver.requests).toHaveLength(0);
  });

  it('says which file is missing, and exits 1', async () => {
    demo = runDemo(['--notify-test', '--config', join(dir, 'nope.yaml')]);
    const { code } = await demo.exited;
    expect(code).toBe(1);
    expect(demo.stdout()).toBe('');
    expect(demo.stderr()).toMatch(/nope\.yaml: \(file\): config file not found/);
  });
});
