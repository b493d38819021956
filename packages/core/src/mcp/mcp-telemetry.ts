import { type Attributes, type Counter, type Histogram, SpanKind, type Tracer } from '@opentelemetry/api';
import type { Observability } from '../pipeline/observability.js';
import type { LoggerV1 } from '../spec/logs/v1/logger-v1.js';
import type { InMemoryBackend } from '../store/in-memory-backend.js';
import { type InFlightCount, inFlightGaugeFor } from './in-flight-gauge.js';
import type { ResolvedInstrumentOptions } from './instrument-options.js';
import { type NameGuard, nameGuardFor } from './name-guard.js';
import {
  MetricEntry,
  OperationEntry,
  type ProfileAttributes,
  type Side,
  targetKeyOf,
} from './operation-cache.js';
import { ResultSizes } from './result-sizes.js';
import {
  ATTR_MCP_METHOD_NAME,
  ATTR_MCP_RESOURCE_URI,
  DURATION_BUCKETS_SECONDS,
  METRIC_CLIENT_OPERATION_DURATION,
  METRIC_CLIENT_SESSION_DURATION,
  METRIC_ERRORS,
  METRIC_NOTIFICATIONS,
  METRIC_SERVER_OPERATION_DURATION,
  METRIC_SERVER_SESSION_DURATION,
  OTHER_VALUE,
  SERIES_CLIENT_OPERATION,
  SERIES_SERVER_OPERATION,
} from './semantic-conventions.js';
import { UsageTelemetry } from './usage-telemetry.js';

/** Whether the server knows a name: true, false, or undefined when it cannot tell (low-level Server). */
export type KnownName = boolean | undefined;

/** Answers whether the instrumented server knows a tool or prompt name. */
export interface NameSource {
  known(targetKey: string, name: string): KnownName;
  /** Learns names from a `tools/list` or `prompts/list` result; `sentByUs` when this side answered it. */
  learn?(method: string, result: Record<string, unknown>, sentByUs: boolean): void;
  /** Whether this side has a handler for a request `method` it receives; undefined when it cannot tell. */
  handles?(method: string): KnownName;
}

interface MethodCache {
  readonly method: string;
  readonly metricMethod: string;
  readonly targetKey: string | undefined;
  readonly plain: OperationEntry;
  readonly targets: Map<string, OperationEntry>;
  other: MetricEntry | undefined;
}

/** The cache of one connection profile (protocol version × transport): method → target → entry. */
export class ProfileCache {
  readonly attributes: ProfileAttributes;
  readonly #telemetry: SideTelemetry;
  readonly #methods = new Map<string, MethodCache>();
  /** The metric entry every folded (`_OTHER`) method records into. */
  #otherMethod: MetricEntry | undefined;

  constructor(telemetry: SideTelemetry, attributes: ProfileAttributes) {
    this.#telemetry = telemetry;
    this.attributes = attributes;
  }

  /**
   * The entry of `method` with `params`: one or two map lookups on the hot path. A name the server does
   * not know, or one past the cap, gets a transient entry whose metric labels read `_OTHER`.
   */
  entry(method: string, params: unknown, names: NameSource): OperationEntry {
    const cache = this.#methods.get(method) ?? this.#addMethod(method, names);
    if (cache.targetKey === undefined) return cache.plain;
    const target = targetOf(cache.targetKey, params);
    if (target === undefined) return cache.plain;
    return (
      cache.targets.get(target) ?? this.#targetEntry(cache, target, names.known(cache.targetKey, target))
    );
  }

