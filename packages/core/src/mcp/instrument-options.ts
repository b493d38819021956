import { isRequestLoggingEnabled } from '../logging/log-request.js';
import type { Observability } from '../pipeline/observability.js';
import { type CaptureOptions, DEFAULT_CAPTURE_MAX_BYTES } from '../privacy/capture-options.js';
import type { PrincipalHook } from './principal.js';

/** Options of `instrument`, `instrumentClient` and `instrumentServerFactory`. */
export interface InstrumentOptions {
  /** The pipeline to record into. Default: the active handle (`getActiveObservability()`); throws when there is none. */
  readonly observability?: Observability;
  /**
   * Opt-in payload capture (tool arguments and results, prompt variables), globally or per name;
   * redacted and capped. Default: nothing captured.
   */
  readonly capture?: CaptureOptions;
  /**
   * Distinct tool and prompt names kept as metric and series labels; names past it, and names the
   * server does not know, become `_OTHER`. Spans always carry the real name. Default: 100.
   */
  readonly maxToolNames?: number;
  /** Put `mcp.resource.uri` on metrics (high cardinality: semconv Opt-In; capped like tool names). Default: false. */
  readonly resourceUriOnMetrics?: boolean;
  /** A request without a response after this long is ended as an orphan (`error.type=orphaned`). Default: 300000 (5 min). */
  readonly spanTtlMs?: number;
  /** Cap on requests in flight tracked per transport and direction; past it the oldest is ended as an orphan. Default: 10000. */
  readonly maxPendingRequests?: number;
  /**
   * Write one log line per request (method, target, client, outcome, duration). Default: the pipeline's
   * `logging.requests` (env `MCP_O11Y_LOG_REQUESTS`), else false.
   */
  readonly requestLog?: boolean;
  /**
   * Who a request is from: a low-cardinality user, tenant or client application id. Called once per request
   * the server receives, with the request's auth info, `_meta`, method and client name and version. The
   * principal goes on the SERVER span (`mcp_o11y.principal`) and labels the usage counter and series. A hook
   * that throws, or returns anything but a string or undefined, leaves that request without a principal and
   * never fails it: it is counted in `mcp_o11y.adapter.errors` (adapter `instrument`, operation `principal`)
   * and logged once. Default: `authInfo.clientId` when the transport passes auth info, else none.
   */
  readonly principal?: PrincipalHook;
  /**
   * Distinct principals, and distinct client names, kept as usage labels (`mcp_o11y.usage.requests`, the
   * usage series); later ones read `_OTHER` there (spans keep the real value) and the first overflow of each
   * is logged once as a warning. Default: 100.
   */
  readonly maxPrincipals?: number;
  /**
   * Count the requests a server receives by principal, client name and method (`mcp_o11y.usage.requests`)
   * and keep per-principal and per-client series in the in-memory store. Default: true.
   */
  readonly usage?: boolean;
  /**
   * Record the size of each successful `tools/call`, `resources/read` and `prompts/get` result a server
   * sends: UTF-8 bytes of its JSON (`mcp_o11y.result.size`), estimated tokens (`mcp_o11y.result.tokens`,
   * see `estimateResultTokens`), and a per-operation size series the `LargeToolResults` alert reads.
   * Costs one `JSON.stringify` of each such result. Default: true.
   */
  readonly resultSizes?: boolean;
}

/** Options with every default applied. */
export interface ResolvedInstrumentOptions {
  readonly observability: Observability;
  /** Undefined when nothing is captured, so the request path skips capture with one check. */
  readonly capture: CaptureOptions | undefined;
  readonly maxBytes: number;
  readonly maxToolNames: number;
  readonly resourceUriOnMetrics: boolean;
  readonly spanTtlMs: number;
  readonly maxPendingRequests: number;
  readonly requestLog: boolean;
  /** The user's hook; undefined for the default (`authInfo.clientId`). */
  readonly principal: PrincipalHook | undefined;
  readonly maxPrincipals: number;
  readonly usage: boolean;
  readonly resultSizes: boolean;
}

/** Applies the defaults and checks the values. @throws Error when there is no handle, a number is not a positive integer, or `principal` is not a function. */
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
  const capture = options.capture;
  const capturesAnything =
    capture !== undefined && [capture.arguments, capture.results, capture.promptVariables].some(isOn);
  return {
    observability,
    capture: capturesAnything ? capture : undefined,
    maxBytes: positive('capture.maxBytes', capture?.maxBytes, DEFAULT_CAPTURE_MAX_BYTES),
    maxToolNames: positive('maxToolNames', options.maxToolNames, 100),
    resourceUriOnMetrics: options.resourceUriOnMetrics ?? false,
    spanTtlMs: positive('spanTtlMs', options.spanTtlMs, 300_000),
    maxPendingRequests: positive('maxPendingRequests', options.maxPendingRequests, 10_000),
    // One switch for users: the pipeline's `logging.requests` unless this instrumentation says otherwise.
    requestLog: options.requestLog ?? isRequestLoggingEnabled(observability.logger),
    principal: hookOption(options.principal),
    maxPrincipals: positive('maxPrincipals', options.maxPrincipals, 100),
    usage: options.usage ?? true,
    resultSizes: options.resultSizes ?? true,
  };
}

function hookOption(hook: PrincipalHook | undefined): PrincipalHook | undefined {
  if (hook === undefined || typeof hook === 'function') return hook;
  throw new Error(
    `[@mcp-o11y/core] principal must be a function (request) => string | undefined, got ${typeof hook}.`,
  );
}

function isOn(setting: boolean | readonly string[] | undefined): boolean {
  return setting === true || (Array.isArray(setting) && setting.length > 0);
}

function positive(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(`[@mcp-o11y/core] ${name} must be a positive integer, got ${value}.`);
  }
  return value;
}
