import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generatePrometheusRules } from '../../src/generate/generate-prometheus-rules.js';
import { type GrafanaDashboardJson, overviewDashboard } from '../../src/generate/grafana-dashboards.js';
import { errorAnalysisDashboard } from '../../src/generate/grafana-error-dashboard.js';
import { toYaml } from '../../src/generate/to-yaml.js';
import { writeFiles } from '../../src/generate/write-files.js';
import { runTool, tempFiles } from './run-tool.js';

interface Target {
  readonly expr?: string;
}

/** Every PromQL expression of a dashboard: panel targets and query variables. */
function dashboardExpressions(dashboard: GrafanaDashboardJson): string[] {
  const panels = dashboard.panels as readonly { targets?: readonly Target[] }[];
  return panels.flatMap((panel) => (panel.targets ?? []).map((target) => target.expr ?? '')).filter(Boolean);
}

/** Grafana's variables replaced the way Grafana would before sending the query. */
const substitute = (expr: string) =>
  expr.replaceAll('$__rate_interval', '1m').replaceAll('$__range', '1h').replaceAll('$service', '.+');

/** A rule file with each expression as a recording rule, so promtool parses each. */
function asRecordingRules(expressions: readonly string[]): string {
  return toYaml({
    groups: [
      {
        name: 'parse-check',
        rules: expressions.map((expr, index) => ({ record: `parse_check:expr${index}`, expr })),
      },
    ],
  });
}

async function checkRules(yaml: string) {
  const files = tempFiles({ 'rules.yml': yaml });
  try {
    return await runTool('promtool', ['check', 'rules', join(files.dir, 'rules.yml')]);
  } finally {
    files.cleanup();
  }
}

describe('every PromQL expression parses', () => {
  it('in both dashboards and the generated rules', async () => {
    const dashboards = [
      overviewDashboard(),
      errorAnalysisDashboard(),
      overviewDashboard({ serviceLabel: 'service' }),
    ];
    const fromDashboards = dashboards.flatMap(dashboardExpressions).map(substitute);
    const fromRules = generatePrometheusRules().file.groups.flatMap((group) =>
      group.rules.map((rule) => rule.expr),
    );
    expect(fromDashboards.length).toBeGreaterThanOrEqual(25);
    expect(fromRules.length).toBeGreaterThanOrEqual(70);
    const run = await checkRules(asRecordingRules([...fromDashboards, ...fromRules]));
    expect(run.output).toContain(`SUCCESS: ${fromDashboards.length + fromRules.length} rules found`);
    expect(run.code).toBe(0);
  });

  it('a parse error fails the check', async () => {
    const run = await checkRules(asRecordingRules(['sum by (job) (rate(x[5m])', 'up']));
    expect(run.code).not.toBe(0);
    expect(run.output).toContain('could not parse expression');
  });
});

describe('dashboards', () => {
  it.each([
    ['overview', overviewDashboard()],
    ['errors', errorAnalysisDashboard()],
  ])('%s has the datasource and service variables and every query uses them', (_name, dashboard) => {
    const templating = dashboard.templating as { list: { name: string; type: string }[] };
    expect(templating.list.map((variable) => [variable.name, variable.type])).toEqual([
      ['datasource', 'datasource'],
      ['service', 'query'],
    ]);
    const panels = dashboard.panels as readonly {
      type: string;
      targets?: { datasource?: { uid?: string }; expr: string }[];
    }[];
    for (const panel of panels.filter((each) => each.type !== 'row')) {
      expect(panel.targets?.length).toBeGreaterThan(0);
      for (const target of panel.targets ?? []) {
        // biome-ignore lint/suspicious/noTemplateCurlyInString: a Grafana / deploy-time placeholder, not JavaScript
        expect(target.datasource?.uid).toBe('${datasource}');
        expect(target.expr).toContain('job=~"$service"');
      }
    }
    const ids = panels.map((panel) => (panel as { id?: number }).id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('the overview has the panels the issue lists', () => {
    const titles = (overviewDashboard().panels as readonly { title: string; type: string }[]).map(
      (panel) => `${panel.type}:${panel.title}`,
    );
    expect(titles).toEqual(
      expect.arrayContaining([
        'stat:Targets up',
        'stat:Requests / s',
        'timeseries:Latency p50 / p95 / p99',
        'heatmap:Latency distribution',
        'timeseries:Error ratio by type',
        'table:Per tool',
        'timeseries:Requests in flight',
        'state-timeline:Circuit breakers',
        'timeseries:CPU',
        'timeseries:Resident memory',
      ]),
    );
  });
});

describe('writeFiles', () => {
  it('writes every generated file under the directory', async () => {
    const files = tempFiles({});
    try {
      const written = await writeFiles(files.dir, {
        alertmanager: { receivers: { slack: { kind: 'slack' } } },
      });
      expect(written.map((path) => relative(files.dir, path)).sort()).toEqual([
        'alertmanager/alertmanager.yml',
        'grafana/dashboards/mcp-errors.json',
        'grafana/dashboards/mcp-overview.json',
        'grafana/provisioning/dashboards/mcp-o11y.yaml',
        'grafana/provisioning/datasources/mcp-o11y.yaml',
        'prometheus/mcp-o11y-rules.yml',
      ]);
      const run = await runTool('promtool', [
        'check',
        'rules',
        join(files.dir, 'prometheus/mcp-o11y-rules.yml'),
      ]);
      expect(run.code).toBe(0);
      expect(
        JSON.parse(readFileSync(join(files.dir, 'grafana/dashboards/mcp-overview.json'), 'utf8')),
      ).toMatchObject({ uid: 'mcp-o11y-overview' });
      expect(
        readFileSync(join(files.dir, 'grafana/provisioning/dashboards/mcp-o11y.yaml'), 'utf8'),
      ).toContain('type: "file"');
    } finally {
      files.cleanup();
    }
  });
});
