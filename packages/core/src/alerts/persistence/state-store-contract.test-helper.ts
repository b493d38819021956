import { describe, expect, it } from 'vitest';
import type { StateStoreV1 } from '../../spec/alerts/v1/state-store-v1.js';

/**
 * The behaviour every `StateStoreV1` shares, run by each store's tests. It belongs in the testkit next
 * to the other conformance suites once a store adapter exists outside core.
 */
export function describeStateStoreContract(name: string, create: () => Promise<StateStoreV1>): void {
  describe(`${name}: StateStoreV1 contract`, () => {
    it('loads undefined for a key never saved', async () => {
      const store = await create();
      expect(store.specificationVersion).toBe('v1');
      expect(await store.load('never-saved')).toBeUndefined();
    });

    it('round-trips JSON values with JSON semantics', async () => {
      const store = await create();
      const value = {
        alerts: [{ id: 'a', at: new Date(0), gone: undefined }],
        count: 2,
        ok: true,
        none: null,
      };
      await store.save('alerts', value);
      expect(await store.load('alerts')).toEqual({
        alerts: [{ id: 'a', at: '1970-01-01T00:00:00.000Z' }],
        count: 2,
        ok: true,
        none: null,
      });
    });

    it('hands out copies: mutating a loaded or saved value does not change the stored one', async () => {
      const store = await create();
      const saved = { list: [1, 2] };
      await store.save('copy', saved);
      saved.list.push(3);
      const loaded = (await store.load('copy')) as { list: number[] };
      loaded.list.push(4);
      expect(await store.load('copy')).toEqual({ list: [1, 2] });
    });

    it('applies saves to one key in call order', async () => {
      const store = await create();
      await Promise.all(Array.from({ length: 20 }, (_, index) => store.save('ordered', { index })));
      expect(await store.load('ordered')).toEqual({ index: 19 });
    });

    it.each([
      '../escape',
      '..',
      '.hidden',
      'a/b',
      'a\\b',
      '/etc/passwd',
      'C:evil',
      'nul\u0000byte',
      '',
      'x'.repeat(129),
    ])('rejects the key %j', async (key) => {
      const store = await create();
      await expect(store.save(key, 1)).rejects.toThrow(/state key .* is not allowed/);
      await expect(store.load(key)).rejects.toThrow(/state key .* is not allowed/);
    });

    it('rejects a value JSON cannot hold and keeps the previous one', async () => {
      const store = await create();
      await store.save('kept', { version: 1 });
      const cycle: Record<string, unknown> = {};
      cycle.self = cycle;
      await expect(store.save('kept', { big: 1n })).rejects.toThrow(/not JSON-serialisable/);
      await expect(store.save('kept', cycle)).rejects.toThrow(/not JSON-serialisable/);
      await expect(store.save('kept', undefined)).rejects.toThrow(/JSON cannot hold/);
      expect(await store.load('kept')).toEqual({ version: 1 });
    });

    it('rejects loads and saves after close, and close is idempotent', async () => {
      const store = await create();
      await store.save('closing', 1);
      await store.close?.();
      await store.close?.();
      await expect(store.load('closing')).rejects.toThrow(/closed/);
      await expect(store.save('closing', 2)).rejects.toThrow(/closed/);
    });
  });
}
