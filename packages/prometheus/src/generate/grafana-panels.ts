import type {
  DataQuery,
  FieldConfigSource,
  GridPos,
  Panel,
  RowPanel,
  ThresholdsMode,
  VariableModel,
} from '@grafana/schema';

/** The datasource every panel and the service variable use: the `datasource` variable. */
// biome-ignore lint/suspicious/noTemplateCurlyInString: a Grafana / deploy-time placeholder, not JavaScript
export const DATASOURCE = { type: 'prometheus', uid: '${datasource}' } as const;

/** A Prometheus query of a panel (a type literal, so it fits `Panel.targets`' records). */
export type PrometheusQuery = {
  readonly refId: string;
  readonly datasource?: DataQuery['datasource'];
  readonly expr: string;
  readonly legendFormat?: string;
  readonly instant?: boolean;
  readonly range?: boolean;
  readonly format?: 'time_series' | 'table' | 'heatmap';
};

/** A string enum member of `@grafana/schema` by its value, without importing the enum at run time. */
export function enumValue<E extends string>(value: `${E}`): E {
  return value as unknown as E;
}

/** Queries `A`, `B`, ... from expressions and legends. */
export function queries(
  ...entries: readonly (readonly [expr: string, legend?: string] | PrometheusQuery)[]
): PrometheusQuery[] {
  return entries.map((entry, index) => {
    const refId = String.fromCharCode(65 + index);
    if (!Array.isArray(entry)) return { ...(entry as PrometheusQuery), refId, datasource: DATASOURCE };
    const [expr, legend] = entry as readonly [string, string?];
    return { refId, datasource: DATASOURCE, expr, ...(legend === undefined ? {} : { legendFormat: legend }) };
  });
}

/** Field defaults: unit and optional thresholds / value mappings. */
export function fields(
  unit: string,
  extra: Partial<FieldConfigSource['defaults']> = {},
  overrides: FieldConfigSource['overrides'] = [],
): FieldConfigSource {
  return { defaults: { unit, ...extra }, overrides };
}

/** Green below `warn`, orange from `warn`, red from `critical`. */
export function thresholds(warn: number, critical: number): FieldConfigSource['defaults']['thresholds'] {
  return {
    mode: enumValue<ThresholdsMode>('absolute'),
    steps: [
      { color: 'green', value: null },
      { color: 'orange', value: warn },
      { color: 'red', value: critical },
    ],
  };
}

let nextId = 1;

/** Resets panel ids (each dashboard numbers its panels from 1). */
export function resetPanelIds(): void {
  nextId = 1;
}

/** A panel of any type at `gridPos`. */
export function panel(
  type: string,
  title: string,
  gridPos: GridPos,
  targets: PrometheusQuery[],
  rest: Partial<Panel> = {},
): Panel {
  return { id: nextId++, type, title, gridPos, datasource: DATASOURCE, targets, ...rest };
}

/** A row header spanning the dashboard. */
export function row(title: string, y: number): RowPanel {
  return {
    id: nextId++,
    type: 'row',
    title,
    gridPos: { h: 1, w: 24, x: 0, y },
    collapsed: false,
    panels: [],
  };
}

/** A single-value stat panel. */
export function stat(
  title: string,
  gridPos: GridPos,
  targets: PrometheusQuery[],
  fieldConfig: FieldConfigSource,
): Panel {
  return panel('stat', title, gridPos, targets, {
    fieldConfig,
    options: {
      reduceOptions: { calcs: ['lastNotNull'], fields: '', values: false },
      colorMode: 'background',
      graphMode: 'area',
    },
  });
}

/** A time series panel. */
export function timeseries(
  title: string,
  gridPos: GridPos,
  targets: PrometheusQuery[],
  fieldConfig: FieldConfigSource,
  description?: string,
): Panel {
  return panel('timeseries', title, gridPos, targets, {
    fieldConfig,
    options: {
      legend: { displayMode: 'list', placement: 'bottom', showLegend: true },
      tooltip: { mode: 'multi', sort: 'desc' },
    },
    ...(description === undefined ? {} : { description }),
  });
}

/** The `datasource` and `service` template variables. */
export function variables(serviceLabel: string, serviceMetric: string): VariableModel[] {
  return [
    {
      name: 'datasource',
      label: 'Data source',
      type: 'datasource',
      query: 'prometheus',
      hide: 0,
      refresh: 1,
      current: { text: 'Prometheus', value: 'Prometheus' },
    },
    {
      name: 'service',
      label: 'Service',
      type: 'query',
      datasource: DATASOURCE,
      query: { query: `label_values(${serviceMetric}, ${serviceLabel})`, refId: 'service' },
      includeAll: true,
      allValue: '.+',
      multi: true,
      refresh: 2,
      sort: 1,
      current: { text: 'All', value: '$__all' },
    },
  ];
}
