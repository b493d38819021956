import { createNoopMeter, ProxyTracerProvider } from '@opentelemetry/api';
import { createHealthRunner } from '../health/health-runner.js';
import { DEFAULT_RUNBOOKS } from '../runbooks/default-runbooks.js';
import { createRunbookCatalog } from '../runbooks/runbook-catalog.js';
import type { LoggerV1 } from '../spec/logs/v1/logger-v1.js';
import { VERSION } from '../version.js';
import { setActiveObservability } from './active-observability.js';
import type { Observability } from './observability.js';

/** Whether env `OTEL_SDK_DISABLED` is `true`, in any case, as the OpenTelemetry spec defines it. */
export function isSdkDisabled(env: Readonly<Record<string, string | undefined>>): boolean {
  return env.OTEL_SDK_DISABLED?.trim().toLowerCase() === 'true';
}

/**
 * The handle under `OTEL_SDK_DISABLED=true`: no providers, no adapters (so no sockets, no timers), no
 * in-memory backend or alerting, no globals or shutdown hooks. The tracer and meter are the API's no-ops,
 * so `instrument(server)` still works and costs next to nothing; the local logger still writes.
 */
export function createDisabledObservability(serviceName: string, logger: LoggerV1): Observability {
  logger.info(
    '[@mcp-o11y/core] OTEL_SDK_DISABLED is true: no telemetry is recorded or exported and no adapter is started; this log still writes. Unset it to turn the pipeline on.',
  );
  let shutDown = false;
  let clearActive: () => void = () => {};
  const observability: Observability = {
    serviceName,
    tracer: new ProxyTracerProvider().getTracer('@mcp-o11y/core', VERSION),
    meter: createNoopMeter(),
    logger,
    store: undefined,
    notifiers: [],
    alerts: undefined,
    healthChecks: [],
    // Your own checks still run and serve: the endpoints stay useful with telemetry off.
    health: createHealthRunner({ isUp: () => !shutDown }),
    runbooks: createRunbookCatalog(DEFAULT_RUNBOOKS),
    diagnostics: () => ({
      adapters: [],
      faults: [],
      dropped: [],
      registeredGlobals: false,
      shutDown,
      disabled: true,
      sampler: undefined,
    }),
    forceFlush: () => Promise.resolve(),
    shutdown: () => {
      shutDown = true;
      clearActive();
      return Promise.resolve();
    },
  };
  clearActive = setActiveObservability(observability);
  return observability;
}
