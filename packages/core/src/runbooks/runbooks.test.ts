import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultAlertRules } from '../alerts/engine/default-alert-rules.js';
import { ConfigError } from '../config/config-error.js';
import { parseConfig } from '../config/parse-config.js';
import { createObservability } from '../pipeline/create-observability.js';
import type { NotificationV1 } from '../spec/notifier/v1/notification-v1.js';
import { DEFAULT_RUNBOOKS } from './default-runbooks.js';
import { loadRunbooks, parseRunbooks } from './load-runbooks.js';
import { createRunbookCatalog, loadRunbookCatalog, withRunbookLinks } from './runbook-catalog.js';
import { runbookUrl } from './runbook-url.js';

function directoryWith(files: Record<string, string>): string {
  const directory = mkdtempSync(join(tmpdir(), 'runbooks-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(directory, name), text);
  return directory;
}

const valid = `
id: cache_down
title: Cache down
description: Redis is unreachable
severity: high
steps:
  - title: Check redis
    action: Is it running?
    command: redis-cli ping
escalation:
  - after: 15m
    contact: platform on-call
`;

async function issuesOf(
  promise: Promise<unknown>,
): Promise<{ source: string; issues: readonly { path: string; message: string }[] }> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(ConfigError);
  return error as ConfigError;
}

describe('default runbooks', () => {
  it('are valid runbooks with unique ids', () => {
    expect(parseRunbooks({ runbooks: DEFAULT_RUNBOOKS })).toEqual(DEFAULT_RUNBOOKS);
    expect(DEFAULT_RUNBOOKS.map((runbook) => runbook.id)).toEqual([
      'database_connection_failure',
      'high_error_rate',
      'slow_performance',
      'authentication_failures',
      'large_tool_results',
    ]);
  });

  it('cover every default alert rule, by annotation or by their alerts list', () => {
    const catalog = createRunbookCatalog(DEFAULT_RUNBOOKS);
    for (const rule of defaultAlertRules(8 * 1024 ** 3)) {
      const id = rule.annotations?.runbook;
      if (id !== undefined) expect(catalog.get(id), `${rule.name} names ${id}`).toBeDefined();
      expect(catalog.forAlert(rule.name, rule.annotations ?? {}), rule.name).toBeDefined();
    }
    expect(catalog.forAlert('HighErrorRate', { runbook: 'high_error_rate' })?.id).toBe('high_error_rate');
    expect(catalog.forAlert('CircuitBreakerOpen')?.id).toBe('database_connection_failure');
    expect(catalog.forAlert('NoSuchRule')).toBeUndefined();
  });
});

describe('loadRunbooks', () => {
  it('loads a directory of YAML and JSON files, single runbooks and lists', async () => {
    const directory = directoryWith({
      'a.yaml': valid,
      'b.json': JSON.stringify({ runbooks: [{ ...DEFAULT_RUNBOOKS[1], id: 'errors_custom' }] }),
      'notes.txt': 'ignored',
    });
    const runbooks = await loadRunbooks(directory);
    expect(runbooks.map((runbook) => runbook.id)).toEqual(['cache_down', 'errors_custom']);
    expect(runbooks[0]?.escalation).toEqual([{ after: '15m', contact: 'platform on-call' }]);
  });

  it('reports every problem of a file with its field path', async () => {
    const directory = directoryWith({
      'bad.yaml': `
runbooks:
  - id: bad id
    title: ''
    description: x
    severity: urgent
    steps:
      - action: do it
        comand: typo
    escalation:
      - after: soon
        contact: me
`,
    });
    const error = await issuesOf(loadRunbooks(join(directory, 'bad.yaml')));
    expect(error.source).toBe(join(directory, 'bad.yaml'));
    const paths = error.issues.map((issue) => issue.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'runbooks[0].id',
        'runbooks[0].title',
        'runbooks[0].severity',
        'runbooks[0].steps[0].title',
        'runbooks[0].steps[0].comand',
        'runbooks[0].escalation[0].after',
      ]),
    );
    expect(error.issues.find((issue) => issue.path === 'runbooks[0].severity')?.message).toMatch(/low/);
    expect(error.issues.find((issue) => issue.path === 'runbooks[0].escalation[0].after')?.message).toMatch(
      /duration/,
    );
  });

  it('names the file of each problem across files, and refuses duplicate ids and syntax errors', async () => {
    const directory = directoryWith({
      'a.yaml': valid,
      'b.yaml': valid,
      'c.yaml': 'id: [unclosed',
    });
    const error = await issuesOf(loadRunbooks(directory));
    const rendered = error.issues.map((issue) => `${issue.path} ${issue.message}`);
    expect(rendered).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^b\.yaml: id duplicate runbook id; also in a\.yaml/),
        expect.stringMatching(/^c\.yaml: .*YAML syntax error/),
      ]),
    );
    await issuesOf(loadRunbooks(join(directory, 'missing')));
  });
});

