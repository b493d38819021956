// biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${VAR}` is the config interpolation syntax, not a template.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runBin, tempProject } from './run-bin.js';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function project(files: Record<string, string>) {
  const created = tempProject(files);
  cleanups.push(created.cleanup);
  return created.dir;
}

const VALID = `service:
  name: weather-mcp
adapters:
  - id: prometheus
    options:
      port: \${METRICS_PORT:-9464}
alerts:
  rules:
    - name: SearchSlow
      severity: high
      for: 2m
      condition: { kind: latency, quantile: p95, threshold: 2, window: 5m }
      annotations: { summary: slow, runbook: search-slow }
`;

const INVALID = `memory:
  maxSpans: lots
adapters:
  - id: prometheus
    options:
      port: \${METRICS_PORT}
      colour: blue
alerts:
  rules:
    - name: Broken
      severity: urgent
      condition: { kind: latency, quantile: p95, threshold: 2 }
`;

const RUNBOOK = `id: search-slow
title: Search is slow
description: p95 of the search tool is above 2 s.
severity: high
steps:
  - title: Check the index
    action: Look at the index latency panel.
    query: histogram_quantile(0.95, sum by (le) (rate(mcp_server_operation_duration_seconds_bucket[5m])))
`;

describe('mcp-o11y validate', () => {
  it('accepts a valid config and its runbooks (exit 0)', async () => {
    const dir = project({ 'mcp-o11y.config.yaml': VALID, 'runbooks/search-slow.yaml': RUNBOOK });
    const text = await runBin(['validate', '--runbooks', 'runbooks'], { cwd: dir });
    expect(text.stdout).toContain('valid (adapters: prometheus; 1 custom alert rule(s))');
    expect(text.stdout).toContain('1 runbook(s) valid (search-slow)');
    expect(text.code).toBe(0);

    const json = await runBin(['validate', '--runbooks', 'runbooks', '--json'], { cwd: dir });
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual({
      valid: true,
      config: {
        file: join(dir, 'mcp-o11y.config.yaml'),
        valid: true,
        issues: [],
        adapters: ['prometheus'],
        rules: 1,
      },
      runbooks: { dir: join(dir, 'runbooks'), valid: true, ids: ['search-slow'], issues: [] },
    });
  });

  it('lists every problem with its field path (exit 1)', async () => {
    const dir = project({ 'custom.yaml': INVALID });
    const run = await runBin(['validate', '--config', 'custom.yaml', '--json'], { cwd: dir });
    expect(run.code).toBe(1);
    const result = JSON.parse(run.stdout) as {
      valid: boolean;
      config: { issues: { path: string; message: string }[] };
    };
    expect(result.valid).toBe(false);
    const paths = result.config.issues.map((issue) => issue.path);
    expect(paths).toEqual(
      expect.arrayContaining(['memory.maxSpans', 'adapters[0].options.port', 'alerts.rules[0].severity']),
    );
    expect(paths.some((path) => path.startsWith('adapters[0].options'))).toBe(true);
    expect(
      result.config.issues.find((issue) => issue.path === 'adapters[0].options.port')?.message,
    ).toContain('METRICS_PORT');

    const text = await runBin(['validate', '--config', 'custom.yaml'], { cwd: dir });
    expect(text.code).toBe(1);
    expect(text.stdout).toContain(
      `${join(dir, 'custom.yaml')}: memory.maxSpans: expected number, received string`,
    );
    expect(text.stdout.trimEnd().endsWith('invalid')).toBe(true);
  });

  it('reports a bad runbook and a rule naming a runbook that does not exist (exit 1)', async () => {
    const dir = project({
      'mcp-o11y.config.yaml': VALID,
      'runbooks/broken.yaml': 'id: broken\ntitle: Broken\nseverity: high\nsteps: []\n',
    });
    const run = await runBin(['validate', '--runbooks', 'runbooks', '--json'], { cwd: dir });
    expect(run.code).toBe(1);
    const result = JSON.parse(run.stdout) as { runbooks: { issues: { file: string; path: string }[] } };
    expect(result.runbooks.issues.map((issue) => issue.path)).toEqual(
      expect.arrayContaining(['description', 'steps']),
    );

    const fixed = project({
      'mcp-o11y.config.yaml': VALID,
      'runbooks/other.yaml': RUNBOOK.replace('search-slow', 'other'),
    });
    const missing = await runBin(['validate', '--runbooks', 'runbooks'], { cwd: fixed });
    expect(missing.code).toBe(1);
    expect(missing.stdout).toContain('runbook "search-slow" named by alerts.rules[0].annotations.runbook');
  });

  it('names an adapter package that is not installed', async () => {
    const dir = project({ 'mcp-o11y.config.yaml': 'adapters:\n  - id: notify-pager\n' });
    const run = await runBin(['validate'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('adapters[0].id');
    expect(run.stdout).toContain('@mcp-o11y/notify-pager');
  });

  it('exits 2 when there is nothing to validate, and 1 for a named file that does not exist', async () => {
    const dir = project({});
    const none = await runBin(['validate'], { cwd: dir, env: { MCP_O11Y_CONFIG: '' } });
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('mcp-o11y init');
    const missing = await runBin(['validate', '--config', 'nope.yaml'], { cwd: dir });
    expect(missing.code).toBe(1);
    expect(missing.stdout).toContain('config file not found');
  });
});
