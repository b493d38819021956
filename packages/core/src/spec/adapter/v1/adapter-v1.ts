import type { AdapterContextV1 } from './adapter-context-v1.js';
import type { AdapterInstanceV1 } from './adapter-instance-v1.js';
import type { AdapterKindV1 } from './adapter-kind-v1.js';

/**
 * An adapter with its options already bound: what an adapter factory returns
 * (`prometheus({ port: 9464 })`) and what config loading builds from a descriptor. Core calls `create`
 * once, inside `createObservability`.
 */
export interface AdapterV1 {
  /** The interface version this adapter implements. */
  readonly specificationVersion: 'v1';
  /** The adapter id (`prometheus`). */
  readonly id: string;
  /** Every kind of contribution `create` may return. */
  readonly kinds: readonly AdapterKindV1[];
  /** Creates the instance; see {@link AdapterDescriptorV1.create}. */
  create(context: AdapterContextV1): AdapterInstanceV1 | Promise<AdapterInstanceV1>;
}
