import type { RuntimeMetricsOptions } from '../runtime/start-runtime-metrics.js';
import type { AdapterV1 } from '../spec/adapter/v1/adapter-v1.js';
import type { LogLevelV1 } from '../spec/logs/v1/log-record-v1.js';
import type { RedactHookV1 } from '../spec/privacy/v1/telemetry-event-v1.js';
import type { InMemoryBackendOptions } from '../store/in-memory-backend-options.js';
import type { AlertsOptions } from './alerts-options.js';

/** Identity of the observed service; becomes the OpenTelemetry resource. */
export interface ServiceOptions {
  /** `service.name`. Default: env `OTEL_SERVICE_NAME`, else `mcp-server`. */
  readonly name?: string;
  /** `service.version`. Default: none. */
  readonly version?: string;
  /** `deployment.environment.name`. Default: env `MCP_O11Y_ENVIRONMENT`, else none. */
  readonly environment?: string;
}

/** Options of the handle's structured logger. */
export interface LoggingOptions {
  /** Lowest level written. Default: env `MCP_O11Y_LOG_LEVEL`, else `info`. */
  readonly level?: LogLevelV1;
  /**
   * Where JSON lines go: a file descriptor (default 2, stderr) or `false` to write nowhere locally (the
   * records still reach log-capable adapters and the in-memory backend). Never 1: stdout is the protocol.
   */
  readonly destination?: number | false;
  /**
   * Write one line per MCP request (method, target, duration, outcome) through `logRequest`. Spans and
   * metrics already hold the same facts, so it is off by default. Default: env `MCP_O11Y_LOG_REQUESTS`
   * (`true` turns it on), else false.
   */
  readonly requests?: boolean;
}

/** When the pipeline flushes and shuts down by itself. All default to true. */
export interface ShutdownHooksOptions {
  /** Flush and shut down on SIGTERM and SIGINT, then re-raise the signal's default behaviour. */
  readonly signals?: boolean;
  /** Flush when stdin ends (a stdio MCP server whose client went away). */
  readonly stdinEnd?: boolean;
  /** Flush on `beforeExit`. */
  readonly beforeExit?: boolean;
}

/** Everything `createObservability` accepts; `loadConfig` produces the same shape from a file. */
export interface ObservabilityOptions {
  /** The observed service. */
  readonly service?: ServiceOptions;
  /** Backends and notifiers, e.g. `[prometheus(), sentry()]`. Default: none (in-memory only). */
  readonly adapters?: readonly AdapterV1[];
  /** The built-in in-memory backend; `false` turns it off. Default: on, with its defaults. */
  readonly memory?: false | InMemoryBackendOptions;
  /** The structured logger. */
  readonly logging?: LoggingOptions;
  /**
   * The in-process alert engine over the in-memory windows, notifying through the adapters' notifiers
   * (the console notifier when there are none); `false` turns it off. Default: on, with the default rule
   * pack and state in `.mcp-o11y/state` (env `MCP_O11Y_STATE_DIR`). See {@link AlertsOptions}.
   */
  readonly alerts?: false | AlertsOptions;
  /** Automatic flush and shutdown. */
  readonly shutdownHooks?: ShutdownHooksOptions;
  /**
   * Register the tracer, meter and logger providers as the OpenTelemetry globals, so `@opentelemetry/api`
   * users and instrumentations reach this pipeline. If another SDK already registered, ours stays
   * private and a warning is logged. Default: true.
   */
  readonly registerGlobals?: boolean;
  /**
   * Sees every ended span and every log record before any backend (the in-memory one included) and may
   * change it or drop it (return `null`). A hook that throws drops the event (fails closed) and is
   * reported as adapter `redact`. The local JSON log lines do not pass through it (they are redacted by
   * the built-in redactor). Default: none, at no cost. See {@link RedactHookV1}.
   */
  readonly redact?: RedactHookV1;
  /**
   * Process metrics (CPU, memory, event loop delay and utilisation, GC) on the pipeline's meter. `true`
   * for the defaults, or their options. Default: off (env `MCP_O11Y_RUNTIME_METRICS=true` turns it on).
   */
  readonly runtimeMetrics?: boolean | Omit<RuntimeMetricsOptions, 'observability'>;
  /** The environment adapters read their variables from. Default: `process.env`. */
  readonly env?: Readonly<Record<string, string | undefined>>;
}
