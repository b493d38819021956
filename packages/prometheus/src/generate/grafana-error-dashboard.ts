import type { Panel, RowPanel } from '@grafana/schema';
import { errorsOver, promName, seriesHistogram } from './convert-to-promql.js';
import {
  frame,
  type GrafanaDashboardJson,
  type GrafanaDashboardOptions,
  RATE,
} from './grafana-dashboards.js';
import { fields, panel, queries, resetPanelIds, stat, thresholds, timeseries } from './grafana-panels.js';

/** Error analysis: errors by type, category, tool and integration, and the top failing operations. Pure. */
export function errorAnalysisDashboard(options: GrafanaDashboardOptions = {}): GrafanaDashboardJson {
  resetPanelIds();
  const service = `${options.serviceLabel ?? 'job'}=~"$service"`;
  const count = `${seriesHistogram()}_count`;
  const total = `sum(rate(${count}{${service}}[${RATE}]))`;
  const panels: (Panel | RowPanel)[] = [
    stat(
      'Error ratio',
      { h: 4, w: 8, x: 0, y: 0 },
      queries([`(${errorsOver('rate', 'mcp.server.operation', service, RATE, [])} or vector(0)) / ${total}`]),
      fields('percentunit', { thresholds: thresholds(0.01, 0.05) }),
    ),
    stat(
      'Errors / s',
      { h: 4, w: 8, x: 8, y: 0 },
      queries([`sum(rate(${promName('mcp_o11y.errors')}{${service}}[${RATE}]))`]),
      fields('reqps'),
    ),
    stat(
      'Integration errors / s',
      { h: 4, w: 8, x: 16, y: 0 },
      queries([`sum(rate(${promName('mcp_o11y.integration.errors')}{${service}}[${RATE}]))`]),
      fields('reqps'),
    ),
    timeseries(
      'Errors by type',
      { h: 8, w: 12, x: 0, y: 4 },
      queries([`sum by (error_type) (rate(${count}{${service},error_type!=""}[${RATE}]))`, '{{error_type}}']),
      fields('reqps'),
      '`error.type` of failed requests: JSON-RPC codes, tool_error, timeout, cancelled, exception types.',
    ),
    timeseries(
      'Errors by category',
      { h: 8, w: 12, x: 12, y: 4 },
      queries([
        `sum by (mcp_o11y_error_category) (rate(${promName('mcp_o11y.errors')}{${service}}[${RATE}]))`,
        '{{mcp_o11y_error_category}}',
      ]),
      fields('reqps'),
    ),
    timeseries(
      'Errors by tool',
      { h: 8, w: 12, x: 0, y: 12 },
      queries([
        errorsOver('rate', 'mcp.server.operation', service, RATE, ['gen_ai_tool_name']),
        '{{gen_ai_tool_name}}',
      ]),
      fields('reqps'),
    ),
    timeseries(
      'Integration errors',
      { h: 8, w: 12, x: 12, y: 12 },
      queries([
        `sum by (integration_name, error_type) (rate(${promName('mcp_o11y.integration.errors')}{${service}}[${RATE}]))`,
        '{{integration_name}} {{error_type}}',
      ]),
      fields('reqps'),
    ),
    panel(
      'table',
      'Top failing operations',
      { h: 9, w: 24, x: 0, y: 20 },
      queries({
        refId: 'A',
        expr: `topk(10, sum by (mcp_method_name, gen_ai_tool_name, error_type) (increase(${count}{${service},error_type!~"|cancelled"}[$__range])))`,
        format: 'table',
        instant: true,
      }),
      {
        transformations: [
          { id: 'organize', options: { excludeByName: { Time: true }, renameByName: { Value: 'Failures' } } },
        ],
        options: { sortBy: [{ displayName: 'Failures', desc: true }] },
      },
    ),
  ];
  return frame(options, 'errors', 'MCP error analysis', 'Where failed MCP requests come from.', panels);
}
