import type { Dashboard, MappingType, Panel, RowPanel } from '@grafana/schema';
import { errorsOver, promName, seriesHistogram } from './convert-to-promql.js';
import {
  enumValue,
  fields,
  panel,
  queries,
  resetPanelIds,
  row,
  stat,
  thresholds,
  timeseries,
  variables,
} from './grafana-panels.js';

/** A Grafana dashboard as JSON (the classic dashboard model, `schemaVersion` 41), checked against `@grafana/schema`'s `Dashboard`. */
export type GrafanaDashboardJson = Readonly<Record<string, unknown>> & {
  readonly uid: string;
  readonly title: string;
  readonly panels: readonly Readonly<Record<string, unknown>>[];
};

/** Options of the dashboard generators. */
export interface GrafanaDashboardOptions {
  /** Label naming a service, offered by the `service` variable. Default `job`. */
  readonly serviceLabel?: string;
  /** Dashboard uid prefix. Default `mcp-o11y`. */
  readonly uidPrefix?: string;
  /** Extra tags. Default `['mcp', 'mcp-o11y']`. */
  readonly tags?: readonly string[];
}

/** Grafana's rate window: at least four scrape intervals. */
export const RATE = '$__rate_interval';

/** Wraps panels in a dashboard with the datasource and service variables. */
export function frame(
  options: GrafanaDashboardOptions,
  slug: string,
  title: string,
  description: string,
  panels: (Panel | RowPanel)[],
): GrafanaDashboardJson {
  const serviceLabel = options.serviceLabel ?? 'job';
  const dashboard: Dashboard = {
    uid: `${options.uidPrefix ?? 'mcp-o11y'}-${slug}`,
    title,
    description,
    tags: [...(options.tags ?? ['mcp', 'mcp-o11y'])],
    timezone: 'browser',
    editable: true,
    graphTooltip: 1,
    schemaVersion: 41,
    refresh: '30s',
    time: { from: 'now-1h', to: 'now' },
    templating: { list: variables(serviceLabel, `${seriesHistogram()}_count`) },
    annotations: { list: [] },
    links: [],
    panels,
  };
  return dashboard as unknown as GrafanaDashboardJson;
}

/**
 * The service overview: status, request rate, error ratio, p50/p95/p99 and a latency heatmap, error ratio by
 * type, a per-tool table, requests in flight, circuit breakers and process resources. Pure.
 */