  /**
   * A provisional entry's name turned out to be served (the outcome was not a caller fault): admit it
   * under the cap and return the metric entry to record into.
   */
  promote(method: string, target: string): MetricEntry {
    const cache = this.#methods.get(method) ?? this.#addMethod(method, undefined);
    return (cache.targets.get(target) ?? this.#targetEntry(cache, target, true)).metrics;
  }

  #addMethod(method: string, names: NameSource | undefined): MethodCache {
    const telemetry = this.#telemetry;
    // Requests received name methods of the peer's choosing: only those this side serves become labels.
    // Requests sent name methods the local code chose.
    const handled = telemetry.side === 'server' ? names?.handles?.(method) : undefined;
    const admitted = telemetry.guard.admitMethod(method, handled);
    const metricMethod = admitted ? method : OTHER_VALUE;
    const targetKey = targetKeyOf(method, telemetry.options.resourceUriOnMetrics);
    // Folded methods share one metric entry: a new one per request would grow the in-flight gauge.
    let plainMetrics: MetricEntry;
    if (admitted) plainMetrics = this.#metrics(metricMethod, targetKey, undefined);
    else {
      this.#otherMethod ??= this.#metrics(OTHER_VALUE, undefined, undefined);
      plainMetrics = this.#otherMethod;
    }
    const cache: MethodCache = {
      method,
      metricMethod,
      targetKey,
      plain: new OperationEntry(telemetry.kind, method, targetKey, undefined, plainMetrics, false),
      targets: new Map(),
      other: undefined,
    };
    if (admitted) this.#methods.set(method, cache);
    return cache;
  }

  #targetEntry(cache: MethodCache, target: string, known: KnownName): OperationEntry {
    const key = cache.targetKey as string;
    const telemetry = this.#telemetry;
    if (known === false) telemetry.guard.fold(key, 'unknown');
    if (
      known === true &&
      cache.metricMethod !== OTHER_VALUE &&
      telemetry.guard.admitName(key, target, telemetry.options.maxToolNames)
    ) {
      const entry = new OperationEntry(
        this.#telemetry.kind,
        cache.method,
        key,
        target,
        this.#metrics(cache.metricMethod, key, target),
        false,
      );
      cache.targets.set(target, entry);
      return entry;
    }
    cache.other ??= this.#metrics(cache.metricMethod, key, OTHER_VALUE);
    return new OperationEntry(
      this.#telemetry.kind,
      cache.method,
      key,
      target,
      cache.other,
      known === undefined,
    );
  }

  #metrics(
    metricMethod: string,
    targetKey: string | undefined,
    metricTarget: string | undefined,
  ): MetricEntry {
    const telemetry = this.#telemetry;
    return new MetricEntry(
      telemetry.side,
      metricMethod,
      targetKey,
      metricTarget,
      this.attributes,
      telemetry.seriesFor,
      telemetry.inFlightFor,
    );
  }
}

function targetOf(targetKey: string, params: unknown): string | undefined {
  if (typeof params !== 'object' || params === null) return undefined;
  const value =
    targetKey === ATTR_MCP_RESOURCE_URI
      ? (params as { uri?: unknown }).uri
      : (params as { name?: unknown }).name;
  return typeof value === 'string' ? value : undefined;
}

/** The instruments, caches and options of one side (server or client) of one instrumentation. */
export class SideTelemetry {
  readonly side: Side;
  readonly kind: SpanKind;
  readonly tracer: Tracer;
  readonly logger: LoggerV1;
  readonly options: ResolvedInstrumentOptions;
  readonly duration: Histogram;
  readonly sessionDuration: Histogram;
  readonly inFlightFor: (attributes: Attributes) => InFlightCount;
  readonly errors: Counter;
  readonly notifications: Counter;
  readonly seriesFor: (labels: Record<string, string>) => ReturnType<InMemoryBackend['series']> | undefined;
  /** Usage by principal and client (server side, unless `usage: false`). */
  readonly usage: UsageTelemetry | undefined;
  /** Result sizes (server side, unless `resultSizes: false`). */
  readonly results: ResultSizes | undefined;
  /** The caps on metric label values, shared by every instrumentation of this side on the handle. */
  readonly guard: NameGuard;
  readonly #profiles = new Map<string, Map<string, ProfileCache>>();