describe('runbook links', () => {
  it('builds URLs by appending the id or filling {id}', () => {
    expect(runbookUrl('high_error_rate', 'https://runbooks.example.com/mcp')).toBe(
      'https://runbooks.example.com/mcp/high_error_rate',
    );
    expect(runbookUrl('slow_performance', 'https://wiki.example.com/ops#{id}')).toBe(
      'https://wiki.example.com/ops#slow_performance',
    );
    expect(() => runbookUrl('x', 'javascript:alert(1)')).toThrow(/http/);
  });

  it('puts a runbook link on notifications when a base URL is configured, and only then', async () => {
    const delivered: NotificationV1[] = [];
    const sink = {
      deliver: async (_id: string, notification: NotificationV1) => {
        delivered.push(notification);
        return { status: 'delivered' as const, attempts: 1 };
      },
    };
    const notification = (name: string, annotations: Record<string, string>): NotificationV1 => ({
      groupKey: name,
      status: 'firing',
      severity: 'high',
      title: name,
      commonLabels: {},
      service: 'svc',
      alerts: [
        { fingerprint: name, name, severity: 'high', status: 'firing', labels: {}, annotations, startsAt: 0 },
      ],
    });
    const linked = withRunbookLinks(sink, await loadRunbookCatalog({ baseUrl: 'https://rb.example.com/' }));
    await linked.deliver('x', notification('HighErrorRate', { runbook: 'high_error_rate' }));
    await linked.deliver('x', notification('CircuitBreakerOpen', {}));
    await linked.deliver('x', notification('Unmapped', {}));
    expect(delivered.map((each) => each.alerts[0]?.runbookUrl)).toEqual([
      'https://rb.example.com/high_error_rate',
      'https://rb.example.com/database_connection_failure',
      undefined,
    ]);
    expect(withRunbookLinks(sink, await loadRunbookCatalog())).toBe(sink);
  });

  it('lets your runbooks replace defaults with the same id', async () => {
    const directory = directoryWith({ 'errors.yaml': valid.replace('cache_down', 'high_error_rate') });
    const catalog = await loadRunbookCatalog({ directory });
    expect(catalog.get('high_error_rate')?.title).toBe('Cache down');
    expect(catalog.list()).toHaveLength(DEFAULT_RUNBOOKS.length);
    await expect(loadRunbookCatalog({ baseUrl: 'ftp://x' })).rejects.toThrow(TypeError);
  });
});

describe('runbooks and health in the configuration', () => {
  it('accepts the sections and refuses bad values with their paths', async () => {
    const options = await parseConfig({
      runbooks: { directory: 'ops/runbooks', baseUrl: 'https://wiki.example.com/rb#{id}' },
      health: { timeoutMs: 2000, cacheTtlMs: 0 },
    });
    expect(options.runbooks).toEqual({
      directory: 'ops/runbooks',
      baseUrl: 'https://wiki.example.com/rb#{id}',
    });
    expect(options.health).toEqual({ timeoutMs: 2000, cacheTtlMs: 0 });
    const error = await issuesOf(
      parseConfig({ runbooks: { baseUrl: 'ftp://x', dir: 'x' }, health: { timeoutMs: 0 } }),
    );
    expect(error.issues.map((issue) => issue.path).sort()).toEqual([
      'health.timeoutMs',
      'runbooks.baseUrl',
      'runbooks.dir',
    ]);
  });

  it('refuses to start with an invalid runbook file', async () => {
    const directory = directoryWith({ 'bad.yaml': 'id: x\ntitle: y\n' });
    const error = await issuesOf(
      createObservability({
        logging: { destination: false },
        shutdownHooks: { signals: false, stdinEnd: false, beforeExit: false },
        alerts: false,
        runbooks: { directory },
      }),
    );
    expect(error.issues.map((issue) => issue.path)).toEqual(
      expect.arrayContaining(['description', 'severity', 'steps']),
    );
  });
});
