import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  type AlertmanagerConfigOptions,
  generateAlertmanagerConfig,
} from './generate-alertmanager-config.js';
import { generatePrometheusRules, type PrometheusRulesOptions } from './generate-prometheus-rules.js';
import { type GrafanaDashboardOptions, overviewDashboard } from './grafana-dashboards.js';
import { errorAnalysisDashboard } from './grafana-error-dashboard.js';
import { type GrafanaProvisioningOptions, grafanaProvisioning } from './grafana-provisioning.js';

/** Options of {@link writeFiles}: each generator's options. */
export interface WriteFilesOptions {
  readonly rules?: PrometheusRulesOptions;
  readonly alertmanager?: AlertmanagerConfigOptions;
  readonly dashboards?: GrafanaDashboardOptions;
  readonly provisioning?: GrafanaProvisioningOptions;
}

/**
 * Writes every generated file under `dir` (created when missing) and returns the paths written:
 * `prometheus/mcp-o11y-rules.yml`, `alertmanager/alertmanager.yml`, `grafana/dashboards/*.json`,
 * `grafana/provisioning/{datasources,dashboards}/mcp-o11y.yaml`. The only generator function doing I/O.
 */
export async function writeFiles(dir: string, options: WriteFilesOptions = {}): Promise<string[]> {
  const provisioning = grafanaProvisioning(options.provisioning);
  const files: [string, string][] = [
    ['prometheus/mcp-o11y-rules.yml', generatePrometheusRules(options.rules).yaml],
    [
      'grafana/dashboards/mcp-overview.json',
      `${JSON.stringify(overviewDashboard(options.dashboards), null, 2)}\n`,
    ],
    [
      'grafana/dashboards/mcp-errors.json',
      `${JSON.stringify(errorAnalysisDashboard(options.dashboards), null, 2)}\n`,
    ],
    ['grafana/provisioning/datasources/mcp-o11y.yaml', provisioning.datasourceYaml],
    ['grafana/provisioning/dashboards/mcp-o11y.yaml', provisioning.dashboardsYaml],
  ];
  if (options.alertmanager !== undefined) {
    files.push(['alertmanager/alertmanager.yml', generateAlertmanagerConfig(options.alertmanager).yaml]);
  }
  const written: string[] = [];
  for (const [relative, content] of files) {
    const path = join(dir, relative);
    await mkdir(join(path, '..'), { recursive: true });
    await writeFile(path, content, 'utf8');
    written.push(path);
  }
  return written;
}