export function overviewDashboard(options: GrafanaDashboardOptions = {}): GrafanaDashboardJson {
  resetPanelIds();
  const service = `${options.serviceLabel ?? 'job'}=~"$service"`;
  const count = `${seriesHistogram()}_count`;
  const bucket = `${seriesHistogram()}_bucket`;
  const requests = (by: string) => `sum${by} (rate(${count}{${service}}[${RATE}]))`;
  const errors = (by: string[]) => errorsOver('rate', 'mcp.server.operation', service, RATE, by);
  const quantile = (q: number, by = '') =>
    `histogram_quantile(${q}, sum by (le${by}) (rate(${bucket}{${service}}[${RATE}])))`;
  const percent = { unit: 'percentunit' };
  const panels: (Panel | RowPanel)[] = [
    row('Status', 0),
    stat(
      'Targets up',
      { h: 4, w: 4, x: 0, y: 1 },
      queries([`sum(up{${service}})`]),
      fields('none', {
        thresholds: thresholds(0.5, 0.5),
        mappings: [
          {
            type: enumValue<MappingType.ValueToText>('value'),
            options: { '0': { text: 'DOWN', color: 'red' } },
          },
        ],
      }),
    ),
    stat('Requests / s', { h: 4, w: 5, x: 4, y: 1 }, queries([requests('')]), fields('reqps')),
    stat(
      'Error ratio',
      { h: 4, w: 5, x: 9, y: 1 },
      queries([`(${errors([])} or vector(0)) / ${requests('')}`]),
      fields(percent.unit, { thresholds: thresholds(0.01, 0.05) }),
    ),
    stat(
      'p95 latency',
      { h: 4, w: 5, x: 14, y: 1 },
      queries([quantile(0.95)]),
      fields('s', { thresholds: thresholds(0.2, 0.5) }),
    ),
    stat(
      'Requests in flight',
      { h: 4, w: 5, x: 19, y: 1 },
      queries([`sum(${promName('mcp_o11y.requests.active')}{${service}})`]),
      fields('none', { thresholds: thresholds(50, 100) }),
    ),
    row('Traffic and latency', 5),
    timeseries(
      'Request rate by method',
      { h: 8, w: 12, x: 0, y: 6 },
      queries([requests(' by (mcp_method_name)'), '{{mcp_method_name}}']),
      fields('reqps'),
    ),
    timeseries(
      'Latency p50 / p95 / p99',
      { h: 8, w: 12, x: 12, y: 6 },
      queries([quantile(0.5), 'p50'], [quantile(0.95), 'p95'], [quantile(0.99), 'p99']),
      fields('s'),
    ),
    panel(
      'heatmap',
      'Latency distribution',
      { h: 8, w: 12, x: 0, y: 14 },
      queries({
        refId: 'A',
        expr: `sum by (le) (increase(${bucket}{${service}}[${RATE}]))`,
        format: 'heatmap',
        legendFormat: '{{le}}',
      }),
      {
        options: {
          calculate: false,
          yAxis: { unit: 's' },
          color: { scheme: 'Oranges', mode: 'scheme' },
          cellGap: 1,
        },
      },
    ),
    timeseries(
      'Error ratio by type',
      { h: 8, w: 12, x: 12, y: 14 },
      queries([
        `sum by (error_type) (rate(${count}{${service},error_type!=""}[${RATE}])) / scalar(${requests('')})`,
        '{{error_type}}',
      ]),
      fields(percent.unit),
    ),
    row('Tools', 22),
    panel(
      'table',
      'Per tool',
      { h: 8, w: 24, x: 0, y: 23 },
      queries(
        { refId: 'A', expr: requests(' by (gen_ai_tool_name)'), format: 'table', instant: true },
        {
          refId: 'B',
          expr: `${errors(['gen_ai_tool_name'])} / ${requests(' by (gen_ai_tool_name)')}`,
          format: 'table',
          instant: true,
        },
        { refId: 'C', expr: quantile(0.95, ', gen_ai_tool_name'), format: 'table', instant: true },
      ),
      {
        transformations: [
          { id: 'merge', options: {} },
          {
            id: 'organize',
            options: {
              excludeByName: { Time: true },
              renameByName: {
                gen_ai_tool_name: 'Tool',
                'Value #A': 'Requests / s',
                'Value #B': 'Error ratio',
                'Value #C': 'p95 (s)',
              },
            },
          },
        ],
        fieldConfig: fields('none', {}, [
          {
            matcher: { id: 'byName', options: 'Error ratio' },
            properties: [{ id: 'unit', value: 'percentunit' }],
          },
        ]),
      },
    ),
    row('Capacity and dependencies', 31),
    timeseries(
      'Requests in flight',
      { h: 8, w: 12, x: 0, y: 32 },
      queries([`sum by (instance) (${promName('mcp_o11y.requests.active')}{${service}})`, '{{instance}}']),
      fields('none'),
    ),
    panel(
      'state-timeline',
      'Circuit breakers',
      { h: 8, w: 12, x: 12, y: 32 },
      queries([
        `max by (integration_name) (${promName('mcp_o11y.circuit_breaker.state')}{${service}})`,
        '{{integration_name}}',
      ]),
      {
        fieldConfig: fields('none', {
          mappings: [
            {
              type: enumValue<MappingType.ValueToText>('value'),
              options: {
                '0': { text: 'closed', color: 'green' },
                '1': { text: 'half-open', color: 'orange' },
                '2': { text: 'open', color: 'red' },
              },
            },
          ],
        }),
      },
    ),
    row('Process resources', 40),
    timeseries(
      'CPU',
      { h: 8, w: 6, x: 0, y: 41 },
      queries([`sum by (instance) (${promName('process.cpu.utilization')}{${service}})`, '{{instance}}']),
      fields('percentunit'),
    ),
    timeseries(
      'Resident memory',
      { h: 8, w: 6, x: 6, y: 41 },
      queries([`sum by (instance) (${promName('process.memory.usage')}{${service}})`, '{{instance}}']),
      fields('bytes'),
    ),
    timeseries(
      'Heap used',
      { h: 8, w: 6, x: 12, y: 41 },
      queries([`sum by (instance) (${promName('v8js.memory.heap.used')}{${service}})`, '{{instance}}']),
      fields('bytes'),
    ),
    timeseries(
      'Event loop delay p99',
      { h: 8, w: 6, x: 18, y: 41 },
      queries([`max by (instance) (${promName('nodejs.eventloop.delay.p99')}{${service}})`, '{{instance}}']),
      fields('s'),
    ),
  ];
  return frame(
    options,
    'overview',
    'MCP server overview',
    'Requests, latency, errors and resources of instrumented MCP servers.',
    panels,
  );
}
