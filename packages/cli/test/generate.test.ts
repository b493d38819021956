import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runBin, runTool, tempProject } from './run-bin.js';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function project(files: Record<string, string> = {}) {
  const created = tempProject(files);
  cleanups.push(created.cleanup);
  return created.dir;
}

const CONFIG = `service:
  name: weather-mcp
adapters:
  - id: prometheus
    options: { port: 9555 }
alerts:
  rules:
    - name: SearchSlow
      severity: high
      for: 2m
      condition: { kind: latency, quantile: p95, threshold: 2, window: 5m }
      annotations: { summary: 'p95 of {{labels.gen_ai.tool.name}} is {{value}} s' }
  routing:
    route:
      notifiers: [slack]
      routes:
        - matchers: ['severity="critical"']
          notifiers: [slack, oncall-email]
          repeatInterval: 5m
`;

async function generate(dir: string, target: string): Promise<string[]> {
  const run = await runBin(['generate', target, '--out', 'out', '--json'], { cwd: dir });
  expect(run.stderr).not.toContain('unexpected error');
  expect(run.code).toBe(0);
  const result = JSON.parse(run.stdout) as { target: string; files: string[] };
  expect(result.target).toBe(target);
  return result.files;
}

const read = (path: string) => readFileSync(path, 'utf8');

