import { describe, expect, it } from 'vitest';
import { OVERFLOW_LABEL_VALUE, WindowSeriesRegistry } from './window-series-registry.js';

const WINDOW = { bucketSeconds: 10, retentionSeconds: 3600, relativeAccuracy: 0.01 };
const NOW = 1_700_000_000_000;

function makeRegistry(maxSeries: number): WindowSeriesRegistry {
  return new WindowSeriesRegistry(maxSeries, WINDOW, () => NOW);
}

describe('WindowSeriesRegistry', () => {
  it('returns the same handle for the same name and labels, whatever the key order', () => {
    const registry = makeRegistry(10);
    const first = registry.get('requests', { method: 'tools/call', outcome: 'ok' });
    expect(registry.get('requests', { outcome: 'ok', method: 'tools/call' })).toBe(first);
    expect(registry.get('requests', { method: 'tools/call', outcome: 'error' })).not.toBe(first);
    expect(registry.get('latency', { method: 'tools/call', outcome: 'ok' })).not.toBe(first);
    expect(first.labels).toEqual({ method: 'tools/call', outcome: 'ok' });
    expect(Object.isFrozen(first.labels)).toBe(true);
  });

  it('does not confuse label sets whose joined text would collide', () => {
    const registry = makeRegistry(10);
    const first = registry.get('x', { a: 'b,c' });
    expect(registry.get('x', { a: 'b', c: '' })).not.toBe(first);
    expect(registry.get('x,a', {})).not.toBe(registry.get('x', { a: '' }));
  });

  it('stays at maxSeries under a flood of distinct label sets and folds the rest into _OTHER', () => {
    const registry = makeRegistry(1000);
    const total = 100_000;
    for (let index = 0; index < total; index += 1) {
      registry
        .get('requests', { method: `method-${index}`, outcome: index % 2 === 0 ? 'ok' : 'error' })
        .observe(0.01, false);
    }

    const stats = registry.stats();
    expect(stats).toEqual({ count: 1000, max: 1000, overflowSeries: 1, overflowObservations: total - 1000 });
    const all = registry.list();
    expect(all).toHaveLength(1001);
    const overflow = all.filter((series) => series.isOverflow);
    expect(overflow).toHaveLength(1);
    expect(overflow[0]!.labels).toEqual({ method: OVERFLOW_LABEL_VALUE, outcome: OVERFLOW_LABEL_VALUE });
    expect(overflow[0]!.window(60).count).toBe(total - 1000);
    // Counts add up exactly: nothing is lost, only detail.
    expect(all.reduce((sum, series) => sum + series.window(60).count, 0)).toBe(total);
  });

  it('keeps serving series created before the cap', () => {
    const registry = makeRegistry(2);
    const early = registry.get('requests', { method: 'a' });
    registry.get('requests', { method: 'b' });
    const late = registry.get('requests', { method: 'c' });
    expect(late.isOverflow).toBe(true);
    expect(registry.get('requests', { method: 'a' })).toBe(early);
    early.observe(1, false);
    expect(registry.stats().overflowObservations).toBe(0);
    late.observe(1, false);
    expect(registry.stats().overflowObservations).toBe(1);
  });

  it('keeps one overflow series per name and label keys, and a single catch-all past that', () => {
    const registry = makeRegistry(2);
    registry.get('fill', { a: '1' });
    registry.get('fill', { a: '2' });
    const requests = registry.get('requests', { method: 'x' });
    const errors = registry.get('errors', { code: '1' });
    expect(requests.labels).toEqual({ method: OVERFLOW_LABEL_VALUE });
    expect(errors.name).toBe('errors');
    expect(registry.get('requests', { method: 'y' })).toBe(requests);

    const catchAll = registry.get('third', { k: 'v' });
    expect(catchAll.name).toBe(OVERFLOW_LABEL_VALUE);
    expect(catchAll.labels).toEqual({});
    expect(registry.get('fourth', {})).toBe(catchAll);
    catchAll.observe(1, true);
    expect(registry.stats()).toEqual({ count: 2, max: 2, overflowSeries: 3, overflowObservations: 1 });
    expect(registry.list('requests')).toEqual([requests]);
  });

  it('rejects a bad cap or window geometry up front', () => {
    expect(() => makeRegistry(0)).toThrow(/maxSeries/);
    expect(() => new WindowSeriesRegistry(10, { ...WINDOW, retentionSeconds: 5 }, () => NOW)).toThrow(
      /retentionSeconds/,
    );
    expect(() => new WindowSeriesRegistry(10, { ...WINDOW, bucketSeconds: 0 }, () => NOW)).toThrow(
      /bucketSeconds/,
    );
    expect(() => new WindowSeriesRegistry(10, { ...WINDOW, relativeAccuracy: 2 }, () => NOW)).toThrow(
      /relativeAccuracy/,
    );
  });
});
