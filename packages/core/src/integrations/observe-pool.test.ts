import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Observability } from '../pipeline/observability.js';
import { keyOf, pointValues, quietObservability } from './metric-snapshot.test-helper.js';
import { observePool, readPoolStatistics } from './observe-pool.js';

/** The public counters of a `pg.Pool`, nothing else: core must not need the driver. */
class PgLikePool {
  totalCount = 0;
  idleCount = 0;
  waitingCount = 0;
  readonly options = { max: 10 };
}

let observability: Observability;
beforeEach(async () => {
  observability = await quietObservability();
});
afterEach(async () => {
  await observability.shutdown();
});

const postgres = { 'integration.name': 'postgres' };

describe('observePool', () => {
  it('reports a pg.Pool-shaped pool as gauges read at each collection', async () => {
    const pool = new PgLikePool();
    observePool(pool, { name: 'postgres', observability });
    Object.assign(pool, { totalCount: 7, idleCount: 2, waitingCount: 3 });
    expect(await pointValues(observability, 'mcp_o11y.integration.pool.connections')).toEqual({
      [keyOf({ ...postgres, state: 'idle' })]: 2,
      [keyOf({ ...postgres, state: 'used' })]: 5,
    });
    expect(await pointValues(observability, 'mcp_o11y.integration.pool.pending_requests')).toEqual({
      [keyOf(postgres)]: 3,
    });
    expect(await pointValues(observability, 'mcp_o11y.integration.pool.max')).toEqual({
      [keyOf(postgres)]: 10,
    });
    Object.assign(pool, { totalCount: 1, idleCount: 1, waitingCount: 0 });
    expect(await pointValues(observability, 'mcp_o11y.integration.pool.connections')).toEqual({
      [keyOf({ ...postgres, state: 'idle' })]: 1,
      [keyOf({ ...postgres, state: 'used' })]: 0,
    });
  });

  it('reads generic-pool and custom shapes, and skips what a pool does not expose', () => {
    expect(readPoolStatistics({ size: 4, available: 1, pending: 2, max: 8 })).toEqual({
      total: 4,
      idle: 1,
      pending: 2,
      max: 8,
    });
    expect(readPoolStatistics({ totalCount: 3, idleCount: 3 })).toEqual({
      total: 3,
      idle: 3,
      pending: undefined,
      max: undefined,
    });
    expect(readPoolStatistics({ connections: [] })).toEqual({});
  });

  it('uses a custom reader, and reports zeros once after dispose, then nothing', async () => {
    const pool = { busy: 4, free: 6 };
    const observed = observePool(pool, {
      name: 'redis',
      observability,
      read: (target) => {
        const { busy, free } = target as typeof pool;
        return { total: busy + free, idle: free };
      },
    });
    const redis = { 'integration.name': 'redis' };
    expect(await pointValues(observability, 'mcp_o11y.integration.pool.connections')).toEqual({
      [keyOf({ ...redis, state: 'idle' })]: 6,
      [keyOf({ ...redis, state: 'used' })]: 4,
    });
    expect(await pointValues(observability, 'mcp_o11y.integration.pool.pending_requests')).toEqual({});
    observed.dispose();
    expect(await pointValues(observability, 'mcp_o11y.integration.pool.connections')).toEqual({
      [keyOf({ ...redis, state: 'idle' })]: 0,
      [keyOf({ ...redis, state: 'used' })]: 0,
    });
  });

  it('survives a reader that throws, and needs a name and a handle', async () => {
    observePool(
      {},
      {
        name: 'broken',
        observability,
        read: () => {
          throw new Error('pool is gone');
        },
      },
    );
    observePool(Object.assign(new PgLikePool(), { totalCount: 2, idleCount: 2 }), {
      name: 'postgres',
      observability,
    });
    expect(
      Object.keys(await pointValues(observability, 'mcp_o11y.integration.pool.connections')),
    ).toHaveLength(2);
    expect(() => observePool({}, { name: '', observability })).toThrow(/non-empty name/);
    await observability.shutdown();
    expect(() => observePool({}, { name: 'late' })).toThrow(/createObservability\(\) first/);
  });
});
