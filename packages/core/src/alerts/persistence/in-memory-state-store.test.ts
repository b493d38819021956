import { expect, it } from 'vitest';
import { InMemoryStateStore } from './in-memory-state-store.js';
import { describeStateStoreContract } from './state-store-contract.test-helper.js';

describeStateStoreContract('InMemoryStateStore', async () => new InMemoryStateStore());

it('InMemoryStateStore lists the keys saved', async () => {
  const store = new InMemoryStateStore();
  await store.save('silences', []);
  await store.save('alerts', {});
  expect(store.keys()).toEqual(['alerts', 'silences']);
});
