import type { Attributes, Counter } from '@opentelemetry/api';
import type { Observability } from '../pipeline/observability.js';
import type { LoggerV1 } from '../spec/logs/v1/logger-v1.js';
import {
  ATTR_GEN_AI_PROMPT_NAME,
  ATTR_GEN_AI_TOOL_NAME,
  ATTR_MCP_METHOD_NAME,
  ATTR_MCP_PROTOCOL_VERSION,
  ATTR_MCP_RESOURCE_URI,
} from './semantic-conventions.js';
import { isSpecMethod } from './spec-methods.js';

/** `mcp_o11y.cardinality.folded`: values recorded as `_OTHER` on metrics by the name guard. */
export const METRIC_CARDINALITY_FOLDED = 'mcp_o11y.cardinality.folded';
/** The attribute whose value was folded (`mcp.method.name`, `gen_ai.tool.name`…). */
export const ATTR_FOLDED_ATTRIBUTE = 'mcp_o11y.folded.attribute';
/** Why: `unknown` (the server does not serve it) or `cap` (past the distinct-value cap). */
export const ATTR_FOLD_REASON = 'mcp_o11y.fold.reason';

/** Distinct non-spec method names kept on metrics per handle and side. */
const MAX_METHODS = 128;
/** Distinct protocol versions kept on metrics per handle and side (a version is a peer's choice). */
const MAX_VERSIONS = 16;

/** Why a value was folded into `_OTHER`. */
export type FoldReason = 'unknown' | 'cap';

const describedAs: Readonly<Record<string, string>> = {
  [ATTR_MCP_METHOD_NAME]: 'method names',
  [ATTR_GEN_AI_TOOL_NAME]: 'tool names',
  [ATTR_GEN_AI_PROMPT_NAME]: 'prompt names',
  [ATTR_MCP_RESOURCE_URI]: 'resource URIs',
  [ATTR_MCP_PROTOCOL_VERSION]: 'protocol versions',
};

/**
 * The cardinality caps of one side (server or client) of one handle: which method names, tool and prompt
 * names and protocol versions may be metric labels. Shared by every instrumentation of that handle, so
 * instrumenting a server per session does not multiply the caps. Every fold is counted in
 * `mcp_o11y.cardinality.folded`, and the first of each attribute is logged once as a warning.
 */
export class NameGuard {
  readonly #side: string;
  readonly #logger: LoggerV1;
  readonly #counter: Counter;
  readonly #methods = new Set<string>();
  readonly #names = new Map<string, Set<string>>();
  readonly #versions = new Set<string>();
  /** attribute → reason → frozen counter attributes, built once per pair. */
  readonly #foldAttributes = new Map<string, Map<FoldReason, Attributes>>();
  readonly #counts = new Map<string, number>();

  constructor(observability: Observability, side: string) {
    this.#side = side;
    this.#logger = observability.logger;
    this.#counter = observability.meter.createCounter(METRIC_CARDINALITY_FOLDED, {
      description:
        'Values recorded as _OTHER on MCP metrics because the server does not serve them or a distinct-value cap was reached, by attribute and reason.',
      unit: '{value}',
    });
  }

  /**
   * Whether `method` may be a metric label: a spec method always; otherwise, unless `handled` is false
   * (a received request no handler serves), the first {@link MAX_METHODS} distinct ones.
   */
  admitMethod(method: string, handled: boolean | undefined): boolean {
    if (isSpecMethod(method) || this.#methods.has(method)) return true;
    if (handled === false) return this.fold(ATTR_MCP_METHOD_NAME, 'unknown');
    if (this.#methods.size >= MAX_METHODS) return this.fold(ATTR_MCP_METHOD_NAME, 'cap', MAX_METHODS);
    this.#methods.add(method);
    return true;
  }

  /** Whether `name` may be a metric label for `key` (the first `max` distinct ones). */
  admitName(key: string, name: string, max: number): boolean {
    let names = this.#names.get(key);
    if (names === undefined) {
      names = new Set();
      this.#names.set(key, names);
    }
    if (names.has(name)) return true;
    if (names.size >= max) return this.fold(key, 'cap', max);
    names.add(name);
    return true;
  }

  /** Whether a protocol version may be a metric label (the first {@link MAX_VERSIONS} distinct ones). */
  admitVersion(version: string): boolean {
    if (this.#versions.has(version)) return true;
    if (this.#versions.size >= MAX_VERSIONS) return this.fold(ATTR_MCP_PROTOCOL_VERSION, 'cap', MAX_VERSIONS);
    this.#versions.add(version);
    return true;
  }

  /** Counts one value of `key` folded into `_OTHER`; logs the first of each attribute. Returns false. */
  fold(key: string, reason: FoldReason, cap?: number): false {
    let byReason = this.#foldAttributes.get(key);
    if (byReason === undefined) {
      byReason = new Map();
      this.#foldAttributes.set(key, byReason);
      this.#warn(key, reason, cap);
    }
    let attributes = byReason.get(reason);
    if (attributes === undefined) {
      attributes = Object.freeze({
        [ATTR_FOLDED_ATTRIBUTE]: key,
        [ATTR_FOLD_REASON]: reason,
        'mcp_o11y.role': this.#side,
      });
      byReason.set(reason, attributes);
    }
    this.#counter.add(1, attributes);
    this.#counts.set(key, (this.#counts.get(key) ?? 0) + 1);
    return false;
  }

  /** Folds so far, by attribute. */
  folded(): Readonly<Record<string, number>> {
    return Object.fromEntries(this.#counts);
  }

  #warn(key: string, reason: FoldReason, cap: number | undefined): void {
    const what = describedAs[key] ?? key;
    const why = reason === 'cap' ? `past the cap of ${cap} distinct values` : 'the server does not serve';
    const next =
      key === ATTR_GEN_AI_TOOL_NAME || key === ATTR_GEN_AI_PROMPT_NAME || key === ATTR_MCP_RESOURCE_URI
        ? ' Raise `maxToolNames` if they are real.'
        : '';
    // Never the value itself: it is the peer's text, possibly huge or crafted.
    this.#logger.warn(
      `[@mcp-o11y/core] ${what} ${why} are recorded as _OTHER on metrics (${key}); spans keep the value. Every fold is counted in ${METRIC_CARDINALITY_FOLDED}.${next}`,
      { attribute: key, reason, cap, role: this.#side },
    );
  }
}

const guards = new WeakMap<Observability, { server?: NameGuard; client?: NameGuard }>();

/** The guard of `side` on `observability`, created on first use. */
export function nameGuardFor(observability: Observability, side: 'server' | 'client'): NameGuard {
  let pair = guards.get(observability);
  if (pair === undefined) {
    pair = {};
    guards.set(observability, pair);
  }
  let guard = pair[side];
  if (guard === undefined) {
    guard = new NameGuard(observability, side);
    pair[side] = guard;
  }
  return guard;
}

/** Values folded into `_OTHER` so far on `observability`, by side and attribute (empty before any). */
export function foldedCounts(observability: Observability): Record<string, Readonly<Record<string, number>>> {
  const pair = guards.get(observability);
  const counts: Record<string, Readonly<Record<string, number>>> = {};
  if (pair?.server !== undefined) counts.server = pair.server.folded();
  if (pair?.client !== undefined) counts.client = pair.client.folded();
  return counts;
}
