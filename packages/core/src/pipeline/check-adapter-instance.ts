import type { AdapterInstanceV1 } from '../spec/adapter/v1/adapter-instance-v1.js';
import type { AdapterKindV1 } from '../spec/adapter/v1/adapter-kind-v1.js';
import type { AdapterV1 } from '../spec/adapter/v1/adapter-v1.js';

const contributionKinds: readonly [keyof AdapterInstanceV1, AdapterKindV1][] = [
  ['traces', 'traces'],
  ['metrics', 'metrics'],
  ['logs', 'logs'],
  ['notifiers', 'notifier'],
  ['healthChecks', 'health'],
];

/**
 * Refuses an instance that does not keep its descriptor's promises, at start, with a message for the
 * adapter's author: a contribution of an undeclared kind would otherwise be silently half-wired.
 */
export function checkAdapterInstance(adapter: AdapterV1, instance: unknown): AdapterInstanceV1 {
  const prefix = `[@mcp-o11y/core] adapter "${adapter.id}"`;
  if (typeof instance !== 'object' || instance === null) {
    throw new Error(`${prefix}: create() returned ${typeof instance}, expected an AdapterInstanceV1 object.`);
  }
  const candidate = instance as Partial<AdapterInstanceV1>;
  if (candidate.specificationVersion !== 'v1') {
    throw new Error(
      `${prefix}: create() returned an instance of specification "${String(candidate.specificationVersion)}"; this core implements "v1". Upgrade @mcp-o11y/core or the adapter so they match.`,
    );
  }
  for (const [field, kind] of contributionKinds) {
    if (candidate[field] !== undefined && !adapter.kinds.includes(kind)) {
      throw new Error(
        `${prefix}: its instance contributes "${field}" but its kinds do not include "${kind}".`,
      );
    }
  }
  return candidate as AdapterInstanceV1;
}
