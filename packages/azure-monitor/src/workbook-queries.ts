/**
 * The KQL behind the generated Workbook, over the standard Application Insights tables and our
 * telemetry names (`gen_ai.tool.name`, `error.type`, `mcp.client.name` in `customDimensions`;
 * `mcp_o11y.*`, `process.*`, `v8js.*`, `nodejs.*` in `customMetrics`). Pure functions of the filter.
 * `success` is read through `tobool()` so the queries work whether a workspace types it bool or string.
 */

/** A KQL string literal for `value`: double quotes, backslash escapes. */
export function kqlString(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\r/g, '\\r').replace(/\n/g, '\\n')}"`;
}

/** The line that keeps one service (`cloud_RoleName`), or nothing. */
function roleFilter(serviceName: string | undefined): string {
  return serviceName === undefined ? '' : `\n| where cloud_RoleName == ${kqlString(serviceName)}`;
}

/** Calls per tool over time (timechart). */
export function requestVolumeByToolQuery(serviceName?: string): string {
  return `requests${roleFilter(serviceName)}
| extend tool = tostring(customDimensions["gen_ai.tool.name"])
| where isnotempty(tool)
| summarize calls = sum(itemCount) by tool, bin(timestamp, 5m)
| order by timestamp asc`;
}

/** Latency percentiles and failure rate per tool (grid). */
export function latencyByToolQuery(serviceName?: string): string {
  return `requests${roleFilter(serviceName)}
| extend tool = tostring(customDimensions["gen_ai.tool.name"])
| where isnotempty(tool)
| summarize calls = sum(itemCount), failures = sumif(itemCount, tobool(success) == false), avgMs = avg(duration), p50Ms = percentile(duration, 50), p95Ms = percentile(duration, 95), p99Ms = percentile(duration, 99) by tool
| extend failureRatePercent = round(100.0 * failures / calls, 2)
| order by p95Ms desc`;
}

/** Failed MCP requests by `error.type` over time (bar chart). */
export function failuresByErrorTypeQuery(serviceName?: string): string {
  return `requests${roleFilter(serviceName)}
| where tobool(success) == false
| extend errorType = tostring(customDimensions["error.type"])
| summarize failures = sum(itemCount) by errorType, bin(timestamp, 1h)
| order by timestamp asc`;
}

/** Exceptions by type, with the operation they happened in (grid). */
export function exceptionsByTypeQuery(serviceName?: string): string {
  return `exceptions${roleFilter(serviceName)}
| summarize occurrences = sum(itemCount), operations = dcount(operation_Id), lastSeen = max(timestamp), example = take_any(outerMessage) by type, operation_Name
| order by occurrences desc`;
}

/** The `mcp_o11y.errors` counter by category (validation, transport, auth, timeout, tool_error…). */
export function errorsByCategoryQuery(serviceName?: string): string {
  return `customMetrics${roleFilter(serviceName)}
| where name == "mcp_o11y.errors"
| extend category = tostring(customDimensions["mcp_o11y.error.category"])
| summarize errors = sum(valueSum) by category, bin(timestamp, 5m)
| order by timestamp asc`;
}

/** Dependencies (MCP client calls, HTTP, databases) by type and target (grid). */
export function dependencyPerformanceQuery(serviceName?: string): string {
  return `dependencies${roleFilter(serviceName)}
| summarize calls = sum(itemCount), failures = sumif(itemCount, tobool(success) == false), avgMs = avg(duration), p95Ms = percentile(duration, 95) by type, target, name
| extend failureRatePercent = round(100.0 * failures / calls, 2)
| order by p95Ms desc`;
}

/** Outbound integrations (`createIntegration`) from `mcp_o11y.integration.duration` (seconds). */
export function integrationPerformanceQuery(serviceName?: string): string {
  return `customMetrics${roleFilter(serviceName)}
| where name == "mcp_o11y.integration.duration"
| extend integration = tostring(customDimensions["integration.name"]), operation = tostring(customDimensions["operation"]), errorType = tostring(customDimensions["error.type"])
| summarize calls = sum(valueCount), failures = sumif(valueCount, isnotempty(errorType)), avgMs = 1000.0 * sum(valueSum) / sum(valueCount), maxMs = 1000.0 * max(valueMax) by integration, operation
| order by avgMs desc`;
}

/**
 * Process resources from `runtimeMetrics: true`: CPU %, resident and heap memory in MB and event loop
 * p99 delay in ms, per 5 minutes. Points of one export share a timestamp, so per-space (heap) and
 * per-mode (CPU) points are first added up per export and instance.
 */
export function processResourcesQuery(serviceName?: string): string {
  return `customMetrics${roleFilter(serviceName)}
| where name in ("process.cpu.utilization", "process.memory.usage", "v8js.memory.heap.used", "nodejs.eventloop.delay.p99")
| summarize total = sum(valueSum) / max(valueCount) by name, timestamp, cloud_RoleInstance
| extend series = case(name == "process.cpu.utilization", "CPU %", name == "process.memory.usage", "Resident memory (MB)", name == "v8js.memory.heap.used", "Heap used (MB)", "Event loop p99 delay (ms)")
| extend value = case(name == "process.cpu.utilization", total * 100.0, name == "nodejs.eventloop.delay.p99", total * 1000.0, total / 1048576.0)
| summarize value = avg(value) by series, bin(timestamp, 5m)
| order by timestamp asc`;
}

/** Notifications the in-process alert engine sent, by notifier and outcome (`mcp_o11y.notifications.sent`). */
export function alertNotificationsQuery(serviceName?: string): string {
  return `customMetrics${roleFilter(serviceName)}
| where name == "mcp_o11y.notifications.sent"
| extend notifier = tostring(customDimensions["notifier.id"]), outcome = tostring(customDimensions["outcome"])
| summarize notifications = sum(valueSum) by notifier, outcome
| order by notifications desc`;
}

/**
 * Azure Monitor alerts currently fired (Azure Resource Graph), optionally only those on one resource
 * (the Application Insights component's resource id).
 */
export function activeAlertsQuery(resourceId?: string): string {
  const target =
    resourceId === undefined
      ? ''
      : `\n| where tostring(essentials.targetResource) =~ ${kqlString(resourceId)}`;
  return `alertsmanagementresources
| where type =~ "microsoft.alertsmanagement/alerts"
| extend essentials = properties.essentials
| where tostring(essentials.monitorCondition) =~ "Fired" and tostring(essentials.alertState) !~ "Closed"${target}
| project firedAt = todatetime(essentials.startDateTime), alert = name, severity = tostring(essentials.severity), state = tostring(essentials.alertState), target = tostring(essentials.targetResourceName)
| order by firedAt desc`;
}
