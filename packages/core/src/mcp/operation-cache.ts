import type { Attributes, SpanKind, SpanOptions } from '@opentelemetry/api';
import type { WindowSeries } from '../store/window-series.js';
import { type ErrorCategory, errorCategoryOfCode, isCallerFault } from './classify-error.js';
import type { InFlightCount } from './in-flight-gauge.js';
import { type ResultKind, resultKindOf } from './result-sizes.js';
import {
  ATTR_ERROR_CATEGORY,
  ATTR_ERROR_TYPE,
  ATTR_GEN_AI_OPERATION_NAME,
  ATTR_GEN_AI_PROMPT_NAME,
  ATTR_GEN_AI_TOOL_NAME,
  ATTR_MCP_METHOD_NAME,
  ATTR_MCP_RESOURCE_URI,
  ATTR_RPC_RESPONSE_STATUS_CODE,
  OTHER_VALUE,
} from './semantic-conventions.js';

/**
 * Longest method name, tool or prompt name or resource URI put on span names and attributes and metric
 * labels. Peers choose them and the SDK accepts 4 MiB bodies: whole, one name would sit in the span ring
 * and in every exporter queue.
 */
export const MAX_NAME_LENGTH = 256;

/** `name` cut to {@link MAX_NAME_LENGTH} characters, the cut marked with a trailing `…`. */
export function clipName(name: string): string {
  if (name.length <= MAX_NAME_LENGTH) return name;
  let end = MAX_NAME_LENGTH - 1;
  // Never split a surrogate pair: a lone high surrogate is not valid UTF-8 for exporters.
  const last = name.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return `${name.slice(0, end)}…`;
}

/** Which side records: a server span/metric (request received) or a client one (request sent). */
export type Side = 'server' | 'client';

/**
 * How one request ended, as far as metrics care. A number is a JSON-RPC error code; the strings are
 * outcomes without one.
 */
export type OutcomeKey = 'ok' | 'tool_error' | 'cancelled' | 'timeout' | 'orphaned' | 'transport' | number;

/** Attribute sets and flags of one (operation, outcome), built once and reused for every request. */
export interface OutcomeEntry {
  /** Attributes of the duration histogram. */
  readonly metricAttributes: Attributes;
  /** Attributes added to the span when it ends (error.type, rpc.response.status_code); undefined for success. */
  readonly spanAttributes: Attributes | undefined;
  /** Whether the span status is ERROR. */
  readonly spanError: boolean;
  /** Whether the in-memory series counts it as an error. */
  readonly seriesError: boolean;
  /** Attributes of the `mcp_o11y.errors` counter; undefined when the outcome is not counted as an error. */
  readonly errorAttributes: Attributes | undefined;
}

/** Connection-level attributes that go on metrics (bounded: protocol version and transport). */
export type ProfileAttributes = Readonly<Record<string, string | number>>;

/** The metric side of one (profile, method, metric target): attribute sets and the series handle. */
export class MetricEntry {
  /** The `mcp.method.name` label (`_OTHER` past the cap); one string per method, kept by the caches. */
  readonly method: string;
  /** Whether results of this method are sized (tools/call, resources/read, prompts/get), and how to read their text. */
  readonly resultKind: ResultKind | undefined;
  /** The result-size series, set by `ResultSizes` on the first sized result. */
  resultSeries: WindowSeries | undefined;
  /** The `mcp_o11y.requests.active` count of this entry. */
  readonly inFlight: InFlightCount;
  /** The in-memory series, when the pipeline has a store. */
  readonly series: WindowSeries | undefined;
  /** Whether the target is folded into `_OTHER`. */
  readonly folded: boolean;
  readonly #side: Side;
  readonly #base: Attributes;
  readonly #outcomes = new Map<OutcomeKey, OutcomeEntry>();

  constructor(
    side: Side,
    metricMethod: string,
    targetKey: string | undefined,
    metricTarget: string | undefined,
    profile: ProfileAttributes,
    series: (labels: Record<string, string>) => WindowSeries | undefined,
    inFlight: (attributes: Attributes) => InFlightCount,
  ) {
    this.#side = side;
    this.method = metricMethod;
    this.resultKind = resultKindOf(metricMethod);
    this.folded = metricTarget === OTHER_VALUE;
    const base: Record<string, string> = { [ATTR_MCP_METHOD_NAME]: clipName(metricMethod) };
    if (targetKey !== undefined && metricTarget !== undefined) base[targetKey] = clipName(metricTarget);
    this.inFlight = inFlight(Object.freeze({ ...base, 'mcp_o11y.role': side }));
    this.series = series({ ...base });
    if (metricMethod === 'tools/call') base[ATTR_GEN_AI_OPERATION_NAME] = 'execute_tool';
    this.#base = Object.freeze({ ...base, ...profile });
  }

