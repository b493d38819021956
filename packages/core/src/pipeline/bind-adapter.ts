import type { AdapterDescriptorV1 } from '../spec/adapter/v1/adapter-descriptor-v1.js';
import type { AdapterV1 } from '../spec/adapter/v1/adapter-v1.js';

/**
 * Binds options to a descriptor. Adapter factories are one line over it:
 * `export const prometheus = (options = {}) => bindAdapter(adapter, options);`
 */
export function bindAdapter<Options>(descriptor: AdapterDescriptorV1<Options>, options: Options): AdapterV1 {
  return {
    specificationVersion: 'v1',
    id: descriptor.id,
    kinds: descriptor.kinds,
    create: (context) => descriptor.create(options, context),
  };
}
