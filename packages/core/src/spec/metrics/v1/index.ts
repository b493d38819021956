export type { MetricAttributesV1 } from './metric-attributes-v1.js';
export type { MetricDefinitionV1, MetricInstrumentKindV1 } from './metric-definition-v1.js';
export type { MetricsContributionV1 } from './metrics-contribution-v1.js';
