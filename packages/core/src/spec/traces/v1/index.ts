export type { TracesContributionV1 } from './traces-contribution-v1.js';
