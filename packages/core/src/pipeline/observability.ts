import type { Meter, Tracer } from '@opentelemetry/api';
import type { ObservabilityHealth } from '../health/health-options.js';
import type { ObservabilityRunbooks } from '../runbooks/runbook-catalog.js';
import type { HealthCheckV1 } from '../spec/health/v1/health-check-v1.js';
import type { LoggerV1 } from '../spec/logs/v1/logger-v1.js';
import type { NotifierV1 } from '../spec/notifier/v1/notifier-v1.js';
import type { InMemoryBackend } from '../store/in-memory-backend.js';
import type { DroppedTelemetryV1 } from './dropped-telemetry.js';
import type { AdapterFaultV1 } from './fault-reporter.js';
import type { ObservabilityAlerts } from './observability-alerts.js';

/** What `diagnostics()` reports about the pipeline itself. */
export interface ObservabilityDiagnostics {
  /** Ids of the adapters that were created, in order. */
  readonly adapters: readonly string[];
  /** Every adapter failure seen so far, by adapter and operation. */
  readonly faults: readonly AdapterFaultV1[];
  /** Spans and log records each adapter lost, by reason (a full batch queue, a failed export). */
  readonly dropped: readonly DroppedTelemetryV1[];
  /** Whether the providers were registered as the OpenTelemetry globals. */
  readonly registeredGlobals: boolean;
  /** Whether `shutdown()` has been called. */
  readonly shutDown: boolean;
  /** Whether env `OTEL_SDK_DISABLED=true` turned the pipeline off (no-op tracer and meter, no adapters). */
  readonly disabled: boolean;
  /** The TracerProvider's sampler, e.g. `ParentBased{root=TraceIdRatioBased{0.1}, ...}`; undefined without one. */
  readonly sampler: string | undefined;
  /**
   * Values the MCP name guard recorded as `_OTHER` on metrics (unknown, or past a cap), by side
   * (`server`, `client`) and attribute; also the `mcp_o11y.cardinality.folded` counter.
   */
  readonly folded?: Readonly<Record<string, Readonly<Record<string, number>>>>;
}

/** The handle `createObservability` returns. */
export interface Observability {
  /** `service.name` of this process. */
  readonly serviceName: string;
  /** The pipeline's tracer (a no-op tracer when nothing consumes spans). */
  readonly tracer: Tracer;
  /** The pipeline's meter (a no-op meter when nothing reads metrics). */
  readonly meter: Meter;
  /** The structured logger: JSON lines on stderr, and the same records to every log-capable backend. */
  readonly logger: LoggerV1;
  /** The built-in in-memory backend, unless `memory: false`. */
  readonly store: InMemoryBackend | undefined;
  /** Notifiers contributed by adapters. */
  readonly notifiers: readonly NotifierV1[];
  /**
   * The in-process alert engine: list alerts, acknowledge, silence, incidents, test notifications.
   * Undefined with `alerts: false`, `alerts.mode: 'off'` or `memory: false`.
   */
  readonly alerts: ObservabilityAlerts | undefined;
  /** Health checks contributed by adapters. */
  readonly healthChecks: readonly HealthCheckV1[];
  /**
   * The health check runner: built-in checks, the adapters' and yours (`health.add({ name, check })`);
   * served by `createHealthHandler` and read by the alert engine's `HealthCheckFailing` rule.
   */
  readonly health: ObservabilityHealth;
  /** Runbooks (the defaults and yours), linked from alerts by id. */
  readonly runbooks: ObservabilityRunbooks;
  /** The pipeline's own state: adapters, faults. */
  diagnostics(): ObservabilityDiagnostics;
  /** Exports everything buffered, in every backend. Never rejects. */
  forceFlush(): Promise<void>;
  /** Flushes and releases everything. Idempotent: later calls return the first call's promise. Never rejects. */
  shutdown(): Promise<void>;
}
