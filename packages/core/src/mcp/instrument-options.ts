import type { Observability } from '../pipeline/observability.js';

/**
 * Whether a payload is recorded: `false` (default, per the semconv "Opt-In"), `true` for every tool or
 * prompt, or the names it is recorded for.
 */
export type CaptureSetting = boolean | readonly string[];

/** What is recorded on spans beyond the semconv's required and recommended attributes. */
export interface CaptureOptions {
  /** `gen_ai.tool.call.arguments` of `tools/call`. Default: false. */
  readonly arguments?: CaptureSetting;
  /** `gen_ai.tool.call.result` of `tools/call`. Default: false. */
  readonly results?: CaptureSetting;
  /** `gen_ai.prompt.variable.<name>` of `prompts/get`. Default: false. */
  readonly promptVariables?: CaptureSetting;
  /** Cap on each recorded payload, in bytes of JSON; longer ones are cut and marked. Default: 4096. */
  readonly maxBytes?: number;
}

/** Options of `instrument`, `instrumentClient` and `instrumentServerFactory`. */
export interface InstrumentOptions {
  /** The pipeline to record into. Default: the active handle (`getActiveObservability()`); throws when there is none. */
  readonly observability?: Observability;
  /** Opt-in payload capture. Default: nothing captured. */
  readonly capture?: CaptureOptions;
  /**
   * Distinct tool and prompt names kept as metric and series labels; names past it, and names the
   * server does not know, become `_OTHER`. Spans always carry the real name. Default: 100.
   */
  readonly maxToolNames?: number;
  /** Put `mcp.resource.uri` on metrics (high cardinality: semconv Opt-In). Default: false. */
  readonly resourceUriOnMetrics?: boolean;
  /** A request without a response after this long is ended as an orphan (`error.type=orphaned`). Default: 300000 (5 min). */
  readonly spanTtlMs?: number;
  /** Cap on requests in flight tracked per transport; the oldest is ended as an orphan past it. Default: 10000. */
  readonly maxPendingRequests?: number;
  /** Write one log line per request (method, target, outcome, duration). Default: false. */
  readonly requestLog?: boolean;
}

/** Options with every default applied. */
export interface ResolvedInstrumentOptions {
  readonly observability: Observability;
  readonly captureArguments: CaptureSetting;
  readonly captureResults: CaptureSetting;
  readonly capturePromptVariables: CaptureSetting;
  readonly maxBytes: number;
  readonly maxToolNames: number;
  readonly resourceUriOnMetrics: boolean;
  readonly spanTtlMs: number;
  readonly maxPendingRequests: number;
  readonly requestLog: boolean;
}

/** Applies the defaults and checks the numbers. @throws Error when a number is not a positive integer. */
export function resolveInstrumentOptions(
  options: InstrumentOptions,
  active: () => Observability | undefined,
): ResolvedInstrumentOptions {
  const observability = options.observability ?? active();
  if (observability === undefined) {
    throw new Error(
      '[@mcp-o11y/core] no observability handle: call `await createObservability(...)` before instrumenting, or pass `{ observability }`.',
    );
  }
  return {
    observability,
    captureArguments: options.capture?.arguments ?? false,
    captureResults: options.capture?.results ?? false,
    capturePromptVariables: options.capture?.promptVariables ?? false,
    maxBytes: positive('capture.maxBytes', options.capture?.maxBytes, 4096),
    maxToolNames: positive('maxToolNames', options.maxToolNames, 100),
    resourceUriOnMetrics: options.resourceUriOnMetrics ?? false,
    spanTtlMs: positive('spanTtlMs', options.spanTtlMs, 300_000),
    maxPendingRequests: positive('maxPendingRequests', options.maxPendingRequests, 10_000),
    requestLog: options.requestLog ?? false,
  };
}

function positive(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(`[@mcp-o11y/core] ${name} must be a positive integer, got ${value}.`);
  }
  return value;
}

/** Whether `setting` captures for `name`. */
export function captures(setting: CaptureSetting, name: string | undefined): boolean {
  if (typeof setting === 'boolean') return setting;
  return name !== undefined && setting.includes(name);
}
