import type { HealthOptions } from '../health/health-options.js';
import type { InstrumentationEntry } from '../instrumentations/instrumentation-like.js';
import type { StatementOptions } from '../integrations/statement-options.js';
import type { RunbooksOptions } from '../runbooks/runbook-catalog.js';
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
  /**
   * `service.instance.id`: tells apart processes of one service (Azure's `cloud_RoleInstance`, the
   * Prometheus `instance` of pushed series). Default: `service.instance.id` in env
   * `OTEL_RESOURCE_ATTRIBUTES`, else a random UUID per process, as the semantic conventions recommend.
   */
  readonly instanceId?: string;
}

/**
 * Head sampling of traces. Tail decisions (keep whole traces that failed) belong to a collector's
 * `tail_sampling` processor: this process decides when a span starts, before it knows the outcome.
 */
export interface SamplingOptions {
  /**
   * Share of new traces sampled, from 0 to 1, by trace id. Default: from env `OTEL_TRACES_SAMPLER`
   * (`always_on`, `always_off`, `traceidratio`, `parentbased_always_on`, `parentbased_always_off`,
   * `parentbased_traceidratio`) and `OTEL_TRACES_SAMPLER_ARG`, else 1.
   *
   * @throws {RangeError} from `createObservability` when outside 0 to 1.
   */
  readonly ratio?: number;
  /**
   * Follow the parent span's decision (a caller's `traceparent` flag) and apply the ratio only to new
   * traces. Default: from env `OTEL_TRACES_SAMPLER` (its `parentbased_` prefix), else true.
   */
  readonly parentBased?: boolean;
  /**
   * Export spans that end in error although the ratio did not sample their trace. They are recorded but
   * stay unsampled downstream, so they reach the backends without their unsampled relatives. Not applied
   * under a caller's unsampled `traceparent`. Default: false.
   */
  readonly keepErrors?: boolean;
  /**
   * Export spans lasting longer than this many milliseconds although the ratio did not sample their
   * trace, as for `keepErrors`. Default: none.
   */
  readonly keepSlowerThanMs?: number;
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
   * Trace sampling: a ratio, parent-based or not, and whether failed or slow spans are kept regardless
   * of the ratio. Default: env `OTEL_TRACES_SAMPLER` / `OTEL_TRACES_SAMPLER_ARG`, else every trace
   * (`parentbased_always_on`). Metrics and the in-memory windows count every request whatever the
   * sampling. See {@link SamplingOptions}.
   */
  readonly sampling?: SamplingOptions;
  /**
   * The in-process alert engine over the in-memory windows, notifying through the adapters' notifiers
   * (the console notifier when there are none); `false` turns it off. Default: on, with the default rule
   * pack and state in `.mcp-o11y/state` (env `MCP_O11Y_STATE_DIR`). See {@link AlertsOptions}.
   */
  readonly alerts?: false | AlertsOptions;
  /**
   * The health check runner (`observability.health`): per-check timeout (default 5 000 ms), report cache
   * (default 2 000 ms) and whether the built-in checks run (default true). See {@link HealthOptions}.
   */
  readonly health?: HealthOptions;
  /**
   * Runbooks: your directory of YAML/JSON runbooks (merged over the defaults) and the base URL that puts a
   * runbook link on alert notifications. See {@link RunbooksOptions}.
   * @throws {ConfigError} from `createObservability` when a runbook file is invalid.
   */
  readonly runbooks?: RunbooksOptions;
  /** Automatic flush and shutdown. */
  readonly shutdownHooks?: ShutdownHooksOptions;
  /**
   * Record uncaught exceptions and unhandled promise rejections: a count on `mcp_o11y.errors` (by
   * `error.type`, `mcp_o11y.error.origin`), an `exception` event on the active span (else a short span),
   * and a log record, then a flush when the process is about to exit. What the process does about them
   * is left as it was: Node's stack trace and exit code 1, or your own handlers. Rejections are seen when
   * Node's default `--unhandled-rejections=throw` raises them, or while you have an `unhandledRejection`
   * listener of your own. The listeners are removed on `shutdown()`. Default: env
   * `MCP_O11Y_CAPTURE_GLOBAL_ERRORS` (`true` turns it on), else false.
   */
  readonly captureGlobalErrors?: boolean;
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
  /**
   * Libraries to instrument with their OpenTelemetry instrumentation, e.g. `['http', 'express', 'pg']`
   * (see `INSTRUMENTATION_CATALOGUE` for the names and packages). Only the named packages are loaded, from
   * the application's folders; each must be installed (`pg` needs `@opentelemetry/instrumentation-pg`,
   * `fastify` needs `@fastify/otel`). They get this pipeline's tracer, meter and logger providers, so their
   * spans join the MCP request's trace in every backend; they are disabled at shutdown. A library is only
   * patched if it loads after this call: create the pipeline before importing the driver, or use
   * `node --import @mcp-o11y/core/register`. Entries may also be `{ name, options }` or instances.
   * Default: none.
   * @throws {Error} from `createObservability` naming each unknown name and each package to install, with
   * the `pnpm add` command.
   */
  readonly instrumentations?: readonly InstrumentationEntry[];
  /**
   * Database statements on spans and in slow-call logs: only a hash by default, the normalised text
   * (literals replaced by `?`) when `record` is on, and slow database spans logged past `slowThresholdMs`.
   * Applies to every instrumentation's statement attributes and to `createIntegration` calls. See
   * {@link StatementOptions}.
   * @throws {RangeError} from `createObservability` when a bound is invalid.
   */
  readonly statements?: StatementOptions;
  /**
   * The environment adapters read their variables from. Default: `process.env`. `OTEL_SDK_DISABLED=true`
   * (any case) here turns the pipeline off: no providers, no adapters created, no-op tracer and meter;
   * the local logger still writes and `diagnostics().disabled` is true.
   */
  readonly env?: Readonly<Record<string, string | undefined>>;
}
