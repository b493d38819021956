import { generateWorkbookJson } from '@mcp-o11y/azure-monitor';
import type { AlertRoutingV1 } from '@mcp-o11y/core';
import { defaultRoute } from '@mcp-o11y/core';
import {
  errorAnalysisDashboard,
  generateAlertmanagerConfig,
  generatePrometheusRules,
  grafanaProvisioning,
  overviewDashboard,
  type PrometheusRulesOptions,
} from '@mcp-o11y/prometheus';
import { generateDockerCompose } from './generate-docker-compose.js';

/** What `generate` can produce. `all` is every other target. */
export const GENERATE_TARGETS = [
  'grafana',
  'prometheus-rules',
  'alertmanager',
  'azure-workbook',
  'docker-compose',
  'all',
] as const;

export type GenerateTarget = (typeof GENERATE_TARGETS)[number];

/** Everything the generators need, gathered from the config file and the command line. */
export interface GenerateInputs {
  /** Rules and SLOs of the config's `alerts` section (the default pack when absent). */
  readonly rules: PrometheusRulesOptions['rules'];
  /** The config's `alerts.routing`. */
  readonly routing: AlertRoutingV1 | undefined;
  /** Notifier ids the config's adapters contribute. */
  readonly notifierIds: readonly string[];
  /** `service.name`, when the config or env names one. */
  readonly serviceName: string | undefined;
  /** Prometheus scrape target of the server as containers reach it, `host:port`. */
  readonly scrapeTarget: string;
  /** URL of the server's Alertmanager webhook receiver (`createAlertmanagerWebhook`). */
  readonly webhookUrl: string;
  /** Prometheus URL for the Grafana data source when generating `grafana` alone. */
  readonly prometheusUrl: string;
}

/** One file to write, relative to the output folder. */
export interface GeneratedFile {
  readonly path: string;
  readonly content: string;
}

/** Generated files plus the rules Prometheus cannot express. */
export interface GeneratedTarget {
  readonly files: readonly GeneratedFile[];
  readonly skipped: readonly { readonly rule: string; readonly reason: string }[];
}

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/** The files of one target. Pure. */
export function generateTarget(target: GenerateTarget, inputs: GenerateInputs): GeneratedTarget {
  switch (target) {
    case 'grafana':
      return { files: grafanaFiles(inputs.prometheusUrl), skipped: [] };
    case 'prometheus-rules': {
      const rules = generatePrometheusRules({ rules: inputs.rules });
      return {
        files: [{ path: 'prometheus/mcp-o11y-rules.yml', content: rules.yaml }],
        skipped: rules.skipped,
      };
    }
    case 'alertmanager':
      return {
        files: [{ path: 'alertmanager/alertmanager.yml', content: alertmanagerYaml(inputs) }],
        skipped: [],
      };
    case 'azure-workbook':
      return {
        files: [
          {
            path: 'azure/mcp-o11y-workbook.json',
            content: generateWorkbookJson(
              inputs.serviceName === undefined ? {} : { serviceName: inputs.serviceName },
            ),
          },
        ],
        skipped: [],
      };
    case 'docker-compose': {
      const stack = generateDockerCompose({
        scrapeTarget: inputs.scrapeTarget,
        job: inputs.serviceName ?? 'mcp-server',
      });
      const rules = generateTarget('prometheus-rules', inputs);
      return {
        files: [
          { path: 'docker-compose.yml', content: stack.composeYaml },
          { path: 'prometheus/prometheus.yml', content: stack.prometheusYaml },
          ...rules.files,
          ...generateTarget('alertmanager', inputs).files,
          ...grafanaFiles('http://prometheus:9090'),
        ],
        skipped: rules.skipped,
      };
    }
    case 'all': {
      const stack = generateTarget('docker-compose', inputs);
      return {
        files: [...stack.files, ...generateTarget('azure-workbook', inputs).files],
        skipped: stack.skipped,
      };
    }
  }
}

function grafanaFiles(prometheusUrl: string): GeneratedFile[] {
  const provisioning = grafanaProvisioning({ prometheusUrl });
  return [
    { path: 'grafana/dashboards/mcp-overview.json', content: json(overviewDashboard()) },
    { path: 'grafana/dashboards/mcp-errors.json', content: json(errorAnalysisDashboard()) },
    { path: 'grafana/provisioning/datasources/mcp-o11y.yaml', content: provisioning.datasourceYaml },
    { path: 'grafana/provisioning/dashboards/mcp-o11y.yaml', content: provisioning.dashboardsYaml },
  ];
}

/**
 * Alertmanager mirrors core's routing; every notifier is reached through the server's webhook receiver,
 * so Alertmanager holds no notifier secret and core's notifiers (with their retries) do the sending.
 */
function alertmanagerYaml(inputs: GenerateInputs): string {
  const route = inputs.routing?.route;
  const root =
    route === undefined
      ? defaultRoute(inputs.notifierIds)
      : { ...route, notifiers: route.notifiers ?? inputs.notifierIds };
  return generateAlertmanagerConfig({
    routing: { ...inputs.routing, route: root },
    webhook: { url: inputs.webhookUrl },
  }).yaml;
}
