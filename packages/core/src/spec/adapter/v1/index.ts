export type { AdapterContextV1 } from './adapter-context-v1.js';
export type { AdapterDescriptorV1 } from './adapter-descriptor-v1.js';
export type { AdapterInstanceV1 } from './adapter-instance-v1.js';
export type { AdapterKindV1 } from './adapter-kind-v1.js';
export type { AdapterV1 } from './adapter-v1.js';