  /** The cached outcome entry; built on first use. */
  outcome(key: OutcomeKey): OutcomeEntry {
    let entry = this.#outcomes.get(key);
    if (entry === undefined) {
      entry = buildOutcome(this.#side, this.#base, key, this.folded);
      // Peers choose error codes; cap the cache so a hostile peer cannot grow it without bound.
      if (this.#outcomes.size < 64) this.#outcomes.set(key, entry);
    }
    return entry;
  }
}

/** The span side of one (method, target) plus its metric entry. */
export class OperationEntry {
  /** `{mcp.method.name} {target}`, each clipped to {@link MAX_NAME_LENGTH}. */
  readonly spanName: string;
  /** Attributes every span of this operation starts with. */
  readonly spanAttributes: Attributes;
  /** `{ kind, attributes }`, built once so starting a span allocates no options object. */
  readonly spanOptions: SpanOptions;
  /** The tool or prompt name (or resource URI when opted in) as the request named it, unclipped (a cache key). */
  readonly target: string | undefined;
  /** The metric side; a provisional entry's may be replaced once the outcome shows the name is real. */
  readonly metrics: MetricEntry;
  /** True when the server could not tell whether it knows the name (low-level Server). */
  readonly provisional: boolean;

  constructor(
    kind: SpanKind,
    method: string,
    targetKey: string | undefined,
    target: string | undefined,
    metrics: MetricEntry,
    provisional: boolean,
  ) {
    this.target = target;
    this.metrics = metrics;
    this.provisional = provisional;
    const named = target !== undefined && targetKey !== undefined && targetKey !== ATTR_MCP_RESOURCE_URI;
    // Clipped once here, when the entry is built: cached entries pay nothing per request.
    const methodLabel = clipName(method);
    const targetLabel = named ? clipName(target) : undefined;
    this.spanName = targetLabel !== undefined ? `${methodLabel} ${targetLabel}` : methodLabel;
    const spanAttributes: Attributes = { [ATTR_MCP_METHOD_NAME]: methodLabel };
    if (targetLabel !== undefined) spanAttributes[targetKey as string] = targetLabel;
    if (method === 'tools/call') spanAttributes[ATTR_GEN_AI_OPERATION_NAME] = 'execute_tool';
    this.spanAttributes = Object.freeze(spanAttributes);
    this.spanOptions = { kind, attributes: this.spanAttributes };
  }
}

function buildOutcome(side: Side, base: Attributes, key: OutcomeKey, folded: boolean): OutcomeEntry {
  if (key === 'ok') {
    return {
      metricAttributes: base,
      spanAttributes: undefined,
      spanError: false,
      seriesError: false,
      errorAttributes: undefined,
    };
  }
  let errorType: string | undefined;
  let statusCode: string | undefined;
  let category: ErrorCategory | undefined;
  let spanError: boolean;
  let seriesError = true;
  if (typeof key === 'number') {
    statusCode = String(key);
    const callerFault = side === 'server' && isCallerFault(key);
    errorType = callerFault ? undefined : statusCode;
    spanError = !callerFault;
    // A caller's mistake (unknown method or tool, bad params) is no server error: HighErrorRate reads the series.
    seriesError = !callerFault;
    category = errorCategoryOfCode(key);
  } else if (key === 'cancelled') {
    errorType = 'cancelled';
    // The caller chose to stop waiting: a failure for the client, not a fault of the server.
    spanError = side === 'client';
    seriesError = false;
  } else {
    errorType = key;
    spanError = true;
    // An unknown tool answered with isError (SDK v1 does this) is a caller mistake, not a tool failure.
    category =
      key === 'tool_error' ? (folded ? 'validation' : 'tool_error') : key === 'orphaned' ? 'timeout' : key;
  }
  const spanAttributes: Attributes = {};
  if (errorType !== undefined) spanAttributes[ATTR_ERROR_TYPE] = errorType;
  if (statusCode !== undefined) spanAttributes[ATTR_RPC_RESPONSE_STATUS_CODE] = statusCode;
  return {
    // Frozen: the pipeline's histograms find their cell by the identity of a frozen attribute object.
    metricAttributes: Object.freeze({ ...base, ...spanAttributes }),
    spanAttributes,
    spanError,
    seriesError,
    errorAttributes:
      category === undefined
        ? undefined
        : Object.freeze({
            [ATTR_MCP_METHOD_NAME]: base[ATTR_MCP_METHOD_NAME] as string,
            [ATTR_ERROR_CATEGORY]: category,
          }),
  };
}

/** Which attribute names the target of a method. */
export function targetKeyOf(method: string, resourceUriOnMetrics: boolean): string | undefined {
  if (method === 'tools/call') return ATTR_GEN_AI_TOOL_NAME;
  if (method === 'prompts/get') return ATTR_GEN_AI_PROMPT_NAME;
  if (resourceUriOnMetrics && method === 'resources/read') return ATTR_MCP_RESOURCE_URI;
  return undefined;
}
