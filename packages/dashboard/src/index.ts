export type {
  FetchDashboardHandler,
  NodeDashboardHandler,
} from './create-dashboard-handler.js';
export { createDashboardFetchHandler, createDashboardHandler } from './create-dashboard-handler.js';
export type { DashboardAdapterOptions } from './dashboard-adapter.js';
export { adapter, dashboard, parseDashboardOptions } from './dashboard-adapter.js';
export type {
  DashboardAddress,
  DashboardHandlerOptions,
  DashboardOptions,
  DashboardRunbook,
  DashboardSource,
} from './dashboard-options.js';
export { assertSafeBinding, isLoopbackHost } from './server/authorize-request.js';
export type { AlertsView, DiagnosticsView, IncidentsView } from './server/dashboard-state.js';
export type { RunningDashboard } from './start-dashboard.js';
export { DASHBOARD_ENV, startDashboard } from './start-dashboard.js';
export type { ClientRow, ClientsView } from './view-model/build-clients.js';
export type { BreakerState, IntegrationRow, IntegrationsView } from './view-model/build-integrations.js';
export type { OverviewStatus, OverviewView } from './view-model/build-overview.js';
export type { ProcessView } from './view-model/build-process.js';
export type { TimeseriesView } from './view-model/build-timeseries.js';
export type { ToolRow, ToolsView } from './view-model/build-tools.js';
export type { MergedQuantiles } from './view-model/merge-quantiles.js';
export { mergeQuantiles } from './view-model/merge-quantiles.js';
