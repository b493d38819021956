import type { Attributes, BatchObservableResult, Meter, ObservableGauge } from '@opentelemetry/api';
import { getActiveObservability } from '../pipeline/active-observability.js';
import type { Observability } from '../pipeline/observability.js';
import { INTEGRATION_METRICS } from './integration-instruments.js';

/** What a connection pool reports at one instant; a field the pool does not expose stays undefined. */
export interface PoolReading {
  /** Connections open, idle and in use. */
  readonly total?: number;
  /** Open connections not in use. */
  readonly idle?: number;
  /** Requests waiting for a connection. */
  readonly pending?: number;
  /** Most connections the pool opens. */
  readonly max?: number;
}

/** Options of {@link observePool}. */
export interface ObservePoolOptions {
  /** The `integration.name` the gauges carry, usually the name of the integration using the pool. */
  readonly name: string;
  /** Reads the pool. Default: {@link readPoolStatistics}, which knows `pg.Pool` and `generic-pool`. */
  readonly read?: (pool: object) => PoolReading;
  /** Where the gauges go. Default: the active handle (`getActiveObservability()`). */
  readonly observability?: Observability;
}

/** The handle {@link observePool} returns. */
export interface ObservedPool {
  /** Stops reporting the pool, after one last collection at zero. Idempotent. */
  dispose(): void;
}

/**
 * The statistics a pool exposes, duck-typed so core imports no driver: `pg.Pool` (`totalCount`,
 * `idleCount`, `waitingCount`, `options.max`) and `generic-pool` (`size`, `available`, `pending`, `max`,
 * used by knex, mysql2's and tedious' pools and many clients). Unknown shapes read as empty.
 */
export function readPoolStatistics(pool: object): PoolReading {
  const candidate = pool as Record<string, unknown>;
  if (typeof candidate.totalCount === 'number') {
    const options = candidate.options as { max?: unknown } | undefined;
    return {
      total: candidate.totalCount,
      idle: numberOrUndefined(candidate.idleCount),
      pending: numberOrUndefined(candidate.waitingCount),
      max: numberOrUndefined(options?.max),
    };
  }
  if (typeof candidate.size === 'number' && typeof candidate.available === 'number') {
    return {
      total: candidate.size,
      idle: candidate.available,
      pending: numberOrUndefined(candidate.pending),
      max: numberOrUndefined(candidate.max),
    };
  }
  return {};
}

/**
 * Reports a connection pool as observable gauges, read at each metric collection:
 * `mcp_o11y.integration.pool.connections` by `state` (`idle`, `used`),
 * `mcp_o11y.integration.pool.pending_requests` and `mcp_o11y.integration.pool.max`, each with
 * `integration.name`. Core never imports the driver: any object the `read` function understands works.
 *
 * @example
 * ```ts
 * const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
 * const gauges = observePool(pool, { name: 'postgres' });
 * // at shutdown: gauges.dispose(); await pool.end();
 * ```
 * @throws TypeError without a name, or without a handle (pass `observability` or create one first).
 */
export function observePool(pool: object, options: ObservePoolOptions): ObservedPool {
  if (typeof options.name !== 'string' || options.name.trim() === '') {
    throw new TypeError('[@mcp-o11y/core] observePool needs a non-empty name, e.g. { name: "postgres" }.');
  }
  const observability = options.observability ?? getActiveObservability();
  if (observability === undefined) {
    throw new TypeError(
      '[@mcp-o11y/core] observePool found no observability handle: call createObservability() first, or pass { observability }.',
    );
  }
  const base = { 'integration.name': options.name };
  const source: PoolSource = {
    read: () => (options.read ?? readPoolStatistics)(pool),
    base,
    idle: { ...base, state: 'idle' },
    used: { ...base, state: 'used' },
    retired: false,
  };
  poolGauges(observability.meter).add(source);
  return {
    dispose() {
      source.retired = true;
    },
  };
}

interface PoolSource {
  read(): PoolReading;
  readonly base: Attributes;
  readonly idle: Attributes;
  readonly used: Attributes;
  /** Set by dispose: the next collection reports zeros once, then drops the source. */
  retired: boolean;
}

// One set of gauges per meter, with one batch callback walking the live pools (as the breaker gauge).
const sourcesByMeter = new WeakMap<Meter, Set<PoolSource>>();

function poolGauges(meter: Meter): Set<PoolSource> {
  const existing = sourcesByMeter.get(meter);
  if (existing !== undefined) return existing;
  const sources = new Set<PoolSource>();
  const connections = meter.createObservableGauge(INTEGRATION_METRICS.poolConnections, {
    description: 'Connections of an integration’s connection pool, by state: idle or used.',
    unit: '{connection}',
  });
  const pending = meter.createObservableGauge(INTEGRATION_METRICS.poolPendingRequests, {
    description: 'Requests waiting for a connection from an integration’s connection pool.',
    unit: '{request}',
  });
  const max = meter.createObservableGauge(INTEGRATION_METRICS.poolMax, {
    description: 'Most connections an integration’s connection pool may open.',
    unit: '{connection}',
  });
  meter.addBatchObservableCallback(
    (result) => {
      for (const source of sources) {
        observeSource(result, source, { connections, pending, max });
        if (source.retired) sources.delete(source);
      }
    },
    [connections, pending, max],
  );
  sourcesByMeter.set(meter, sources);
  return sources;
}

function observeSource(
  result: BatchObservableResult,
  source: PoolSource,
  gauges: { connections: ObservableGauge; pending: ObservableGauge; max: ObservableGauge },
): void {
  let reading: PoolReading;
  if (source.retired) {
    // Cumulative readers repeat a stream's last value after it stops: zeros say the pool is gone.
    reading = { total: 0, idle: 0, pending: 0 };
  } else {
    try {
      reading = source.read();
    } catch {
      // A pool that cannot be read this time is skipped, not allowed to fail the whole collection.
      return;
    }
  }
  if (reading.idle !== undefined) result.observe(gauges.connections, reading.idle, source.idle);
  if (reading.total !== undefined) {
    result.observe(gauges.connections, Math.max(0, reading.total - (reading.idle ?? 0)), source.used);
  }
  if (reading.pending !== undefined) result.observe(gauges.pending, reading.pending, source.base);
  if (reading.max !== undefined) result.observe(gauges.max, reading.max, source.base);
}

function numberOrUndefined(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}
