import { type HttpReceiver, startHttpReceiver } from '@mcp-o11y/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { runBin, tempProject } from './run-bin.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** A project whose config sends to env HOOK_URL through @mcp-o11y/notify-webhook, installed as a user would. */
function webhookProject(): string {
  const created = tempProject(
    {
      'mcp-o11y.config.yaml': `service: { name: weather-mcp }
adapters:
  - id: notify-webhook
    options:
      url: \${HOOK_URL}
      receiver: on-call
`,
    },
    ['notify-webhook'],
  );
  cleanups.push(created.cleanup);
  return created.dir;
}

async function receiver(status: number): Promise<HttpReceiver> {
  const started = await startHttpReceiver({ handler: () => ({ status, body: {} }) });
  cleanups.push(() => started.close());
  return started;
}

interface WebhookBody {
  readonly version: string;
  readonly status: string;
  readonly receiver: string;
  readonly alerts: { labels: Record<string, string>; annotations: Record<string, string> }[];
}

describe('mcp-o11y notify test', () => {
  it('delivers one marked test notification to each notifier (exit 0)', async () => {
    const hook = await receiver(200);
    const dir = webhookProject();
    const run = await runBin(['notify', 'test'], { cwd: dir, env: { HOOK_URL: `${hook.url}/alerts` } });
    expect(run.stdout).toBe('✓ webhook delivered in 1 attempt\n');
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('[TEST] mcp-o11y test notification from weather-mcp');
    expect(hook.requests).toHaveLength(1);
    const body = hook.requests[0]?.json<WebhookBody>();
    // The Alertmanager webhook (version 4) shape notify-webhook sends.
    expect(body).toMatchObject({ version: '4', status: 'firing', receiver: 'on-call' });
    expect(body?.alerts[0]?.labels).toMatchObject({ alertname: 'McpO11yTestNotification', test: 'true' });
    expect(body?.alerts[0]?.annotations.summary).toContain('nothing is wrong');
  });

  it('reports a refused delivery and exits 1, with --json outcomes', async () => {
    const hook = await receiver(400);
    const dir = webhookProject();
    const run = await runBin(['notify', 'test', 'webhook', '--json'], {
      cwd: dir,
      env: { HOOK_URL: `${hook.url}/alerts` },
    });
    expect(run.code).toBe(1);
    const result = JSON.parse(run.stdout) as {
      delivered: boolean;
      outcomes: { notifier: string; status: string; reason?: string }[];
    };
    expect(result.delivered).toBe(false);
    expect(result.outcomes).toEqual([expect.objectContaining({ notifier: 'webhook', status: 'failed' })]);
    expect(result.outcomes[0]?.reason).toContain('400');
    expect(run.stdout).not.toContain(hook.url);
  });

  it('exits 2 for an unknown notifier id and when none is configured', async () => {
    const hook = await receiver(200);
    const dir = webhookProject();
    const unknown = await runBin(['notify', 'test', 'pager'], {
      cwd: dir,
      env: { HOOK_URL: `${hook.url}/alerts` },
    });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('configured: webhook');
    const empty = tempProject({ 'mcp-o11y.config.yaml': 'service: { name: x }\n' });
    cleanups.push(empty.cleanup);
    const none = await runBin(['notify', 'test'], { cwd: empty.dir });
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('no notifier configured');
    expect(hook.requests).toHaveLength(0);
    expect((await runBin(['notify'], { cwd: empty.dir })).code).toBe(2);
  });
});
