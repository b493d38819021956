import type { LoggerV1 } from '../../logs/v1/logger-v1.js';

/** What core hands an adapter when it creates it. */
export interface AdapterContextV1 {
  /** `service.name` of the process (option `service.name`, else `OTEL_SERVICE_NAME`, else `mcp-server`). */
  readonly serviceName: string;
  /** `service.version`, when known. */
  readonly serviceVersion?: string;
  /** `deployment.environment.name`, when known. */
  readonly environment?: string;
  /**
   * The environment to read the adapter's ecosystem variables from (`SENTRY_DSN`, `OTEL_*`). It is
   * `process.env` unless the caller passed another; adapters read it in `create`, never at import time.
   */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** A child logger bound to the adapter id. Writes to stderr; never use `console.log`. */
  readonly logger: LoggerV1;
  /**
   * Reports a failure the adapter handled itself, outside a call core made (a Pushgateway push on its
   * own timer, a background upload): counted in `mcp_o11y.adapter.errors{adapter,operation}` and in
   * `Observability.diagnostics()`, the first of each operation logged once. Use it wherever a failure
   * would otherwise only be logged, so a backend that stays down shows in metrics and alerts. Never
   * throws. Optional so an adapter keeps working on a core older than this field: call it with `?.`.
   */
  readonly reportFault?: (operation: string, error: unknown) => void;
  /**
   * Reports items the adapter lost on its own, after core's export call had returned (a batch kept on
   * disk and resent later, then refused for good): counted in
   * `mcp_o11y.exporter.dropped{adapter,signal,reason="export_failed"}` and `diagnostics().dropped`.
   * Never throws. Optional like {@link AdapterContextV1.reportFault}: call it with `?.`.
   */
  readonly reportDropped?: (signal: 'traces' | 'logs' | 'metrics', count: number) => void;
}
