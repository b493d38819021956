import {
  activeAlertsQuery,
  alertNotificationsQuery,
  dependencyPerformanceQuery,
  errorsByCategoryQuery,
  exceptionsByTypeQuery,
  failuresByErrorTypeQuery,
  integrationPerformanceQuery,
  latencyByToolQuery,
  processResourcesQuery,
  requestVolumeByToolQuery,
} from './workbook-queries.js';

/** Options of {@link generateWorkbook}. */
export interface WorkbookOptions {
  /** The heading of the Workbook. Default `MCP server operations`. */
  readonly title?: string;
  /** Only this service (`cloud_RoleName`, i.e. core's `service.name`). Default: every role of the resource. */
  readonly serviceName?: string;
  /**
   * The Application Insights resource id (`/subscriptions/…/providers/microsoft.insights/components/…`):
   * the Workbook's `fallbackResourceIds`, and the target the active-alerts panel filters on. Default: a
   * placeholder to replace, or open the Workbook from the resource.
   */
  readonly resourceId?: string;
  /** Default of the time range picker, in milliseconds. Default 3 600 000 (1 hour). */
  readonly timeRangeMs?: number;
}

/** Item type 1: Markdown text. */
export interface WorkbookTextItem {
  readonly type: 1;
  readonly name: string;
  readonly content: { readonly json: string };
}

/** Item type 9: parameters (here the time range picker every query follows). */
export interface WorkbookParametersItem {
  readonly type: 9;
  readonly name: string;
  readonly content: {
    readonly version: 'KqlParameterItem/1.0';
    readonly parameters: readonly Readonly<Record<string, unknown>>[];
    readonly style: 'pills';
    readonly queryType: 0;
    readonly resourceType: 'microsoft.insights/components';
  };
}

/** Item type 3: a KQL query, over Application Insights (`queryType` 0) or Azure Resource Graph (1). */
export interface WorkbookQueryItem {
  readonly type: 3;
  readonly name: string;
  readonly content: {
    readonly version: 'KqlItem/1.0';
    readonly query: string;
    readonly size: 0 | 1;
    readonly title: string;
    readonly timeContextFromParameter?: 'TimeRange';
    readonly queryType: 0 | 1;
    readonly resourceType: 'microsoft.insights/components' | 'microsoft.resourcegraph/resources';
    readonly crossComponentResources?: readonly string[];
    readonly visualization: 'timechart' | 'barchart' | 'linechart' | 'table';
  };
}

/** An Azure Monitor Workbook (`Notebook/1.0`), ready for Workbooks → New → Advanced editor → Gallery template. */
export interface Workbook {
  readonly version: 'Notebook/1.0';
  readonly items: readonly (WorkbookTextItem | WorkbookParametersItem | WorkbookQueryItem)[];
  readonly isLocked: false;
  readonly fallbackResourceIds: readonly string[];
  readonly $schema: string;
}

/** The Workbook JSON schema the Azure portal's templates reference. */
export const workbookSchemaUrl =
  'https://github.com/Microsoft/Application-Insights-Workbooks/blob/master/schema/workbook.json';
const placeholderResourceId =
  '/subscriptions/{subscription-id}/resourceGroups/{resource-group}/providers/microsoft.insights/components/{app-insights-name}';

function text(name: string, markdown: string): WorkbookTextItem {
  return { type: 1, name, content: { json: markdown } };
}

function query(
  name: string,
  title: string,
  kql: string,
  visualization: WorkbookQueryItem['content']['visualization'],
): WorkbookQueryItem {
  return {
    type: 3,
    name,
    content: {
      version: 'KqlItem/1.0',
      query: kql,
      size: visualization === 'table' ? 1 : 0,
      title,
      timeContextFromParameter: 'TimeRange',
      queryType: 0,
      resourceType: 'microsoft.insights/components',
      visualization,
    },
  };
}

function timeRangeParameters(timeRangeMs: number): WorkbookParametersItem {
  return {
    type: 9,
    name: 'parameters',
    content: {
      version: 'KqlParameterItem/1.0',
      parameters: [
        {
          id: 'time-range',
          version: 'KqlParameterItem/1.0',
          name: 'TimeRange',
          label: 'Time range',
          type: 4,
          isRequired: true,
          value: { durationMs: timeRangeMs },
          typeSettings: {
            selectableValues: [900_000, 3_600_000, 14_400_000, 43_200_000, 86_400_000, 604_800_000].map(
              (durationMs) => ({ durationMs }),
            ),
          },
        },
      ],
      style: 'pills',
      queryType: 0,
      resourceType: 'microsoft.insights/components',
    },
  };
}

/**
 * The seed's operations dashboard redone for our telemetry: request volume and latency by tool,
 * failures by error type, exceptions and the errors counter, dependency and integration performance,
 * process resources and alerts (fired Azure Monitor alerts, and the in-process engine's notifications).
 * Pure: the same options give the same object.
 */
export function generateWorkbook(options: WorkbookOptions = {}): Workbook {
  const service = options.serviceName;
  const title = options.title ?? 'MCP server operations';
  const scope = service === undefined ? 'every service of this resource' : `service \`${service}\``;
  const alerts: WorkbookQueryItem = {
    type: 3,
    name: 'active-alerts',
    content: {
      version: 'KqlItem/1.0',
      query: activeAlertsQuery(options.resourceId),
      size: 1,
      title: 'Fired Azure Monitor alerts',
      queryType: 1,
      resourceType: 'microsoft.resourcegraph/resources',
      crossComponentResources: ['value::all'],
      visualization: 'table',
    },
  };
  return {
    version: 'Notebook/1.0',
    items: [
      text(
        'title',
        `# ${title}\n\nMCP requests, tools, errors, dependencies and resources of ${scope}, from @mcp-o11y/azure-monitor. Process resources need \`runtimeMetrics: true\` in createObservability.`,
      ),
      timeRangeParameters(options.timeRangeMs ?? 3_600_000),
      text('requests-heading', '## Requests by tool'),
      query('request-volume', 'Tool calls', requestVolumeByToolQuery(service), 'timechart'),
      query('tool-latency', 'Latency and failures by tool (ms)', latencyByToolQuery(service), 'table'),
      text('errors-heading', '## Errors'),
      query(
        'failures-by-type',
        'Failed requests by error.type',
        failuresByErrorTypeQuery(service),
        'barchart',
      ),
      query('errors-by-category', 'mcp_o11y.errors by category', errorsByCategoryQuery(service), 'barchart'),
      query('exceptions', 'Exceptions by type', exceptionsByTypeQuery(service), 'table'),
      text('dependencies-heading', '## Dependencies'),
      query(
        'dependency-performance',
        'Dependency performance (ms)',
        dependencyPerformanceQuery(service),
        'table',
      ),
      query(
        'integration-performance',
        'Integrations (createIntegration)',
        integrationPerformanceQuery(service),
        'table',
      ),
      text('resources-heading', '## Process resources'),
      query('process-resources', 'CPU, memory and event loop', processResourcesQuery(service), 'linechart'),
      text('alerts-heading', '## Alerts'),
      alerts,
      query(
        'alert-notifications',
        'In-process alert notifications',
        alertNotificationsQuery(service),
        'table',
      ),
    ],
    isLocked: false,
    fallbackResourceIds: [options.resourceId ?? placeholderResourceId],
    $schema: workbookSchemaUrl,
  };
}

/** {@link generateWorkbook} as the JSON file to import (2-space indent, trailing newline). */
export function generateWorkbookJson(options: WorkbookOptions = {}): string {
  return `${JSON.stringify(generateWorkbook(options), null, 2)}\n`;
}
