import {
  type AdapterContextV1,
  type AdapterDescriptorV1,
  type AdapterInstanceV1,
  type AdapterV1,
  bindAdapter,
  getActiveObservability,
  type HealthCheckV1,
} from '@mcp-o11y/core';
import type { DashboardOptions } from './dashboard-options.js';
import { type RunningDashboard, startDashboard } from './start-dashboard.js';

/** Options of the adapter: {@link DashboardOptions} without the handle (the active one is shown). */
export type DashboardAdapterOptions = Omit<DashboardOptions, 'observability' | 'env'>;

const optionKeys = new Set([
  'host',
  'port',
  'token',
  'requireToken',
  'basePath',
  'windowSeconds',
  'bucketSeconds',
  'tickMillis',
  'runbooks',
  'onListening',
  'clock',
]);

/**
 * Checks options from a config file.
 * @throws Error listing each bad field with its path, as `issues`.
 */
export function parseDashboardOptions(raw: unknown): DashboardAdapterOptions {
  const options = (raw ?? {}) as Record<string, unknown>;
  const issues: { path: (string | number)[]; message: string }[] = [];
  if (typeof options !== 'object' || Array.isArray(options)) {
    issues.push({ path: [], message: 'expected an object' });
  } else {
    for (const key of Object.keys(options)) {
      if (!optionKeys.has(key)) issues.push({ path: [key], message: 'unknown option' });
    }
    const port = options.port;
    if (
      port !== undefined &&
      !(Number.isInteger(port) && (port as number) >= 0 && (port as number) <= 65_535)
    ) {
      issues.push({ path: ['port'], message: 'expected a port number (0-65535)' });
    }
    for (const key of ['host', 'token', 'basePath'] as const) {
      if (options[key] !== undefined && typeof options[key] !== 'string') {
        issues.push({ path: [key], message: 'expected a string' });
      }
    }
    for (const key of ['windowSeconds', 'bucketSeconds', 'tickMillis'] as const) {
      const value = options[key];
      if (value !== undefined && !(typeof value === 'number' && value > 0)) {
        issues.push({ path: [key], message: 'expected a positive number' });
      }
    }
  }
  if (issues.length > 0) {
    const error = new Error(
      `[@mcp-o11y/dashboard] invalid options: ${issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ')}`,
    );
    throw Object.assign(error, { issues });
  }
  return options as DashboardAdapterOptions;
}

async function createDashboardInstance(
  options: DashboardAdapterOptions,
  context: AdapterContextV1,
): Promise<AdapterInstanceV1> {
  // The handle is created after its adapters, so it is looked up per request.
  const running: RunningDashboard = await startDashboard({
    ...options,
    env: context.env,
    onListening: (address) => {
      context.logger.info('[@mcp-o11y/dashboard] dashboard listening', { url: address.url });
      options.onListening?.(address);
    },
  });
  const check: HealthCheckV1 = {
    specificationVersion: 'v1',
    name: 'dashboard',
    critical: false,
    check: async () =>
      getActiveObservability() === undefined
        ? { status: 'warn', message: `dashboard at ${running.url} has no active observability handle` }
        : { status: 'pass', message: `dashboard at ${running.url}` },
  };
  return {
    specificationVersion: 'v1',
    id: adapter.id,
    healthChecks: [check],
    shutdown: () => running.close(),
  };
}

/**
 * The dashboard adapter descriptor, for config-driven loading:
 * `adapters: [{ id: dashboard, options: { port: 9465 } }]` serves the dashboard of the process's
 * observability handle and stops it on shutdown.
 */
export const adapter: AdapterDescriptorV1<DashboardAdapterOptions> = {
  specificationVersion: 'v1',
  id: 'dashboard',
  kinds: ['health'],
  parseOptions: parseDashboardOptions,
  create: createDashboardInstance,
};

/** The dashboard as an adapter: `createObservability({ adapters: [dashboard({ port: 9465 })] })`. */
export function dashboard(options: DashboardAdapterOptions = {}): AdapterV1 {
  return bindAdapter(adapter, options);
}
