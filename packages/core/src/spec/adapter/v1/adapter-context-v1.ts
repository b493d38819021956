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
}
