import type { AlertV1 } from '@mcp-o11y/core';
import { type HttpReceiver, type ReceivedRequest, startHttpReceiver } from '@mcp-o11y/testkit';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runBin, tempProject } from './run-bin.js';

const TOKEN = 'dashboard-token-0123456789';
const NOW = Date.now();

const FIRING: AlertV1 = {
  fingerprint: 'a1b2c3',
  name: 'HighErrorRate',
  severity: 'critical',
  state: 'firing',
  labels: { alertname: 'HighErrorRate', severity: 'critical', 'gen_ai.tool.name': 'search' },
  annotations: { summary: 'search fails 12 % of calls' },
  activeSince: NOW - 300_000,
  firingSince: NOW - 180_000,
  silencedBy: [],
  inhibitedBy: [],
  escalations: [],
};
const RESOLVED: AlertV1 = {
  ...FIRING,
  fingerprint: 'd4e5f6',
  name: 'HighLatencyP95',
  severity: 'medium',
  state: 'resolved',
  acknowledgedBy: 'ana',
  annotations: { summary: 'p95 back to normal' },
};

/**
 * The dashboard API contract (GET /api/alerts, POST /api/alerts/:fingerprint/ack, POST /api/silences)
 * behind bearer auth, recording what the CLI sends.
 */
function answer(request: ReceivedRequest) {
  if (request.headers.authorization !== `Bearer ${TOKEN}`)
    return { status: 401, body: { error: 'token required' } };
  if (request.method === 'GET' && request.path === '/api/alerts') {
    return {
      body: {
        enabled: true,
        alerts: [RESOLVED, FIRING],
        silences: [],
        notifiers: ['slack'],
        deliveryStats: {},
      },
    };
  }
  if (request.method === 'POST' && request.path === `/api/alerts/${FIRING.fingerprint}/ack`) {
    return { body: { acknowledged: true } };
  }
  if (request.method === 'POST' && request.path.startsWith('/api/alerts/')) {
    return { status: 404, body: { error: 'unknown or resolved alert' } };
  }
  if (request.method === 'POST' && request.path === '/api/silences')
    return { status: 201, body: { silence: { id: 'silence-1' } } };
  return { status: 404, body: { error: 'not found' } };
}

let api: HttpReceiver;
const project = tempProject();
const env = () => ({ MCP_O11Y_DASHBOARD_URL: api.url, MCP_O11Y_DASHBOARD_TOKEN: TOKEN, USER: 'ana' });

beforeAll(async () => {
  api = await startHttpReceiver({ handler: answer });
});
beforeEach(() => api.reset());
afterAll(async () => {
  await api.close();
  project.cleanup();
});

describe('mcp-o11y alerts', () => {
  it('lists alerts, firing first, with the token from the environment', async () => {
    const run = await runBin(['alerts', 'list'], { cwd: project.dir, env: env() });
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^STATE\s+SEVERITY\s+ALERT\s+FINGERPRINT\s+SINCE\s+NOTES\s+SUMMARY$/);
    expect(lines[1]).toMatch(
      /^firing\s+critical\s+HighErrorRate\s+a1b2c3\s+3m\s+-\s+search fails 12 % of calls$/,
    );
    expect(lines[2]).toMatch(/^resolved\s+medium\s+HighLatencyP95\s+d4e5f6\s+\S+\s+acked by ana/);
    expect(api.requests[0]?.headers.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it('prints JSON and filters by state', async () => {
    const run = await runBin(['alerts', 'list', '--state', 'firing', '--json'], {
      cwd: project.dir,
      env: env(),
    });
    expect(run.code).toBe(0);
    const view = JSON.parse(run.stdout) as { enabled: boolean; alerts: AlertV1[] };
    expect(view.enabled).toBe(true);
    expect(view.alerts.map((alert) => alert.fingerprint)).toEqual(['a1b2c3']);
  });

  it('acknowledges by fingerprint as the current user; an unknown one exits 1 with the API message', async () => {
    const run = await runBin(['alerts', 'ack', 'a1b2c3'], { cwd: project.dir, env: env() });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('acknowledged a1b2c3 as ana\n');
    expect(api.requests[0]?.json()).toEqual({ actor: 'ana' });
    const unknown = await runBin(['alerts', 'ack', 'nope', '--actor', 'bo'], {
      cwd: project.dir,
      env: env(),
    });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('HTTP 404: unknown or resolved alert');
  });

  it('creates a silence from matchers, a duration and a comment', async () => {
    const run = await runBin(
      [
        'alerts',
        'silence',
        '--matcher',
        'alertname=HighErrorRate',
        '--matcher',
        'gen_ai.tool.name=~"search|fetch"',
        '--for',
        '2h',
        '--comment',
        'deploying the fix',
        '--json',
      ],
      { cwd: project.dir, env: env() },
    );
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ silence: { id: 'silence-1' } });
    expect(api.requests[0]?.json()).toEqual({
      matchers: [
        { name: 'alertname', operator: '=', value: 'HighErrorRate' },
        { name: 'gen_ai.tool.name', operator: '=~', value: 'search|fetch' },
      ],
      duration: '2h',
      createdBy: 'ana',
      comment: 'deploying the fix',
    });
    const text = await runBin(
      ['alerts', 'silence', '--matcher', 'severity=low', '--for', '30m', '--comment', 'noise'],
      {
        cwd: project.dir,
        env: env(),
      },
    );
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('(id silence-1)');
  });

  it('exits 1 without a valid token, never printing it', async () => {
    const run = await runBin(['alerts', 'list', '--url', api.url, '--token', 'wrong-token-xyz'], {
      cwd: project.dir,
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('MCP_O11Y_DASHBOARD_TOKEN');
    expect(run.stderr).not.toContain('wrong-token-xyz');
  });

  it.each([
    [['alerts']],
    [['alerts', 'mute']],
    [['alerts', 'ack']],
    [['alerts', 'silence', '--for', '1h', '--comment', 'x']],
    [['alerts', 'silence', '--matcher', 'a=b', '--for', 'soon', '--comment', 'x']],
    [['alerts', 'silence', '--matcher', 'a=b', '--for', '1h']],
    [['alerts', 'silence', '--matcher', 'no-operator', '--for', '1h', '--comment', 'x']],
    [['alerts', 'list', '--state', 'sleeping']],
  ])('exits 2 on a usage error without calling the API: %j', async (args) => {
    const run = await runBin(args, { cwd: project.dir, env: env() });
    expect(run.code).toBe(2);
    expect(api.requests).toHaveLength(0);
  });

  it('exits 1 when the dashboard is unreachable', async () => {
    const run = await runBin(['alerts', 'list', '--url', 'http://127.0.0.1:1'], { cwd: project.dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('cannot reach the dashboard');
  });
});
