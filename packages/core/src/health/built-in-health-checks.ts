import { STATE_DIR_ENV } from '../alerts/persistence/file-state-store.js';
import { quarantinedStateCheck } from '../alerts/persistence/quarantined-state-check.js';
import type { AlertsOptions } from '../pipeline/alerts-options.js';
import type { Observability } from '../pipeline/observability.js';
import type { HealthCheckV1 } from '../spec/health/v1/health-check-v1.js';
import { adapterExportCheck } from './checks/adapter-export-check.js';
import { circuitBreakerCheck } from './checks/circuit-breaker-check.js';
import { configurationCheck } from './checks/configuration-check.js';
import { diskSpaceCheck } from './checks/disk-space-check.js';
import { eventLoopDelayCheck } from './checks/event-loop-delay-check.js';
import { memoryCheck } from './checks/memory-check.js';
import { notifierDeliveryCheck } from './checks/notifier-delivery-check.js';

/** What the built-in checks read. */
export interface BuiltInHealthContext {
  readonly observability: Pick<Observability, 'diagnostics' | 'alerts' | 'store'>;
  /** The alert state directory; its file system is checked for free space. */
  readonly stateDirectory: string;
}

/**
 * The built-in checks, in report order: `configuration` (critical), `event-loop`, `memory`, `disk-space`,
 * one `adapter:<id>` per adapter, `notifiers` and `alert-state` when alerting runs, `circuit-breakers` when
 * the in-memory backend runs.
 */
export function builtInHealthChecks(context: BuiltInHealthContext): HealthCheckV1[] {
  const { observability } = context;
  const adapters = observability.diagnostics().adapters.filter((id) => id !== 'memory');
  const alerts = observability.alerts;
  const store = observability.store;
  return [
    configurationCheck(observability),
    eventLoopDelayCheck(),
    memoryCheck(),
    diskSpaceCheck({ directory: context.stateDirectory }),
    ...adapters.map((id) => adapterExportCheck(id, observability)),
    ...(alerts === undefined
      ? []
      : [notifierDeliveryCheck(() => alerts.deliveryStats()), quarantinedStateCheck(context.stateDirectory)]),
    ...(store === undefined ? [] : [circuitBreakerCheck(() => store.metricsSnapshot())]),
  ];
}

/** The directory the alert engine keeps its state in, as `createAlerting` resolves it. */
export function stateDirectoryOf(
  alerts: false | AlertsOptions | undefined,
  env: Readonly<Record<string, string | undefined>>,
): string {
  const state = alerts === false ? undefined : alerts?.state;
  const configured =
    state !== undefined && state !== false && 'directory' in state ? state.directory : env[STATE_DIR_ENV];
  return configured === undefined || configured === '' ? '.mcp-o11y/state' : configured;
}