describe('mcp-o11y generate', () => {
  it('writes a rule file that passes promtool check rules, with the config rules', async () => {
    const dir = project({ 'mcp-o11y.config.yaml': CONFIG });
    const [file] = await generate(dir, 'prometheus-rules');
    expect(file).toBe(join(dir, 'out/prometheus/mcp-o11y-rules.yml'));
    const check = await runTool('promtool', ['check', 'rules', file ?? '']);
    expect(check.stdout + check.stderr).toContain('SUCCESS');
    expect(check.code).toBe(0);
    expect(read(file ?? '')).toContain('alert: "SearchSlow"');
  });

  it('writes an Alertmanager config that passes amtool check-config and routes as the config does', async () => {
    const dir = project({ 'mcp-o11y.config.yaml': CONFIG });
    const [file] = await generate(dir, 'alertmanager');
    const check = await runTool('amtool', ['check-config', file ?? '']);
    expect(check.stdout + check.stderr).toContain('SUCCESS');
    expect(check.code).toBe(0);
    const routed = await runTool('amtool', [
      'config',
      'routes',
      'test',
      `--config.file=${file}`,
      'severity=critical',
      'alertname=X',
    ]);
    expect(routed.stdout.trim()).toBe('slack+oncall-email');
    const config = parse(read(file ?? '')) as {
      receivers: { name: string; webhook_configs?: { url: string }[] }[];
    };
    const critical = config.receivers.find((receiver) => receiver.name === 'slack+oncall-email');
    expect(critical?.webhook_configs?.map((each) => new URL(each.url).searchParams.get('notifier'))).toEqual([
      'slack',
      'oncall-email',
    ]);
  });

  it('writes Grafana dashboards with panels and provisioning YAML', async () => {
    const files = await generate(project(), 'grafana');
    const dashboards = files.filter((file) => file.endsWith('.json'));
    expect(dashboards).toHaveLength(2);
    for (const file of dashboards) {
      const dashboard = JSON.parse(read(file)) as {
        uid: string;
        panels: { type: string; targets?: unknown[] }[];
      };
      expect(dashboard.uid).toMatch(/^mcp-o11y-/);
      expect(
        dashboard.panels.filter((panel) => panel.type !== 'row' && (panel.targets?.length ?? 0) > 0).length,
      ).toBeGreaterThan(3);
    }
    const datasource = parse(read(files.find((file) => file.includes('datasources')) ?? '')) as {
      datasources: { type: string; url: string }[];
    };
    expect(datasource.datasources[0]).toMatchObject({ type: 'prometheus', url: 'http://127.0.0.1:9090' });
  });

  it('writes an Azure Workbook of the Workbook shape for the configured service', async () => {
    const [file] = await generate(project({ 'mcp-o11y.config.yaml': CONFIG }), 'azure-workbook');
    const workbook = JSON.parse(read(file ?? '')) as {
      version: string;
      $schema: string;
      isLocked: boolean;
      fallbackResourceIds: string[];
      items: { type: number; content: { query?: string } }[];
    };
    expect(workbook.version).toBe('Notebook/1.0');
    expect(workbook.$schema).toContain('workbook.json');
    expect(workbook.fallbackResourceIds).toHaveLength(1);
    const queries = workbook.items.filter((item) => item.type === 3);
    expect(queries.length).toBeGreaterThan(3);
    expect(queries.some((item) => item.content.query?.includes('weather-mcp'))).toBe(true);
  });

  it('writes a Compose stack wired to the server, with every mounted file valid', async () => {
    const dir = project({ 'mcp-o11y.config.yaml': CONFIG });
    const files = await generate(dir, 'docker-compose');
    const out = join(dir, 'out');
    const compose = parse(read(join(out, 'docker-compose.yml'))) as {
      services: Record<string, { image: string; volumes?: string[]; ports?: string[] }>;
    };
    expect(Object.keys(compose.services).sort()).toEqual(['alertmanager', 'grafana', 'jaeger', 'prometheus']);
    expect(compose.services.jaeger?.ports).toEqual(
      expect.arrayContaining(['127.0.0.1:4318:4318', '127.0.0.1:4317:4317']),
    );
    // Every bind mount points at a folder the command wrote.
    for (const service of Object.values(compose.services)) {
      for (const volume of service.volumes ?? []) {
        const source = volume.split(':')[0] ?? '';
        expect(files.some((file) => file.startsWith(join(out, source)))).toBe(true);
      }
    }
    const prometheusConfig = join(out, 'prometheus/prometheus.yml');
    const check = await runTool('promtool', ['check', 'config', prometheusConfig]);
    expect(check.stdout + check.stderr).toContain('SUCCESS');
    expect(check.code).toBe(0);
    const prometheus = parse(read(prometheusConfig)) as {
      scrape_configs: { job_name: string; static_configs: { targets: string[] }[] }[];
    };
    expect(prometheus.scrape_configs[0]).toMatchObject({
      job_name: 'weather-mcp',
      static_configs: [{ targets: ['host.docker.internal:9555'] }],
    });
    expect((await runTool('amtool', ['check-config', join(out, 'alertmanager/alertmanager.yml')])).code).toBe(
      0,
    );
    const datasource = parse(read(join(out, 'grafana/provisioning/datasources/mcp-o11y.yaml'))) as {
      datasources: { url: string }[];
    };
    expect(datasource.datasources[0]?.url).toBe('http://prometheus:9090');
  });

  it('writes everything with all, printing one path a line without --json', async () => {
    const dir = project();
    const run = await runBin(['generate', 'all', '--out', 'out'], { cwd: dir });
    expect(run.stderr).toContain('rule HealthCheckFailing has no Prometheus equivalent');
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines).toContain(join(dir, 'out/docker-compose.yml'));
    expect(lines).toContain(join(dir, 'out/azure/mcp-o11y-workbook.json'));
    expect(lines).toHaveLength(9);
  });

  it('exits 2 for a missing or unknown target and 1 for an invalid config', async () => {
    const dir = project({ 'bad.yaml': 'memory: { maxSpans: -1 }\n' });
    expect((await runBin(['generate'], { cwd: dir })).code).toBe(2);
    const unknown = await runBin(['generate', 'kibana'], { cwd: dir });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown target "kibana"');
    const invalid = await runBin(['generate', 'grafana', '--config', 'bad.yaml'], { cwd: dir });
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toContain('memory.maxSpans');
    expect(invalid.stdout).toBe('');
  });
});
