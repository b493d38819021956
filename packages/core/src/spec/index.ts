export type * from './adapter/v1/index.js';
export type * from './health/v1/index.js';
export type * from './logs/v1/index.js';
export type * from './metrics/v1/index.js';
export type * from './notifier/v1/index.js';
export type * from './traces/v1/index.js';