  constructor(side: Side, options: ResolvedInstrumentOptions) {
    const { observability } = options;
    const meter = observability.meter;
    this.side = side;
    this.kind = side === 'server' ? SpanKind.SERVER : SpanKind.CLIENT;
    this.tracer = observability.tracer;
    this.logger = observability.logger;
    this.options = options;
    const advice = { explicitBucketBoundaries: [...DURATION_BUCKETS_SECONDS] };
    this.duration = meter.createHistogram(
      side === 'server' ? METRIC_SERVER_OPERATION_DURATION : METRIC_CLIENT_OPERATION_DURATION,
      {
        description:
          side === 'server'
            ? 'Duration of MCP requests handled, from receipt to the response being sent.'
            : 'Duration of MCP requests sent, from sending to the response arriving.',
        unit: 's',
        advice,
      },
    );
    this.sessionDuration = meter.createHistogram(
      side === 'server' ? METRIC_SERVER_SESSION_DURATION : METRIC_CLIENT_SESSION_DURATION,
      {
        description: 'Duration of MCP sessions, from initialize to the transport closing.',
        unit: 's',
        advice,
      },
    );
    const gauge = inFlightGaugeFor(meter);
    this.inFlightFor = (attributes) => gauge.count(attributes);
    this.errors = meter.createCounter(METRIC_ERRORS, {
      description:
        'Failed MCP requests by category: validation, transport, auth, timeout, tool_error, integration, internal.',
      unit: '{error}',
    });
    this.notifications = meter.createCounter(METRIC_NOTIFICATIONS, {
      description: 'MCP notifications sent and received, by method and direction.',
      unit: '{notification}',
    });
    const store = observability.store;
    const seriesName = side === 'server' ? SERIES_SERVER_OPERATION : SERIES_CLIENT_OPERATION;
    this.seriesFor = store === undefined ? () => undefined : (labels) => store.series(seriesName, labels);
    const server = side === 'server';
    this.guard = nameGuardFor(observability, side);
    // One per handle, like the guard: their principal and client caps must not restart per instrumentation.
    const shared = sharedOf(observability);
    if (server && options.usage) {
      shared.usage ??= new UsageTelemetry(meter, store, observability.logger, options.maxPrincipals);
    }
    if (server && options.resultSizes) shared.results ??= new ResultSizes(meter, store);
    this.usage = server && options.usage ? shared.usage : undefined;
    this.results = server && options.resultSizes ? shared.results : undefined;
  }

  /** The cache of a connection profile, shared by every connection with the same version and transport. */
  profile(
    protocolVersion: string | undefined,
    transportAttributes: ProfileAttributes,
    transportKey: string,
  ): ProfileCache {
    const versionKey = protocolVersion ?? '';
    let byTransport = this.#profiles.get(versionKey);
    if (byTransport === undefined) {
      byTransport = new Map();
      // Versions come from peers; bound the map (a version is also a metric label).
      if (this.#profiles.size < 16) this.#profiles.set(versionKey, byTransport);
    }
    let profile = byTransport.get(transportKey);
    if (profile === undefined) {
      const attributes: Record<string, string | number> = { ...transportAttributes };
      if (protocolVersion !== undefined) {
        attributes['mcp.protocol.version'] =
          this.#profiles.has(versionKey) && this.guard.admitVersion(protocolVersion)
            ? protocolVersion
            : OTHER_VALUE;
      }
      profile = new ProfileCache(this, Object.freeze(attributes));
      byTransport.set(transportKey, profile);
    }
    return profile;
  }

  /** Counts one notification. */
  countNotification(method: string, direction: 'receive' | 'transmit'): void {
    this.notifications.add(1, this.notificationAttributes(method, direction));
  }

  readonly #notificationAttributes = new Map<
    string,
    { receive: Record<string, string>; transmit: Record<string, string> }
  >();

  private notificationAttributes(method: string, direction: 'receive' | 'transmit'): Record<string, string> {
    let pair = this.#notificationAttributes.get(method);
    if (pair === undefined) {
      // A received notification names a method of the peer's choosing: only spec ones become labels.
      const label = this.guard.admitMethod(method, direction === 'receive' ? false : undefined)
        ? method
        : OTHER_VALUE;
      pair = {
        receive: { [ATTR_MCP_METHOD_NAME]: label, 'network.io.direction': 'receive' },
        transmit: { [ATTR_MCP_METHOD_NAME]: label, 'network.io.direction': 'transmit' },
      };
      if (label !== OTHER_VALUE) this.#notificationAttributes.set(method, pair);
    }
    return pair[direction];
  }
}

const sharedByHandle = new WeakMap<
  Observability,
  { usage?: UsageTelemetry | undefined; results?: ResultSizes | undefined }
>();

function sharedOf(observability: Observability): {
  usage?: UsageTelemetry | undefined;
  results?: ResultSizes | undefined;
} {
  let shared = sharedByHandle.get(observability);
  if (shared === undefined) {
    shared = {};
    sharedByHandle.set(observability, shared);
  }
  return shared;
}
